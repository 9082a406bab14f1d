import Chart
import Raster

/// One panel of a lesson's figure, made for the figure's limits. The figure lays its panels
/// out side by side once (frames, legends, sizes), then asks each for its axes at every
/// moment. A new lesson adds panels (the (w, b) landscape) beside these and reuses the
/// layout in `LessonFigure`.
public protocol LessonPanel: Sendable {
    /// Its name in layouts and exports ("loss", "model").
    var name: String { get }
    /// What it draws: the lesson alone, or a race's runs (the first one the lesson).
    var runs: [Lesson] { get set }
    /// Which of the figure's limits its axes show: its length along each gives that limit's ticks.
    var limitAxes: (x: LimitAxis, y: LimitAxis) { get }
    /// Its axes at `moment`, in the frame and with the legend `context` gives.
    func axes(at moment: Moment, in context: PanelContext) -> Axes
    /// Its title at `epoch`: the figure sizes the frame for the longest over the lesson.
    func title(epoch: Int) -> [String]
    /// Choices made once its frame is final, over a sample of the lesson's epochs (which
    /// points carry labels, say), so that they hold in every frame.
    mutating func settle(in context: PanelContext, epochs: [Int]) throws
    /// The largest share of the frame's height a legend may take inside the axes before it
    /// goes below them.
    var legendShare: Double { get }
}

extension LessonPanel {
    public mutating func settle(in context: PanelContext, epochs: [Int]) throws {}
    public var legendShare: Double { 0.55 }

    /// The lesson: the only run, or a race's first.
    public var lesson: Lesson { runs[0] }
    /// Whether it draws a race (several runs, one epoch per keyframe) rather than one lesson stage by stage.
    public var isRace: Bool { runs.count > 1 }

    /// The same panel for runs moved by `move` (smooth motion's in-between frames).
    public func moving(_ move: (Lesson) -> Lesson) -> any LessonPanel {
        var moved = self
        moved.runs = runs.map(move)
        return moved
    }
}

/// What a panel is drawn with: its place, its legend, the figure's style and text size,
/// and a renderer to measure text (each thread has its own).
public struct PanelContext {
    public let frame: Rect
    public let legend: Legend
    public let style: Style
    /// The values' font size, the same in every panel.
    public let annotationSize: Double
    public let renderer: FigureRenderer

    public init(frame: Rect, legend: Legend, style: Style, annotationSize: Double, renderer: FigureRenderer) {
        self.frame = frame
        self.legend = legend
        self.style = style
        self.annotationSize = annotationSize
        self.renderer = renderer
    }
}

/// A value as drawn: itself when inside the limits, else just inside the edge it crossed.
struct Pin {
    let value: Double
    /// −1 below (or left of) the limits, +1 above (or right), 0 inside.
    let direction: Int
    let limits: AxisLimits

    init(_ v: Double, _ limits: AxisLimits) {
        self.limits = limits
        let inset = 0.04 * limits.span
        if v.isNaN || v > limits.upper {
            value = limits.upper - inset
            direction = 1
        } else if v < limits.lower {
            value = limits.lower + inset
            direction = -1
        } else {
            value = v
            direction = 0
        }
    }

    /// An arrowhead at the edge the value crossed, at `across` on the other axis.
    func arrow(across: Double, horizontal: Bool, color: Color, style: Style) -> [Artist] {
        guard direction != 0 else { return [] }
        let edge = direction > 0 ? limits.upper - 0.012 * limits.span : limits.lower + 0.012 * limits.span
        let shape: MarkerShape = horizontal ? (direction > 0 ? .triangleRight : .triangleLeft)
                                            : (direction > 0 ? .triangle : .triangleDown)
        let point = horizontal ? Point(edge, across) : Point(across, edge)
        return [.markers(MarkerArtist(data: [point], shape: shape, sizePixels: style.px(7), color: color,
                                      edgeWidthPixels: 0, zorder: 60, role: .pinArrow))]
    }
}


/// A dotted guide line in the foreground colour, drawn beneath everything (the notebook's zorder −50).
func guide(style: Style, _ points: [Point]) -> Artist {
    .line(LineArtist(data: points, color: style.theme.foreground, widthPixels: style.lineWidth, dash: .dotted, snap: true, zorder: -50))
}
