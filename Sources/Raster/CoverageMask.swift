/// Per-pixel coverage in 0...1 over a rectangle of whole pixels.
///
/// Guarantees: `values.count == bounds.width * bounds.height`, every value in 0...1.
public struct CoverageMask: Sendable {
    public let bounds: PixelRect
    public internal(set) var values: [Float]
    /// Per row, the columns (relative to `bounds.x`) outside which the row is empty.
    let rowRanges: [Range<Int>]

    public init(bounds: PixelRect, values: [Float]) {
        precondition(values.count == bounds.width * bounds.height, "mask size mismatch")
        self.bounds = bounds
        self.values = values.map { Swift.min(1, Swift.max(0, $0)) }
        rowRanges = [Range<Int>](repeating: 0..<bounds.width, count: bounds.height)
    }

    init(trusted bounds: PixelRect, values: [Float], rowRanges: [Range<Int>]? = nil) {
        self.bounds = bounds
        self.values = values
        self.rowRanges = rowRanges ?? [Range<Int>](repeating: 0..<bounds.width, count: bounds.height)
    }

    public subscript(x: Int, y: Int) -> Float {
        guard x >= bounds.x, x < bounds.maxX, y >= bounds.y, y < bounds.maxY else { return 0 }
        return values[(y - bounds.y) * bounds.width + (x - bounds.x)]
    }

    /// The total coverage, in square pixels.
    public var area: Double { values.reduce(0.0) { $0 + Double($1) } }

    /// The same mask moved by whole pixels.
    public func offsetBy(dx: Int, dy: Int) -> CoverageMask {
        CoverageMask(trusted: PixelRect(x: bounds.x + dx, y: bounds.y + dy,
                                        width: bounds.width, height: bounds.height),
                     values: values, rowRanges: rowRanges)
    }

    /// The mask turned a quarter turn counter-clockwise on screen about its top-left
    /// corner's frame: what read left-to-right now reads bottom-to-top.
    public func rotatedCounterClockwise() -> CoverageMask {
        let w = bounds.width, h = bounds.height
        var out = [Float](repeating: 0, count: w * h)
        for newY in 0..<w {
            for newX in 0..<h {
                out[newY * h + newX] = values[newX * w + (w - 1 - newY)]
            }
        }
        return CoverageMask(trusted: PixelRect(x: bounds.x, y: bounds.y, width: h, height: w),
                            values: out)
    }
}
