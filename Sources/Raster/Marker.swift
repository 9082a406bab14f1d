/// Marker shapes, matching matplotlib's marker codes.
public enum MarkerShape: Sendable {
    /// 'o'
    case circle
    /// 'x'
    case cross
    /// '+'
    case plus
    /// '*'
    case star
    /// 's'
    case square
    /// '^'
    case triangle
    /// 'v'
    case triangleDown
    /// '<'
    case triangleLeft
    /// '>'
    case triangleRight
    /// 'D'
    case diamond
    /// 'p'
    case pentagon

    /// matplotlib's code for the shape, as the layout export names it.
    public var code: String {
        switch self {
        case .circle: return "o"
        case .cross: return "x"
        case .plus: return "+"
        case .star: return "*"
        case .square: return "s"
        case .triangle: return "^"
        case .triangleDown: return "v"
        case .triangleLeft: return "<"
        case .triangleRight: return ">"
        case .diamond: return "D"
        case .pentagon: return "p"
        }
    }

    /// Whether the shape has an inside to fill ('x' and '+' are strokes only).
    public var isFilled: Bool {
        switch self {
        case .cross, .plus: return false
        default: return true
        }
    }

    /// The outline for a marker of `size` pixels (matplotlib's markersize) centred at the
    /// origin, as a closed polygon, or the strokes of an unfilled shape.
    func geometry(size: Double) -> [[Point]] {
        let r = size / 2
        switch self {
        case .circle:
            return Path.circle(center: Point(0, 0), radius: r).contours
        case .square:
            return [[Point(-r, -r), Point(r, -r), Point(r, r), Point(-r, r)]]
        case .triangle:
            return [[Point(0, -r), Point(r, r), Point(-r, r)]]
        case .triangleDown:
            return [[Point(0, r), Point(-r, -r), Point(r, -r)]]
        case .triangleLeft:
            return [[Point(-r, 0), Point(r, -r), Point(r, r)]]
        case .triangleRight:
            return [[Point(r, 0), Point(-r, r), Point(-r, -r)]]
        case .diamond:
            // A square turned 45°, its corners at the marker's reach.
            return [[Point(0, -r), Point(r, 0), Point(0, r), Point(-r, 0)]]
        case .pentagon:
            return [(0..<5).map { i in
                let angle = -Double.pi / 2 + Double(i) * 2 * Double.pi / 5
                return Point(r * cosine(angle), r * sine(angle))
            }]
        case .star:
            // matplotlib's unit_regular_star(5, innerCircle=0.381966), pointing up.
            let inner = 0.381966 * r
            return [(0..<10).map { i in
                let angle = -Double.pi / 2 + Double(i) * Double.pi / 5
                let radius = i % 2 == 0 ? r : inner
                return Point(radius * cosine(angle), radius * sine(angle))
            }]
        case .cross:
            return [[Point(-r, -r), Point(r, r)], [Point(-r, r), Point(r, -r)]]
        case .plus:
            return [[Point(-r, 0), Point(r, 0)], [Point(0, -r), Point(0, r)]]
        }
    }
}

/// A marker rasterized once and stamped at whole-pixel positions, as matplotlib's Agg
/// backend does: every copy is identical, and a data point's marker is centred on the
/// centre of the pixel that holds the point.
public struct MarkerStamp: Sendable {
    public let face: AlphaMask?
    public let edge: AlphaMask?
    public let faceColor: Color
    public let edgeColor: Color

    /// `edgeWidth` in pixels; filled shapes get a face of `faceColor` and an edge of
    /// `edgeColor`, unfilled ones only the edge.
    public init(shape: MarkerShape, size: Double, faceColor: Color, edgeColor: Color, edgeWidth: Double) {
        self.faceColor = faceColor
        self.edgeColor = edgeColor
        let centre = Point(0.5, 0.5)
        let reach = size / 2 + edgeWidth + 2
        let clip = Rect(minX: -reach, minY: -reach, maxX: reach + 1, maxY: reach + 1)
        let shapes = shape.geometry(size: size).map { $0.map { $0 + centre } }
        if shape.isFilled {
            face = Coverage.mask(of: Path(contours: shapes), clip: clip).map(AlphaMask.init)
        } else {
            face = nil
        }
        if edgeWidth > 0, let style = StrokeStyle(width: edgeWidth, cap: .butt, join: .miter) {
            var outline = Path()
            for polyline in shapes {
                outline.append(Stroker.outline(of: polyline, style: style, closed: shape.isFilled))
            }
            edge = Coverage.mask(of: outline, clip: clip).map(AlphaMask.init)
        } else {
            edge = nil
        }
    }

    /// The pixels the marker covers when drawn at `point`, or nil when it draws nothing there.
    public func box(at point: Point, clip: Rect? = nil) -> PixelRect? {
        guard point.isFinite else { return nil }
        if let clip, !clip.contains(point) { return nil }
        let dx = Int(point.x.rounded(.down)), dy = Int(point.y.rounded(.down))
        let boxes = [face, edge].compactMap { $0?.bounds }
        guard !boxes.isEmpty else { return nil }
        let x0 = boxes.map(\.x).min()!, y0 = boxes.map(\.y).min()!
        let x1 = boxes.map(\.maxX).max()!, y1 = boxes.map(\.maxY).max()!
        return PixelRect(x: x0 + dx, y: y0 + dy, width: x1 - x0, height: y1 - y0)
    }

    /// Draws the marker centred on the pixel that holds `point`, clipped to `clip`.
    public func draw(on canvas: inout Canvas, at point: Point, clip: Rect? = nil) {
        guard point.isFinite else { return }
        if let clip, !clip.contains(point) { return }
        let dx = Int(point.x.rounded(.down)), dy = Int(point.y.rounded(.down))
        if let face { canvas.composite(face.offsetBy(dx: dx, dy: dy), color: faceColor) }
        if let edge { canvas.composite(edge.offsetBy(dx: dx, dy: dy), color: edgeColor) }
    }
}
