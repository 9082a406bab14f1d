/// An RGBA8 image with straight sRGB colours, the surface everything is drawn on.
///
/// Guarantees: `pixels.count == width * height * 4`.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "a canvas needs a positive size")
        self.width = width
        self.height = height
        pixels = []
        clear(to: background)
    }

    /// Paints every pixel `background`, reusing the pixel memory.
    public mutating func clear(to background: Color) {
        let count = width * height
        if pixels.count != count * 4 { pixels = [UInt8](repeating: 0, count: count * 4) }
        let word = UInt32(background.r) | UInt32(background.g) << 8 | UInt32(background.b) << 16 | UInt32(background.a) << 24
        pixels.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt32.self)
            for i in 0..<count { words[i] = word }
        }
    }

    /// Wraps existing RGBA bytes; nil when the byte count does not match the size.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixels of `region` (clipped to the canvas), row by row: to put back with `restore`.
    public func snapshot(_ region: PixelRect) -> [UInt8] {
        let r = region.intersection(pixelBounds)
        var out = [UInt8](repeating: 0, count: r.width * r.height * 4)
        guard !r.isEmpty else { return out }
        pixels.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { target in
                for y in 0..<r.height {
                    let from = ((r.y + y) * width + r.x) * 4
                    target.baseAddress!.advanced(by: y * r.width * 4)
                        .copyMemory(from: source.baseAddress!.advanced(by: from), byteCount: r.width * 4)
                }
            }
        }
        return out
    }

    /// Writes back pixels `snapshot(region)` took.
    public mutating func restore(_ saved: [UInt8], in region: PixelRect) {
        let r = region.intersection(pixelBounds)
        guard !r.isEmpty, saved.count == r.width * r.height * 4 else { return }
        let width = self.width
        saved.withUnsafeBytes { source in
            pixels.withUnsafeMutableBytes { target in
                for y in 0..<r.height {
                    target.baseAddress!.advanced(by: ((r.y + y) * width + r.x) * 4)
                        .copyMemory(from: source.baseAddress!.advanced(by: y * r.width * 4), byteCount: r.width * 4)
                }
            }
        }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }
    public var pixelBounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 4
        return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
    }

    /// Source-over compositing of `color` through `mask`: coverage scales the colour's
    /// alpha linearly, in sRGB values, as matplotlib's Agg backend does.
    public mutating func composite(_ mask: CoverageMask, color: Color, opacity: Double = 1) {
        composite(AlphaMask(mask), color: color, opacity: opacity)
    }

    /// Source-over compositing of `color` through an 8-bit mask. Over opaque pixels (every
    /// figure) it blends in 16-bit fixed point: each of the 256 coverage levels gets its
    /// weight once per call, full coverage at full alpha writes the colour outright.
    public mutating func composite(_ mask: AlphaMask, color: Color, opacity: Double = 1) {
        let region = mask.bounds.intersection(pixelBounds)
        guard !region.isEmpty, color.a > 0, opacity > 0 else { return }
        let alpha = Swift.min(1, Double(color.a) / 255 * opacity)
        // weights[c] = round(c / 255 · alpha · 65536): the source's share at coverage c.
        var weights = [UInt32](repeating: 0, count: 256)
        for c in 0..<256 { weights[c] = UInt32(Double(c) / 255 * alpha * 65536 + 0.5) }
        let sr = UInt32(color.r), sg = UInt32(color.g), sb = UInt32(color.b)
        // At full coverage, for four pixels at once: what each channel keeps, and the
        // source's part (alpha's makes 255 again: (255·keep + 255·w + 32768) >> 16 = 255).
        let full = weights[255]
        let fullKeep = SIMD16<UInt32>(repeating: 65536 &- full)
        let fullSource = SIMD16<UInt32>([sr, sg, sb, 255, sr, sg, sb, 255, sr, sg, sb, 255, sr, sg, sb, 255].map { $0 &* full &+ 32768 })
        let maskWidth = mask.bounds.width
        let width = self.width
        mask.levels.withUnsafeBufferPointer { coverage in
            weights.withUnsafeBufferPointer { weight in
                pixels.withUnsafeMutableBufferPointer { out in
                    for y in region.y..<region.maxY {
                        let maskRow = (y - mask.bounds.y) * maskWidth - mask.bounds.x
                        let span = mask.rowRanges[y - mask.bounds.y]
                        let first = Swift.max(region.x, mask.bounds.x + span.lowerBound)
                        let last = Swift.min(region.maxX, mask.bounds.x + span.upperBound)
                        guard first < last else { continue }
                        let levels = UnsafeRawPointer(coverage.baseAddress!)
                        var x = first
                        let target = UnsafeMutableRawPointer(out.baseAddress!)
                        while x < last {
                            // Rows of a curve's mask are mostly empty between its pieces.
                            if x + 8 <= last, levels.loadUnaligned(fromByteOffset: maskRow + x, as: UInt64.self) == 0 {
                                x += 8
                                continue
                            }
                            // Inside a filled shape (a legend's box): four fully covered pixels over
                            // opaque ones at a time, the same arithmetic as one at a time below.
                            if full < 65536, x + 4 <= last, levels.loadUnaligned(fromByteOffset: maskRow + x, as: UInt32.self) == 0xFFFF_FFFF {
                                let at = (y &* width &+ x) &* 4
                                let quad = UnsafeRawPointer(target).loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self)
                                if quad[3] == 255 && quad[7] == 255 && quad[11] == 255 && quad[15] == 255 {
                                    let mixed = (SIMD16<UInt32>(truncatingIfNeeded: quad) &* fullKeep &+ fullSource) &>> 16
                                    target.storeBytes(of: SIMD16<UInt8>(truncatingIfNeeded: mixed), toByteOffset: at, as: SIMD16<UInt8>.self)
                                    x += 4
                                    continue
                                }
                            }
                            let w = weight[Int(coverage[maskRow + x])]
                            let i = (y &* width &+ x) &* 4
                            x += 1
                            if w == 0 { continue }
                            if out[i + 3] == 255 {
                                if w == 65536 {
                                    out[i] = color.r; out[i + 1] = color.g; out[i + 2] = color.b
                                    continue
                                }
                                let keep = 65536 &- w
                                out[i] = UInt8(truncatingIfNeeded: (sr &* w &+ UInt32(out[i]) &* keep &+ 32768) >> 16)
                                out[i + 1] = UInt8(truncatingIfNeeded: (sg &* w &+ UInt32(out[i + 1]) &* keep &+ 32768) >> 16)
                                out[i + 2] = UInt8(truncatingIfNeeded: (sb &* w &+ UInt32(out[i + 2]) &* keep &+ 32768) >> 16)
                                continue
                            }
                            if out[i + 3] == 0 {
                                // Onto nothing (a transparent page): the colour at the coverage's alpha.
                                out[i] = color.r; out[i + 1] = color.g; out[i + 2] = color.b
                                out[i + 3] = UInt8(truncatingIfNeeded: (255 &* w &+ 32768) >> 16)
                                continue
                            }
                            Canvas.blend(out.baseAddress! + i, Float(w) / 65536, Float(sr), Float(sg), Float(sb))
                        }
                    }
                }
            }
        }
    }

    /// Source-over onto a pixel that is not opaque (straight alpha).
    private static func blend(_ pixel: UnsafeMutablePointer<UInt8>, _ sa: Float, _ sr: Float, _ sg: Float, _ sb: Float) {
        let dstA = Float(pixel[3]) / 255
        let outA = sa + dstA * (1 - sa)
        let keep = dstA * (1 - sa)
        pixel[0] = channel((sr * sa + Float(pixel[0]) * keep) / outA)
        pixel[1] = channel((sg * sa + Float(pixel[1]) * keep) / outA)
        pixel[2] = channel((sb * sa + Float(pixel[2]) * keep) / outA)
        pixel[3] = channel(outA * 255)
    }

    @inline(__always)
    private static func channel(_ v: Float) -> UInt8 {
        UInt8(Swift.min(255, Swift.max(0, v + 0.5)))
    }

    /// Fills `path` with `color`, clipped to `clip` (the whole canvas by default).
    public mutating func fill(_ path: Path, color: Color, rule: FillRule = .nonZero, clip: Rect? = nil) {
        guard let region = (clip ?? bounds).intersection(bounds),
              let mask = Coverage.mask(of: path, rule: rule, clip: region) else { return }
        composite(mask, color: color)
    }

    /// Strokes every polyline in one pass, so that dashes and pieces of one line never
    /// darken each other.
    public mutating func stroke(_ polylines: [[Point]], style: StrokeStyle, color: Color,
                                clip: Rect? = nil, closed: Bool = false) {
        guard let region = (clip ?? bounds).intersection(bounds),
              let (mask, opacity) = Canvas.strokeCoverage(polylines, style: style, clip: region, closed: closed) else { return }
        composite(mask, color: color, opacity: opacity)
    }

    /// The coverage of a stroke and the opacity to draw it with. Widths below one pixel
    /// are drawn one pixel wide at reduced opacity, as matplotlib does, so hairlines stay
    /// visible and keep their weight.
    public static func strokeCoverage(_ polylines: [[Point]], style: StrokeStyle, clip: Rect,
                                      closed: Bool = false) -> (CoverageMask, Double)? {
        var drawStyle = style
        var opacity = 1.0
        if style.width < 1 {
            opacity = style.width
            drawStyle = StrokeStyle(width: 1, cap: style.cap, join: style.join,
                                    miterLimit: style.miterLimit, dash: style.dash)!
        }
        var outline = Path()
        for polyline in polylines {
            if let dash = drawStyle.dash {
                let ring = closed && polyline.count > 2 ? polyline + [polyline[0]] : polyline
                for piece in dash.split(ring) {
                    outline.append(Stroker.outline(of: piece, style: drawStyle))
                }
            } else {
                outline.append(Stroker.outline(of: polyline, style: drawStyle, closed: closed))
            }
        }
        guard let mask = Coverage.mask(of: outline, rule: .nonZero, clip: clip) else { return nil }
        return (mask, opacity)
    }

    public mutating func stroke(_ polyline: [Point], style: StrokeStyle, color: Color,
                                clip: Rect? = nil, closed: Bool = false) {
        stroke([polyline], style: style, color: color, clip: clip, closed: closed)
    }
}
