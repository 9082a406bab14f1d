import Raster

/// One thing a render drew, where, and in what colour: the layout export's unit, so tests
/// and course sites can see what the pixels show (no two texts overlapping, everything on
/// the figure, captions over the GIF).
public struct DrawnElement: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case text, legend, marker, line
    }

    public let kind: Kind
    /// What it is: a tick label, the title, a legend entry, the current weight…
    public let role: Role
    /// A text's label, as written (math spans included).
    public let text: String?
    /// The pixels it inked (for a legend, its frame), origin top-left, max exclusive.
    public let box: PixelRect
    /// A text's or marker's fill.
    public let color: Color?
    /// The name of the axes it belongs to.
    public let axes: String
    /// A marker's shape, as matplotlib codes it ("o", "*", "D").
    public var shape: String?
    /// A marker's edge colour (its fill's, unless hollow).
    public var edge: Color?
    /// The rings round a mark, inside out.
    public var casing: [Color] = []
    /// A line's pieces as drawn, in pixels, its width and dash (matplotlib's code).
    public var points: [[Point]]?
    public var width: Double?
    public var dash: String?
    /// A text's font size in pixels (math's sub- and superscripts are set smaller within it).
    public var size: Double?

    public init(kind: Kind, role: Role, text: String?, box: PixelRect, color: Color?, axes: String) {
        self.kind = kind
        self.role = role
        self.text = text
        self.box = box
        self.color = color
        self.axes = axes
    }
}

/// What a drawn element is, as the layout export names it ("tick", "title", "current_weight").
/// Chart names what every axes draws; a lesson's panels name their own in an extension, so
/// a typo is a compile error rather than an element no check finds.
public struct Role: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// A tick label, and the multiplier ("×10⁵") of a row of them.
    public static let tick = Role(rawValue: "tick")
    public static let tickOffset = Role(rawValue: "tick_offset")
    public static let axisLabel = Role(rawValue: "axis_label")
    public static let title = Role(rawValue: "title")
    /// A legend's frame, and the text of each of its entries.
    public static let legend = Role(rawValue: "legend")
    public static let legendEntry = Role(rawValue: "legend_entry")
    /// A colour bar's frame, and its tick labels.
    public static let colorbar = Role(rawValue: "colorbar")
    public static let colorbarTick = Role(rawValue: "colorbar_tick")
    /// What an artist that names no role of its own is.
    public static let marker = Role(rawValue: "marker")
    public static let text = Role(rawValue: "text")
    public static let arrow = Role(rawValue: "arrow")
}
