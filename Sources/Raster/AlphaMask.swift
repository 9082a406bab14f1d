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
}
