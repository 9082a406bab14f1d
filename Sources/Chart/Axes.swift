import Raster
import Typeset

/// One panel: a frame in pixels, data limits, decorations and artists — matplotlib's Axes.
public struct Axes: Sendable {
    /// Names the panel in the layout export ("loss", "model").
    public var name: String
    public var frame: Rect
    public var xLimits: AxisLimits
    public var yLimits: AxisLimits
    public var xLabel: String?
    public var yLabel: String?
    /// Lines of the title, set centred above the frame.
    public var title: [String]
    /// nil: the theme's foreground.
    public var titleColor: Color?
    public var artists: [Artist]
    public var legend: Legend?
    /// Regions (in pixels) where labels will be written, so the best legend place avoids them.
    public var keepClear: [Rect] = []
    /// A colour bar to the right of the frame (filled contours' key).
    public var colorBar: ColorBar?
    /// No y tick below this value (a loss that cannot be negative, above a band for markers).
    public var yTickFloor: Double?
    /// The y values are log₁₀ of what they show: ticks at whole numbers k, labelled 10ᵏ.
    public var yPowersOfTen = false

    public init(name: String = "axes", frame: Rect, xLimits: AxisLimits, yLimits: AxisLimits, xLabel: String? = nil,
                yLabel: String? = nil, title: [String] = [], titleColor: Color? = nil,
                artists: [Artist] = [], legend: Legend? = nil) {
        self.name = name
        self.frame = frame
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
        self.titleColor = titleColor
        self.artists = artists
        self.legend = legend
    }

    public var transform: DataTransform { DataTransform(frame: frame, x: xLimits, y: yLimits) }

    var legendEntries: [LegendEntry] { artists.compactMap(\.legendEntry) }
}

/// The key to filled contours: one band per colour, of equal height, between `levels`
/// (one more level than colours), ticked and labelled at `ticks`, standing right of the axes.
public struct ColorBar: Sendable {
    public var levels: [Double]
    public var colors: [Color]
    /// Which levels carry a tick and a label (indices into `levels`).
    public var ticks: [Int]
    public var labels: [String]

    public init(levels: [Double], colors: [Color], ticks: [Int], labels: [String]) {
        precondition(levels.count == colors.count + 1 && ticks.count == labels.count, "a level each side of each band")
        self.levels = levels
        self.colors = colors
        self.ticks = ticks
        self.labels = labels
    }
}

/// Space round an axes frame taken by its ticks, labels and title, in pixels.
public struct Insets: Sendable {
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double

    public init(left: Double, right: Double, top: Double, bottom: Double) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// The larger of each side.
    public func union(_ other: Insets) -> Insets {
        Insets(left: Swift.max(left, other.left), right: Swift.max(right, other.right),
               top: Swift.max(top, other.top), bottom: Swift.max(bottom, other.bottom))
    }
}

/// A figure: a canvas size and its axes.
public struct Figure: Sendable {
    public let widthPixels: Int
    public let heightPixels: Int
    public var axes: [Axes]

    public init(widthPixels: Int, heightPixels: Int, axes: [Axes] = []) {
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.axes = axes
    }

    /// Frames for axes side by side, each with room for its decorations and all of equal
    /// width — what tight_layout gives, so no tick label or axis label leaves the figure
    /// or runs into the neighbouring panel. Edges fall on whole pixels.
    public static func columnFrames(widthPixels: Int, heightPixels: Int, insets: [Insets],
                                    style: Style) -> [Rect] {
        guard !insets.isEmpty else { return [] }
        let pad = style.figurePad
        let top = pad + (insets.map(\.top).max() ?? 0)
        let bottom = Double(heightPixels) - pad - (insets.map(\.bottom).max() ?? 0)
        var horizontal = insets[0].left + insets[insets.count - 1].right + 2 * pad
        for i in 1..<insets.count {
            horizontal += insets[i - 1].right + insets[i].left + 2 * pad
        }
        let width = Swift.max(10, (Double(widthPixels) - horizontal) / Double(insets.count))
        var x = pad + insets[0].left
        var frames: [Rect] = []
        for i in 0..<insets.count {
            frames.append(Rect(minX: x.rounded(), minY: top.rounded(),
                               maxX: (x + width).rounded(), maxY: Swift.max(top + 10, bottom).rounded()))
            if i + 1 < insets.count { x += width + insets[i].right + insets[i + 1].left + 2 * pad }
        }
        return frames
    }
}
