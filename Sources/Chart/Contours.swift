import Raster

/// A function's values on a regular grid: `value(i, j)` at (xs[i], ys[j]).
public struct ScalarGrid: Sendable {
    public let xs: [Double]
    public let ys: [Double]
    /// Row by row: ys.count rows of xs.count values.
    public let values: [Double]

    /// `f` sampled at every (x, y) of the grid.
    public init(xs: [Double], ys: [Double], _ f: (Double, Double) -> Double) {
        precondition(xs.count >= 2 && ys.count >= 2, "a grid needs two values each way")
        self.xs = xs
        self.ys = ys
        var values: [Double] = []
        values.reserveCapacity(xs.count * ys.count)
        for y in ys { for x in xs { values.append(f(x, y)) } }
        self.values = values
    }

    public func value(_ i: Int, _ j: Int) -> Double { values[j * xs.count + i] }
}

/// Contours by marching squares: each grid cell is classed by which of its corners lie below
/// the level, and the level's crossing on each edge is interpolated linearly between the
/// corners. The two saddle cases (opposite corners below) are resolved by the cell's mean:
/// when it is below the level, the two low corners are joined through the middle.
public enum Contours {
    /// The isolines at `level`, as polylines in data coordinates; a closed line ends where
    /// it starts. Segments are joined cell to cell through the edges they share.
    public static func lines(_ grid: ScalarGrid, level: Double) -> [[Point]] {
        let nx = grid.xs.count, ny = grid.ys.count
        var segments: [(Int, Int)] = []
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                for (e1, e2) in cellSegments(grid, i, j, level) {
                    segments.append((edgeID(e1, i, j, nx, ny), edgeID(e2, i, j, nx, ny)))
                }
            }
        }
        // Each edge touches at most two segments (the cells on its two sides).
        var byEdge: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() {
            byEdge[s.0, default: []].append(k)
            byEdge[s.1, default: []].append(k)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[Point]] = []
        // Open lines start at edges with one segment (the grid's border); closed ones anywhere.
        let starts = segments.indices.filter { byEdge[segments[$0].0]!.count == 1 || byEdge[segments[$0].1]!.count == 1 }
            + segments.indices
        for first in starts where !used[first] {
            used[first] = true
            var (from, to) = segments[first]
            if byEdge[to]!.count == 1 && byEdge[from]!.count == 2 { swap(&from, &to) }
            var chain = [from, to]
            var edge = to
            while let next = byEdge[edge]!.first(where: { !used[$0] }) {
                used[next] = true
                edge = segments[next].0 == edge ? segments[next].1 : segments[next].0
                chain.append(edge)
            }
            lines.append(chain.map { point(onEdge: $0, grid, level) })
        }
        return lines
    }

    /// The region where the values are below `level`, as polygons in data coordinates, all
    /// turning the same way and meeting edge to edge, so that filled together with the
    /// nonzero rule they cover the region exactly once. Runs of cells wholly below become
    /// one rectangle.
    public static func below(_ grid: ScalarGrid, level: Double) -> [[Point]] {
        let nx = grid.xs.count, ny = grid.ys.count
        var polygons: [[Point]] = []
        for j in 0..<(ny - 1) {
            var run: Int?
            for i in 0...(nx - 1) {
                let full = i < nx - 1 && cellCase(grid, i, j, level) == 15
                if full {
                    if run == nil { run = i }
                    continue
                }
                if let start = run {
                    let (x0, x1, y0, y1) = (grid.xs[start], grid.xs[i], grid.ys[j], grid.ys[j + 1])
                    polygons.append([Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)])
                    run = nil
                }
                if i < nx - 1 { polygons += cellPieces(grid, i, j, level) }
            }
        }
        return polygons
    }

    // MARK: Cells

    /// Edges of a cell: bottom (corner a to b), right (b to c), top (d to c), left (a to d),
    /// with a = (i, j), b = (i+1, j), c = (i+1, j+1), d = (i, j+1).
    enum Edge { case bottom, right, top, left }

    /// Bits a = 1, b = 2, c = 4, d = 8 for the corners below the level.
    static func cellCase(_ g: ScalarGrid, _ i: Int, _ j: Int, _ level: Double) -> Int {
        (g.value(i, j) < level ? 1 : 0) | (g.value(i + 1, j) < level ? 2 : 0)
            | (g.value(i + 1, j + 1) < level ? 4 : 0) | (g.value(i, j + 1) < level ? 8 : 0)
    }

    /// Whether the two low corners of a saddle cell are joined through its middle.
    private static func joined(_ g: ScalarGrid, _ i: Int, _ j: Int, _ level: Double) -> Bool {
        (g.value(i, j) + g.value(i + 1, j) + g.value(i + 1, j + 1) + g.value(i, j + 1)) / 4 < level
    }

    private static func cellSegments(_ g: ScalarGrid, _ i: Int, _ j: Int, _ level: Double) -> [(Edge, Edge)] {
        switch cellCase(g, i, j, level) {
        case 0, 15: return []
        case 1, 14: return [(.left, .bottom)]
        case 2, 13: return [(.bottom, .right)]
        case 3, 12: return [(.left, .right)]
        case 4, 11: return [(.right, .top)]
        case 6, 9: return [(.bottom, .top)]
        case 7, 8: return [(.left, .top)]
        case 5: // a and c low
            return joined(g, i, j, level) ? [(.bottom, .right), (.top, .left)] : [(.left, .bottom), (.right, .top)]
        default: // 10: b and d low
            return joined(g, i, j, level) ? [(.left, .bottom), (.right, .top)] : [(.bottom, .right), (.top, .left)]
        }
    }

    /// The cell's part below the level: corners a, b, c, d in turn, with the crossing on
    /// each edge where the side changes; a saddle whose low corners are not joined gives two
    /// triangles.
    private static func cellPieces(_ g: ScalarGrid, _ i: Int, _ j: Int, _ level: Double) -> [[Point]] {
        let c = cellCase(g, i, j, level)
        if c == 0 { return [] }
        let corners = [Point(g.xs[i], g.ys[j]), Point(g.xs[i + 1], g.ys[j]), Point(g.xs[i + 1], g.ys[j + 1]),
                       Point(g.xs[i], g.ys[j + 1])]
        let low = [c & 1 != 0, c & 2 != 0, c & 4 != 0, c & 8 != 0]
        let edges: [Edge] = [.bottom, .right, .top, .left]
        func crossing(_ k: Int) -> Point { cross(edges[k], i, j, g, level) }
        if (c == 5 || c == 10) && !joined(g, i, j, level) {
            // Each low corner alone, with the crossings on its two edges.
            return (0..<4).filter { low[$0] }.map { k in [crossing((k + 3) % 4), corners[k], crossing(k)] }
        }
        var polygon: [Point] = []
        for k in 0..<4 {
            if low[k] { polygon.append(corners[k]) }
            if low[k] != low[(k + 1) % 4] { polygon.append(crossing(k)) }
        }
        return [polygon]
    }

    /// Where the level crosses an edge, by linear interpolation between its corners.
    private static func cross(_ edge: Edge, _ i: Int, _ j: Int, _ g: ScalarGrid, _ level: Double) -> Point {
        let (i0, j0, i1, j1): (Int, Int, Int, Int)
        switch edge {
        case .bottom: (i0, j0, i1, j1) = (i, j, i + 1, j)
        case .right: (i0, j0, i1, j1) = (i + 1, j, i + 1, j + 1)
        case .top: (i0, j0, i1, j1) = (i, j + 1, i + 1, j + 1)
        case .left: (i0, j0, i1, j1) = (i, j, i, j + 1)
        }
        let v0 = g.value(i0, j0), v1 = g.value(i1, j1)
        let t = v1 == v0 ? 0.5 : Swift.min(1, Swift.max(0, (level - v0) / (v1 - v0)))
        return Point(g.xs[i0] + t * (g.xs[i1] - g.xs[i0]), g.ys[j0] + t * (g.ys[j1] - g.ys[j0]))
    }

    /// Edges numbered across the grid: horizontal ones first, then vertical ones.
    private static func edgeID(_ edge: Edge, _ i: Int, _ j: Int, _ nx: Int, _ ny: Int) -> Int {
        let horizontal = (nx - 1) * ny
        switch edge {
        case .bottom: return j * (nx - 1) + i
        case .top: return (j + 1) * (nx - 1) + i
        case .left: return horizontal + j * nx + i
        case .right: return horizontal + j * nx + i + 1
        }
    }

    private static func point(onEdge id: Int, _ g: ScalarGrid, _ level: Double) -> Point {
        let nx = g.xs.count, horizontal = (nx - 1) * g.ys.count
        if id < horizontal { return cross(.bottom, id % (nx - 1), id / (nx - 1), g, level) }
        let k = id - horizontal
        return cross(.left, k % nx, k / nx, g, level)
    }
}
