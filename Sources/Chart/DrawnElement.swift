import Raster

/// One thing a render drew, where, and in what colour: the layout export's unit, so tests
/// and course sites can see what the pixels show (no two texts overlapping, everything on
/// the figure, captions over the GIF).
public struct DrawnElement: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case text, legend, marker
    }

    public let kind: Kind
    /// What it is: "tick", "title", "axis_label", "legend_entry", "value", "current_weight"…
    public let role: String
    /// A text's label, as written (math spans included).
    public let text: String?
    /// The pixels it inked (for a legend, its frame), origin top-left, max exclusive.
    public let box: PixelRect
    /// A text's or marker's fill.
    public let color: Color?
    /// The name of the axes it belongs to.
    public let axes: String
}
