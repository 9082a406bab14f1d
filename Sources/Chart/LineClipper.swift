import Raster

/// Cuts a polyline to a rectangle (Liang–Barsky per segment), so lines far outside an
/// axes — a tangent across the whole panel, a diverging run — cost nothing to draw.
enum LineClipper {
    static func clip(_ points: [Point], to rect: Rect) -> [[Point]] {
        var pieces: [[Point]] = []
        var current: [Point] = []
        func flush() {
            if current.count >= 2 { pieces.append(current) }
            current = []
        }
        guard points.count >= 2 else { return [] }
        for i in 0..<(points.count - 1) {
            let a = points[i], b = points[i + 1]
            guard a.isFinite, b.isFinite, let (p, q) = clipSegment(a, b, rect) else {
                flush()
                continue
            }
            if let last = current.last, (last - p).length < 1e-9 {
                current.append(q)
            } else {
                flush()
                current = [p, q]
            }
        }
        flush()
        return pieces
    }

    static func clipSegment(_ a: Point, _ b: Point, _ r: Rect) -> (Point, Point)? {
        var t0 = 0.0, t1 = 1.0
        let d = b - a
        let checks = [(-d.x, a.x - r.minX), (d.x, r.maxX - a.x), (-d.y, a.y - r.minY), (d.y, r.maxY - a.y)]
        for (p, q) in checks {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { t0 = Swift.max(t0, t) } else { t1 = Swift.min(t1, t) }
                if t0 > t1 { return nil }
            }
        }
        let p = t0 == 0 ? a : a + d * t0
        let q = t1 == 1 ? b : a + d * t1
        return (p, q)
    }
}

