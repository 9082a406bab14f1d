import Raster
import Typeset

/// A line's dash style, in matplotlib's terms.
public enum LineDash: Sendable, Hashable {
    case solid, dashed, dotted, dashDot

    /// matplotlib's code for it, as the layout export names it.
    public var code: String {
        switch self {
        case .solid: return "-"
        case .dashed: return "--"
        case .dotted: return ":"
        case .dashDot: return "-."
        }
    }

    func pattern(lineWidth: Double) -> DashPattern? {
        switch self {
        case .solid: return nil
        case .dashed: return .dashed(lineWidth: lineWidth)
        case .dotted: return .dotted(lineWidth: lineWidth)
        case .dashDot: return .dashDot(lineWidth: lineWidth)
        }
    }
}

/// A polyline in data coordinates, clipped to its axes.
public struct LineArtist: Sendable, Hashable {
    public var data: [Point]
    public var color: Color
    public var widthPixels: Double
    public var dash: LineDash
    /// Snap axis-aligned lines to the pixel grid (guides, spines) so they stay crisp.
    public var snap: Bool
    public var label: String?
    public var zorder: Double
    /// Part of the background (contour lines): the legend may stand on it.
    public var background = false
    /// Rings round it (on a colour map), in pixels.
    public var casing: Theme.Casing?
    /// What it stands for, in the layout export; a line without one (a guide, a contour) is
    /// not exported.
    public var role: Role?
    /// Texts are placed where they do not cross it when they can (a tangent through a
    /// value's label would strike it out), as they avoid markers and arrows.
    public var avoidedByTexts = false

    public init(data: [Point], color: Color, widthPixels: Double, dash: LineDash = .solid,
                snap: Bool = false, label: String? = nil, zorder: Double = 2) {
        self.data = data
        self.color = color
        self.widthPixels = widthPixels
        self.dash = dash
        self.snap = snap
        self.label = label
        self.zorder = zorder
    }
}

/// The same marker at several data points.
public struct MarkerArtist: Sendable {
    public var data: [Point]
    public var shape: MarkerShape
    public var sizePixels: Double
    public var faceColor: Color
    public var edgeColor: Color
    public var edgeWidthPixels: Double
    public var label: String?
    public var zorder: Double
    /// What the markers stand for, in the layout export ("observation", "current_weight").
    public var role: Role
    /// Rings round each marker beyond its edge, in pixels: the page's colour on a plain
    /// background, dark and light on a colour map.
    public var casing: Theme.Casing?

    public init(data: [Point], shape: MarkerShape, sizePixels: Double, color: Color,
                edgeWidthPixels: Double, label: String? = nil, zorder: Double = 2, role: Role = .marker) {
        self.role = role
        self.data = data
        self.shape = shape
        self.sizePixels = sizePixels
        self.faceColor = color
        self.edgeColor = color
        self.edgeWidthPixels = edgeWidthPixels
        self.label = label
        self.zorder = zorder
    }
}

/// Where a text is anchored.
public enum TextAnchor: Sendable {
    /// A point in the axes' data coordinates.
    case data(Point)
    /// A point in pixels, relative to the axes frame's top-left corner.
    case framePixels(Point)
}

/// Where a text sits relative to its anchor: an offset in pixels (screen axes: +y is
/// down) and which point of its box the anchor is.
public struct TextPlacement: Sendable, Equatable {
    public var offsetPixels: Point
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment

    public init(_ offsetPixels: Point, _ horizontal: HorizontalAlignment, _ vertical: VerticalAlignment) {
        self.offsetPixels = offsetPixels
        self.horizontal = horizontal
        self.vertical = vertical
    }
}

/// A text in an axes. Unlike matplotlib's, ours is kept whole and inside the axes frame
/// (a text that would cross the frame is moved in by the least distance), and never on
/// another text or the legend: the renderer tries `placement`, then each of
/// `alternatives`, and takes the first that collides with nothing placed before it (texts
/// are placed in the order of the axes' artists) — as ggrepel and adjustText place labels
/// among candidate positions round their anchor.
public struct TextArtist: Sendable {
    public var text: String
    public var anchor: TextAnchor
    public var placement: TextPlacement
    /// Other places to try, best first, when `placement` collides.
    public var alternatives: [TextPlacement]
    public var fontSizePixels: Double
    public var color: Color
    public var zorder: Double
    /// What the text says, in the layout export ("value", "point_loss", "weight_on_line").
    public var role: Role
    /// A thin white outline under the glyphs (matplotlib's `withStroke` path effect), so
    /// no line strikes through the text.
    public var halo: Bool
    /// Left out when no place is free, instead of being squeezed in somewhere else.
    public var droppable: Bool
    /// Shorter ways to say it (a value without its name), tried in order when a droppable
    /// text finds no place even at the smallest text size.
    public var shorter: [String] = []

