/// How colours that the palette lacks are approximated.
public enum Dither: String, Sendable, CaseIterable {
    /// Nearest palette colour. Best for flat graphics: identical pixels stay identical from
    /// frame to frame, which frame differencing relies on.
    case none
    /// An 8×8 Bayer threshold pattern: stable from frame to frame, for gradients.
    case ordered
    /// Floyd–Steinberg error diffusion: the most faithful for photographs, the noisiest
    /// between frames.
    case fs
}

extension PaletteMapper {
    /// Bayer's 8×8 matrix, thresholds 0..<64.
    private static let bayer: [Int] = {
        var m = [0]
        var size = 1
        while size < 8 {
            var next = [Int](repeating: 0, count: 4 * size * size)
            for y in 0..<size {
                for x in 0..<size {
                    let v = 4 * m[y * size + x]
                    next[y * 2 * size + x] = v
                    next[y * 2 * size + x + size] = v + 2
                    next[(y + size) * 2 * size + x] = v + 3
                    next[(y + size) * 2 * size + x + size] = v + 1
                }
            }
            m = next
            size *= 2
        }
        return m
    }()

    /// How far ordered dithering moves a channel, in levels: about one palette step for a
    /// 256-colour palette spread over the colour cube.
    private static let orderedSpread = 24.0

    /// Palette indices for an RGBA frame `width` pixels wide.
    public mutating func indices(rgba: [UInt8], width: Int, dither: Dither) -> [UInt8] {
        switch dither {
        case .none:
            return indices(rgba: rgba)
        case .ordered:
            var out = [UInt8](repeating: 0, count: rgba.count / 4)
            for p in 0..<out.count {
                let x = p % width, y = p / width
                let offset = (Double(PaletteMapper.bayer[(y % 8) * 8 + x % 8]) + 0.5) / 64 - 0.5
                let shift = Int((offset * PaletteMapper.orderedSpread).rounded())
                var c: RGB = 0
                for k in 0..<3 {
                    c = c << 8 | RGB(Swift.min(255, Swift.max(0, Int(rgba[p * 4 + k]) + shift)))
                }
                out[p] = index(of: c)
            }
            return out
        case .fs:
            let height = rgba.count / 4 / width
            var error = [Double](repeating: 0, count: (width + 2) * 2 * 3)
            var out = [UInt8](repeating: 0, count: rgba.count / 4)
            for y in 0..<height {
                let current = (y % 2) * (width + 2) * 3, next = ((y + 1) % 2) * (width + 2) * 3
                for i in 0..<((width + 2) * 3) { error[next + i] = 0 }
                for x in 0..<width {
                    let p = y * width + x
                    var wanted = [0.0, 0.0, 0.0]
                    var c: RGB = 0
                    for k in 0..<3 {
                        wanted[k] = Double(rgba[p * 4 + k]) + error[current + (x + 1) * 3 + k]
                        c = c << 8 | RGB(Swift.min(255, Swift.max(0, Int(wanted[k].rounded()))))
                    }
                    let index = index(of: c)
                    out[p] = index
                    let chosen = palette.colors[Int(index)]
                    for k in 0..<3 {
                        let e = wanted[k] - Double(MedianCut.channel(chosen, k))
                        error[current + (x + 2) * 3 + k] += e * 7 / 16
                        error[next + x * 3 + k] += e * 3 / 16
                        error[next + (x + 1) * 3 + k] += e * 5 / 16
                        error[next + (x + 2) * 3 + k] += e * 1 / 16
                    }
                }
            }
            return out
        }
    }
}
