/// Coverage in 8 bits — levels 0...255 for 0...1, as Agg and tiny-skia keep it: what
/// canvases composite through and what renderers cache (a quarter of a `CoverageMask`'s
/// memory). Made from an exact `CoverageMask` by rounding each value to the nearest level.
///
/// Guarantees: `levels.count == bounds.width * bounds.height`.
public struct AlphaMask: Sendable {
    public let bounds: PixelRect
    public let levels: [UInt8]
    /// Per row, the columns (relative to `bounds.x`) outside which the row is empty.
    let rowRanges: [Range<Int>]

    public init(_ coverage: CoverageMask) {
        bounds = coverage.bounds
        levels = coverage.values.map { UInt8($0 * 255 + 0.5) }  // values are in 0...1
        rowRanges = coverage.rowRanges
    }

    private init(bounds: PixelRect, levels: [UInt8], rowRanges: [Range<Int>]) {
        self.bounds = bounds
        self.levels = levels
        self.rowRanges = rowRanges
    }

    /// The coverage at a pixel, 0 outside the mask.
    public subscript(x: Int, y: Int) -> Float {
        guard x >= bounds.x, x < bounds.maxX, y >= bounds.y, y < bounds.maxY else { return 0 }
        return Float(levels[(y - bounds.y) * bounds.width + (x - bounds.x)]) / 255
    }

    /// The total coverage, in square pixels.
    public var area: Double { Double(levels.reduce(0) { $0 + Int($1) }) / 255 }

    /// The mask's memory in bytes, roughly.
    public var byteCount: Int { levels.count + rowRanges.count * MemoryLayout<Range<Int>>.stride + 64 }

    /// The same mask moved by whole pixels.
    public func offsetBy(dx: Int, dy: Int) -> AlphaMask {
        AlphaMask(bounds: PixelRect(x: bounds.x + dx, y: bounds.y + dy, width: bounds.width, height: bounds.height),
                  levels: levels, rowRanges: rowRanges)
    }

    /// The mask grown by `radius` pixels in every direction: each pixel takes the largest
    /// level within a disc of that radius. Under a text, in white, it is a halo that keeps
    /// lines from striking through the glyphs. `gain` multiplies the levels (saturating):
    /// 2 makes the ring solid wherever a pixel at least half covered is within reach.
    ///
    /// With `bridging`, a gap of at most that many pixels left in a row between pixels at
    /// least half covered is filled too (as covered as the more covered of its two ends): a text's halo with no
    /// hole between glyphs set far apart (the spaces round a × in math), through which what
    /// lies beneath would meet the glyphs' edges.
    public func dilated(radius: Int, gain: Int = 1, bridging: Int = 0) -> AlphaMask {
        guard radius > 0 else { return self }
        let w = bounds.width, h = bounds.height
        let outW = w + 2 * radius, outH = h + 2 * radius
        var offsets: [(Int, Int)] = []
        for dy in -radius...radius {
            for dx in -radius...radius where dx * dx + dy * dy <= radius * radius + radius { offsets.append((dx, dy)) }
        }
        var out = [UInt8](repeating: 0, count: outW * outH)
        for y in 0..<h {
            for x in 0..<w {
                let level = UInt8(Swift.min(255, Int(levels[y * w + x]) * gain))
                guard level > 0 else { continue }
                for (dx, dy) in offsets {
                    let i = (y + radius + dy) * outW + (x + radius + dx)
                    if out[i] < level { out[i] = level }
                }
            }
        }
        if bridging > 0 {
            for y in 0..<outH {
                let row = y * outW
                // Between two pixels at least half covered, the thinner stretch is raised to the fuller.
                var lastCovered = -1
                for x in 0..<outW where out[row + x] >= 128 {
                    let gap = x - lastCovered - 1
                    if lastCovered >= 0, gap > 0, gap <= bridging {
                        let level = Swift.max(out[row + lastCovered], out[row + x])
                        for k in (lastCovered + 1)..<x where out[row + k] < level { out[row + k] = level }
                    }
                    lastCovered = x
                }
            }
        }
        return AlphaMask(bounds: PixelRect(x: bounds.x - radius, y: bounds.y - radius, width: outW, height: outH),
                         levels: out, rowRanges: [Range<Int>](repeating: 0..<outW, count: outH))
    }
}
