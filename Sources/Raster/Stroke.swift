/// How an open stroke ends.
public enum LineCap: Sendable {
    case butt, round, square
}

/// How a stroke turns a corner.
public enum LineJoin: Sendable {
    case miter, round, bevel
}

/// Everything about a stroke but its colour.
///
/// Guarantees: `width` is finite and > 0; `miterLimit` >= 1.
public struct StrokeStyle: Sendable {
    public let width: Double
    public var cap: LineCap
    public var join: LineJoin
    public let miterLimit: Double
    public var dash: DashPattern?

    public init?(width: Double, cap: LineCap = .butt, join: LineJoin = .round,
                 miterLimit: Double = 4, dash: DashPattern? = nil) {
        guard width.isFinite, width > 0, miterLimit.isFinite, miterLimit >= 1 else { return nil }
        self.width = width
        self.cap = cap
        self.join = join
        self.miterLimit = miterLimit
        self.dash = dash
    }
}

/// Turns polylines into the outlines of their strokes, to be filled with the non-zero rule.
///
/// Each polyline becomes one contour: the left offset forwards, the end cap, the right
/// offset backwards, the start cap. On the outer side of a corner the join fills the gap;
/// on the inner side the two offsets meet at their intersection, so a dense curve such as
/// a 500-point loss curve has no overlaps to darken and no seams to lighten.
public enum Stroker {
    public static func outline(of polyline: [Point], style: StrokeStyle, closed: Bool = false) -> Path {
        let points = deduplicated(polyline, closed: closed)
        let half = style.width / 2
        if points.count < 2 {
            guard let p = points.first else { return Path() }
            switch style.cap {
            case .butt: return Path()
            case .round: return .circle(center: p, radius: half)
            case .square: return .rectangle(Rect(minX: p.x - half, minY: p.y - half,
                                                 maxX: p.x + half, maxY: p.y + half))
            }
        }
        if closed && points.count >= 3 {
            let ring = points + [points[0]]
            let left = side(ring, half: half, style: style, sign: 1, closed: true)
            let right = side(ring, half: half, style: style, sign: -1, closed: true)
            return Path(contours: [left, right.reversed()])
        }
        var left = side(points, half: half, style: style, sign: 1, closed: false)
        var right = side(points, half: half, style: style, sign: -1, closed: false)
        let startDirection = unit(points[1] - points[0])
        let endDirection = unit(points[points.count - 1] - points[points.count - 2])
        if style.cap == .square {
            left[0] = left[0] - startDirection * half
            right[0] = right[0] - startDirection * half
            left[left.count - 1] = left[left.count - 1] + endDirection * half
            right[right.count - 1] = right[right.count - 1] + endDirection * half
        }
        var contour = left
        if style.cap == .round {
            contour += cap(at: points[points.count - 1], direction: endDirection, half: half)
        }
        contour += right.reversed()
        if style.cap == .round {
            contour += cap(at: points[0], direction: startDirection * -1, half: half)
        }
        return Path(contours: [contour])
    }

    /// The inner points of a round cap from the left offset round the end to the right.
    private static func cap(at p: Point, direction d: Point, half: Double) -> [Point] {
        let normalAngle = arcTangent(d.x, -d.y)
        let arc = Flattening.arc(center: p, radius: half, from: normalAngle,
                                 sweep: -Double.pi, includeEnd: true)
        return Array(arc.dropFirst().dropLast())
    }

    private static func deduplicated(_ polyline: [Point], closed: Bool) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(polyline.count)
        for p in polyline where p.isFinite {
            if let last = out.last, (p - last).length < 1e-9 { continue }
            out.append(p)
        }
        if closed, out.count > 1, (out[0] - out[out.count - 1]).length < 1e-9 { out.removeLast() }
        return out
    }

    private static func unit(_ v: Point) -> Point {
        let l = v.length
        return l > 0 ? v * (1 / l) : Point(1, 0)
    }

    private static func normal(_ d: Point) -> Point { Point(-d.y, d.x) }

    /// One side of the stroke (sign +1 for the left offset, −1 for the right), in the
    /// polyline's direction. For a closed ring the first point is repeated at the end.
    private static func side(_ points: [Point], half: Double, style: StrokeStyle,
                             sign: Double, closed: Bool) -> [Point] {
        let n = points.count
        var directions: [Point] = []
        var lengths: [Double] = []
        directions.reserveCapacity(n - 1)
        for i in 0..<(n - 1) {
            let v = points[i + 1] - points[i]
            lengths.append(v.length)
            directions.append(unit(v))
        }
        var out: [Point] = []
        out.reserveCapacity(n + 8)
        let segments = n - 1
        if closed {
            out += corner(at: points[0], incoming: directions[segments - 1], outgoing: directions[0],
                          inLength: lengths[segments - 1], outLength: lengths[0],
                          half: half, style: style, sign: sign)
        } else {
            out.append(points[0] + normal(directions[0]) * (half * sign))
        }
        for i in 1..<segments {
            out += corner(at: points[i], incoming: directions[i - 1], outgoing: directions[i],
                          inLength: lengths[i - 1], outLength: lengths[i],
                          half: half, style: style, sign: sign)
        }
        if !closed {
            out.append(points[n - 1] + normal(directions[segments - 1]) * (half * sign))
        }
        return out
    }

    /// The offset points at a vertex on one side.
    private static func corner(at p: Point, incoming d0: Point, outgoing d1: Point,
                               inLength: Double, outLength: Double,
                               half: Double, style: StrokeStyle, sign: Double) -> [Point] {
        let n0 = normal(d0) * sign, n1 = normal(d1) * sign
        let turn = d0.cross(d1) * sign
        let cosine = d0.dot(d1)
        if abs(turn) < 1e-12 && cosine > 0 { return [p + n0 * half] }
        if turn > 0 {
            // Inner side: the offsets cross at distance half·tan(θ/2) along each segment.
            let reach = half * abs(turn) / (1 + cosine)
            if cosine > -0.999, reach <= Swift.min(inLength, outLength) {
                return [p + (n0 + n1) * (half / (1 + cosine))]
            }
            return [p + n0 * half, p, p + n1 * half]
        }
        switch style.join {
        case .bevel:
            return [p + n0 * half, p + n1 * half]
        case .miter:
            let ratio = (2 / Swift.max(1e-12, 1 + cosine)).squareRoot()
            if ratio <= style.miterLimit {
                return [p + (n0 + n1) * (half / (1 + cosine))]
            }
            return [p + n0 * half, p + n1 * half]
        case .round:
            // The normals turn through the same angle as the path's direction.
            let start = arcTangent(n0.y, n0.x)
            let sweep = arcTangent(d0.cross(d1), cosine)
            return Flattening.arc(center: p, radius: half, from: start, sweep: sweep, includeEnd: true)
        }
    }
}