    public init(_ text: String, at anchor: TextAnchor, offsetPixels: Point = Point(0, 0),
                fontSizePixels: Double, color: Color, horizontal: HorizontalAlignment = .left,
                vertical: VerticalAlignment = .baseline, zorder: Double = 3, role: Role = .text,
                alternatives: [TextPlacement] = [], halo: Bool = false, droppable: Bool = false) {
        self.text = text
        self.anchor = anchor
        self.placement = TextPlacement(offsetPixels, horizontal, vertical)
        self.alternatives = alternatives
        self.fontSizePixels = fontSizePixels
        self.color = color
        self.zorder = zorder
        self.role = role
        self.halo = halo
        self.droppable = droppable
    }

    public var offsetPixels: Point { placement.offsetPixels }
    public var horizontal: HorizontalAlignment { placement.horizontal }
    public var vertical: VerticalAlignment { placement.vertical }
}

/// Anything an axes draws from data.
/// Filled polygons in data coordinates (filled contours): filled together with the nonzero
/// rule, so polygons meeting edge to edge leave no seam.
public struct AreaArtist: Sendable, Hashable {
    public var polygons: [[Point]]
    public var color: Color
    public var zorder: Double

    public init(polygons: [[Point]], color: Color, zorder: Double = 0) {
        self.polygons = polygons
        self.color = color
        self.zorder = zorder
    }
}

/// An arrow from one point to another in data coordinates, its head a filled triangle of a
/// fixed size in pixels (a step, a gradient).
public struct ArrowArtist: Sendable {
    public var from: Point
    public var to: Point
    public var color: Color
    public var widthPixels: Double
    public var headPixels: Double
    public var zorder: Double
    /// Names it in the layout export.
    public var role: Role
    /// Rings round shaft and head, in pixels.
    public var casing: Theme.Casing?

    public init(from: Point, to: Point, color: Color, widthPixels: Double, headPixels: Double, zorder: Double = 30,
                role: Role = .arrow) {
        self.from = from
        self.to = to
        self.color = color
        self.widthPixels = widthPixels
        self.headPixels = headPixels
        self.zorder = zorder
        self.role = role
    }
}

public enum Artist: Sendable {
    case line(LineArtist)
    case markers(MarkerArtist)
    case text(TextArtist)
    case area(AreaArtist)
    case arrow(ArrowArtist)

    public var zorder: Double {
        switch self {
        case .line(let a): return a.zorder
        case .markers(let a): return a.zorder
        case .text(let a): return a.zorder
        case .area(let a): return a.zorder
        case .arrow(let a): return a.zorder
        }
    }

    var legendEntry: LegendEntry? {
        switch self {
        case .line(let a):
            guard let label = a.label else { return nil }
            return LegendEntry(label: label, handle: .line(color: a.color, widthPixels: a.widthPixels, dash: a.dash))
        case .markers(let a):
            guard let label = a.label else { return nil }
            return LegendEntry(label: label, handle: .marker(shape: a.shape, sizePixels: a.sizePixels,
                                                             face: a.faceColor, edge: a.edgeColor,
                                                             edgeWidthPixels: a.edgeWidthPixels, casing: a.casing))
        case .text, .area, .arrow:
            return nil
        }
    }
}

// Text alignment belongs to Typeset; Chart's users see it through Chart.
public typealias HorizontalAlignment = Typeset.HorizontalAlignment
public typealias VerticalAlignment = Typeset.VerticalAlignment

/// Label syntax, for checking labels (a scene file's, say) before anything is drawn.
public enum LabelSyntax {
    /// Throws a `MathError` naming the label, the column and what was expected.
    public static func check(_ label: String) throws {
        try TextLayout.check(label)
    }
}
public typealias MathError = Typeset.MathError
