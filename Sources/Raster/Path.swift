/// A fillable shape: a list of closed contours (polygons). Curves are flattened before
/// they enter a path, so every contour is a list of straight edges; the last point joins
/// the first implicitly.
public struct Path: Sendable {
    public private(set) var contours: [[Point]]

    public init(contours: [[Point]] = []) {
        self.contours = contours.filter { $0.count >= 3 }
    }

    public mutating func add(contour: [Point]) {
        if contour.count >= 3 { contours.append(contour) }
    }

    public mutating func append(_ other: Path) {
        contours.append(contentsOf: other.contours)
    }

    public var isEmpty: Bool { contours.isEmpty }

    /// The bounding box of all points, or nil for an empty path.
    public var bounds: Rect? {
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        for contour in contours {
            for p in contour {
                minX = Swift.min(minX, p.x); maxX = Swift.max(maxX, p.x)
                minY = Swift.min(minY, p.y); maxY = Swift.max(maxY, p.y)
            }
        }
        guard minX <= maxX, minY <= maxY else { return nil }
        return Rect(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// A rectangle, as one contour.
    public static func rectangle(_ r: Rect) -> Path {
        Path(contours: [[Point(r.minX, r.minY), Point(r.maxX, r.minY),
                         Point(r.maxX, r.maxY), Point(r.minX, r.maxY)]])
    }

    /// A circle flattened so that no point of the true circle is farther than
    /// `Flattening.tolerance` from the polygon.
    public static func circle(center: Point, radius: Double) -> Path {
        Path(contours: [Flattening.arc(center: center, radius: radius,
                                       from: 0, sweep: 2 * Double.pi, includeEnd: false)])
    }

    /// A rectangle with circular corners of `radius` (clamped to half the shorter side).
    public static func roundedRectangle(_ r: Rect, radius: Double) -> Path {
        let rad = Swift.max(0, Swift.min(radius, Swift.min(r.width, r.height) / 2))
        guard rad > 0 else { return .rectangle(r) }
        var points: [Point] = []
        let corners = [
            (Point(r.maxX - rad, r.minY + rad), -Double.pi / 2),
            (Point(r.maxX - rad, r.maxY - rad), 0.0),
            (Point(r.minX + rad, r.maxY - rad), Double.pi / 2),
            (Point(r.minX + rad, r.minY + rad), Double.pi),
        ]
        for (center, start) in corners {
            // Ends exactly on the sides, so the straight sides stay on their lines.
            points += Flattening.arc(center: center, radius: rad, from: start,
                                     sweep: Double.pi / 2, includeEnd: true, exactEnds: true)
        }
        return Path(contours: [points])
    }
}

/// How curves become straight edges.
public enum Flattening {
    /// Largest distance, in pixels, between a curve and the polygon that replaces it: a
    /// quarter of the 0.1 px that is invisible, so that round caps and joins, whose ends
    /// sit exactly on the circle, keep their area too.
    public static let tolerance = 0.025

    /// The angle one edge may sweep on a circle of `radius` within `tolerance`.
    static func angleStep(radius: Double) -> Double {
        guard radius > tolerance else { return Double.pi / 2 }
        return 2 * (1 - tolerance / radius).clamped(-1, 1).acosValue
    }

    /// Points on an arc starting at angle `from` (radians, measured from +x towards +y)
    /// and sweeping `sweep` radians (either sign).
    /// `exactEnds` puts the first and last vertex on the true circle (where an arc meets
    /// a straight side that must not move); the others sit slightly outside, as always.
    public static func arc(center: Point, radius: Double, from: Double, sweep: Double,
                           includeEnd: Bool, exactEnds: Bool = false) -> [Point] {
        let steps = Swift.max(1, Int((abs(sweep) / angleStep(radius: radius)).rounded(.up)))
        let last = includeEnd ? steps : steps - 1
        // Vertices sit slightly outside the true circle so that each chord's sector has
        // the true sector's area: flattened circles keep their area (π r² within 0.1 %).
        let step = abs(sweep) / Double(steps)
        let vertexRadius = step > 1e-6 ? radius * (step / sine(step)).squareRoot() : radius
        return (0...Swift.max(0, last)).map { i in
            let angle = from + sweep * Double(i) / Double(steps)
            let r = exactEnds && (i == 0 || i == steps) ? radius : vertexRadius
            return Point(center.x + r * cosine(angle), center.y + r * sine(angle))
        }
    }
}

extension Double {
    func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(hi, Swift.max(lo, self)) }
}
