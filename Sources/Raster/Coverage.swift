/// How overlapping contours combine.
public enum FillRule: Sendable {
    /// Covered where the winding number is not zero.
    case nonZero
    /// Covered where the winding number is odd.
    case evenOdd
}

/// Exact-area anti-aliasing.
///
/// Every edge adds, to each pixel of each row it crosses, the signed area it leaves to its
/// right inside that pixel, stored as differences between neighbouring columns; a running
/// sum along the row then gives each pixel the integral of the winding number over its
/// square. For a contour that does not overlap itself this is exactly the covered area.
/// Contours are first clipped to the clip rectangle (Sutherland–Hodgman), so coverage at
/// the clip edge is exact too.
public enum Coverage {
    /// The coverage of `path` inside `clip`, or nil when nothing is covered.
    public static func mask(of path: Path, rule: FillRule = .nonZero, clip: Rect) -> CoverageMask? {
        let contours = path.contours.compactMap { contour -> [Point]? in
            let clipped = clipPolygon(contour, to: clip)
            return clipped.count >= 3 ? clipped : nil
        }
        guard let bounds = Path(contours: contours).bounds else { return nil }
        let region = PixelRect(covering: bounds)
        guard !region.isEmpty else { return nil }

        var accumulator = Accumulator(width: region.width, height: region.height)
        let origin = Point(Double(region.x), Double(region.y))
        for contour in contours {
            var previous = contour[contour.count - 1] - origin
            for point in contour {
                let current = point - origin
                accumulator.addEdge(from: previous, to: current)
                previous = current
            }
        }
        let (values, rows) = accumulator.coverage(rule: rule)
        return CoverageMask(trusted: region, values: values, rowRanges: rows)
    }

    /// Sutherland–Hodgman clipping of one polygon to an axis-aligned rectangle. The result
    /// may contain edges running along the rectangle's sides; they add no area.
    static func clipPolygon(_ polygon: [Point], to rect: Rect) -> [Point] {
        var points = polygon
        if let b = Path(contours: [polygon]).bounds,
           b.minX >= rect.minX, b.maxX <= rect.maxX, b.minY >= rect.minY, b.maxY <= rect.maxY {
            return points
        }
        points = clipAgainst(points, inside: { $0.x >= rect.minX }, crossing: { a, b in
            let t = (rect.minX - a.x) / (b.x - a.x)
            return Point(rect.minX, a.y + (b.y - a.y) * t)
        })
        points = clipAgainst(points, inside: { $0.x <= rect.maxX }, crossing: { a, b in
            let t = (rect.maxX - a.x) / (b.x - a.x)
            return Point(rect.maxX, a.y + (b.y - a.y) * t)
        })
        points = clipAgainst(points, inside: { $0.y >= rect.minY }, crossing: { a, b in
            let t = (rect.minY - a.y) / (b.y - a.y)
            return Point(a.x + (b.x - a.x) * t, rect.minY)
        })
        points = clipAgainst(points, inside: { $0.y <= rect.maxY }, crossing: { a, b in
            let t = (rect.maxY - a.y) / (b.y - a.y)
            return Point(a.x + (b.x - a.x) * t, rect.maxY)
        })
        return points
    }

    private static func clipAgainst(_ polygon: [Point], inside: (Point) -> Bool,
                                    crossing: (Point, Point) -> Point) -> [Point] {
        guard let last = polygon.last else { return [] }
        var out: [Point] = []
        out.reserveCapacity(polygon.count + 4)
        var previous = last
        var previousInside = inside(previous)
        for current in polygon {
            let currentInside = inside(current)
            if currentInside {
                if !previousInside { out.append(crossing(previous, current)) }
                out.append(current)
            } else if previousInside {
                out.append(crossing(previous, current))
            }
            previous = current
            previousInside = currentInside
        }
        return out
    }
}

/// Signed-area accumulation over a grid of `width × height` pixels.
struct Accumulator {
    let width: Int
    let height: Int
    /// One extra column per row holds what edges leave to the right of the last pixel.
    private var cells: [Float]
    /// The first and last column each row's edges touched: outside them a row is empty,
    /// so a thin curve across a large clip costs only the pixels near it.
    private var firstTouched: [Int]
    private var lastTouched: [Int]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = [Float](repeating: 0, count: (width + 1) * height)
        firstTouched = [Int](repeating: Int.max, count: height)
        lastTouched = [Int](repeating: -1, count: height)
    }

    /// Adds one directed edge. Downward edges (y increasing) count +1, upward −1.
    mutating func addEdge(from a: Point, to b: Point) {
        guard a.y != b.y, a.isFinite, b.isFinite else { return }
        let direction: Double = a.y < b.y ? 1 : -1
        let (top, bottom) = a.y < b.y ? (a, b) : (b, a)
        let dxdy = (bottom.x - top.x) / (bottom.y - top.y)
        let firstRow = Swift.max(0, Int(top.y.rounded(.down)))
        let endRow = Swift.min(height, Int(bottom.y.rounded(.up)))
        guard firstRow < endRow else { return }
        for row in firstRow..<endRow {
            let y0 = Swift.max(Double(row), top.y)
            let y1 = Swift.min(Double(row + 1), bottom.y)
            guard y1 > y0 else { continue }
            let x0 = top.x + (y0 - top.y) * dxdy
            let x1 = top.x + (y1 - top.y) * dxdy
            addRowPiece(row: row, x0: x0, x1: x1, height: (y1 - y0) * direction)
        }
    }

    /// One edge piece inside one row: its x runs linearly from x0 to x1 while it covers
    /// `height` (signed) of the row. Parts left of the grid cover every pixel of the row;
    /// parts right of it cover none.
    private mutating func addRowPiece(row: Int, x0: Double, x1: Double, height: Double) {
        let lo = Swift.min(x0, x1), hi = Swift.max(x0, x1)
        let limit = Double(width)
        if hi <= 0 {
            add(row: row, column: 0, height)
            return
        }
        if lo >= limit {
            // Covers nothing, but the row is filled up to here: record how far it reaches.
            add(row: row, column: width, height)
            return
        }
        if lo < 0 || hi > limit {
            // Split where the piece leaves the grid so each part is handled exactly.
            let span = hi - lo
            let cuts = [lo, Swift.max(lo, 0), Swift.min(hi, limit), hi]
            for i in 0..<3 where cuts[i + 1] > cuts[i] {
                let part = height * (cuts[i + 1] - cuts[i]) / span
                addRowPiece(row: row, x0: cuts[i], x1: cuts[i + 1], height: part)
            }
            return
        }
        addInside(row: row, lo: lo, hi: hi, height: height)
    }

    /// For x uniform in lo...hi, column c receives height × mean(clamp(c + 1 − x, 0, 1)):
    /// the share of the pixel right of the edge. Stored as differences between columns.
    private mutating func addInside(row: Int, lo: Double, hi: Double, height: Double) {
        let firstColumn = Int(lo.rounded(.down))
        let lastColumn = Swift.min(width - 1, Swift.max(firstColumn, Int(hi.rounded(.up)) - 1))
        var previous = 0.0
        for column in firstColumn...lastColumn {
            let share = Accumulator.rightShare(column: Double(column), lo: lo, hi: hi)
            let covered = height * share
            add(row: row, column: column, covered - previous)
            previous = covered
        }
        add(row: row, column: lastColumn + 1, height - previous)
    }

    /// mean over x in lo...hi of clamp(c + 1 − x, 0, 1).
    static func rightShare(column c: Double, lo: Double, hi: Double) -> Double {
        if hi - lo < 1e-9 { return (c + 1 - (lo + hi) / 2).clamped(0, 1) }
        return (antiderivative(hi, c) - antiderivative(lo, c)) / (hi - lo)
    }

    /// ∫₀ᵘ clamp(c + 1 − s, 0, 1) ds, up to a constant.
    private static func antiderivative(_ u: Double, _ c: Double) -> Double {
        if u <= c { return u }
        if u >= c + 1 { return c + 0.5 }
        let t = u - c
        return c + t - t * t / 2
    }

    @inline(__always)
    private mutating func add(row: Int, column: Int, _ value: Double) {
        cells[row * (width + 1) + column] += Float(value)
        if column < firstTouched[row] { firstTouched[row] = column }
        if column > lastTouched[row] { lastTouched[row] = column }
    }

    /// Coverage per pixel, and for each row the columns that may be non-zero.
    func coverage(rule: FillRule) -> ([Float], [Range<Int>]) {
        var out = [Float](repeating: 0, count: width * height)
        var ranges = [Range<Int>](repeating: 0..<0, count: height)
        for row in 0..<height where lastTouched[row] >= 0 {
            var winding: Float = 0
            let base = row * (width + 1)
            let columns = firstTouched[row]..<Swift.min(width, lastTouched[row] + 1)
            ranges[row] = columns
            for column in columns {
                winding += cells[base + column]
                let magnitude = abs(winding)
                let value: Float
                switch rule {
                case .nonZero:
                    value = Swift.min(1, magnitude)
                case .evenOdd:
                    let folded = magnitude.truncatingRemainder(dividingBy: 2)
                    value = folded > 1 ? 2 - folded : folded
                }
                out[row * width + column] = value
            }
        }
        return (out, ranges)
    }
}
