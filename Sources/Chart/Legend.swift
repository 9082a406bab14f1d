import Raster
import Typeset

/// matplotlib's legend locations, in the order its 'best' tries them.
public enum LegendLocation: CaseIterable, Sendable {
    case upperRight, upperLeft, lowerLeft, lowerRight, right, centerLeft, centerRight,
         lowerCenter, upperCenter, center
}

/// What a legend row shows beside its label.
public enum LegendHandle: Sendable {
    case line(color: Color, widthPixels: Double, dash: LineDash)
    case marker(shape: MarkerShape, sizePixels: Double, color: Color, edgeWidthPixels: Double)
}

public struct LegendEntry: Sendable {
    public let label: String
    public let handle: LegendHandle
}

/// A legend for an axes' labelled artists.
public struct Legend: Sendable {
    /// A fixed location, or nil for the best one (the least overlap with what is drawn).
    public var location: LegendLocation?

    public init(location: LegendLocation? = nil) {
        self.location = location
    }
}

/// A legend measured for one axes: its rows and its size.
struct LegendLayout {
    let entries: [LegendEntry]
    let layouts: [TextLayout]
    let size: (width: Double, height: Double)
    let style: Style

    init?(entries: [LegendEntry], fonts: FontLibrary, style: Style) throws {
        guard !entries.isEmpty else { return nil }
        self.entries = entries
        self.style = style
        layouts = try entries.map { try TextLayout.label($0.label, library: fonts, sizePixels: style.fontSize) }
        let textWidth = layouts.map(\.width).max() ?? 0
        let width = 2 * style.legendBorderPad + style.legendHandleLength + style.legendHandleTextPad + textWidth
        let rows = Double(entries.count)
        // Rows are as tall as their labels: a row with a fraction is taller than plain text.
        let height = 2 * style.legendBorderPad + layouts.reduce(0) { $0 + $1.height } + (rows - 1) * style.legendLabelSpacing
        size = (width, height)
    }

    /// The legend's box at `location` inside `frame`.
    func box(at location: LegendLocation, in frame: Rect) -> Rect {
        let pad = style.legendBorderAxesPad
        let (w, h) = size
        let left = frame.minX + pad, right = frame.maxX - pad - w, middleX = frame.center.x - w / 2
        let top = frame.minY + pad, bottom = frame.maxY - pad - h, middleY = frame.center.y - h / 2
        let origin: (Double, Double)
        switch location {
        case .upperRight: origin = (right, top)
        case .upperLeft: origin = (left, top)
        case .lowerLeft: origin = (left, bottom)
        case .lowerRight: origin = (right, bottom)
        case .right, .centerRight: origin = (right, middleY)
        case .centerLeft: origin = (left, middleY)
        case .lowerCenter: origin = (middleX, bottom)
        case .upperCenter: origin = (middleX, top)
        case .center: origin = (middleX, middleY)
        }
        return Rect(x: origin.0.rounded(), y: origin.1.rounded(), width: w.rounded(), height: h.rounded())
    }

    func draw(on canvas: inout Canvas, box: Rect, renderer: FigureRenderer) throws {
        let frame = box.insetBy(0.5)
        renderer.fillRoundedRectangle(frame, radius: style.legendCornerRadius,
                                      color: Color.white.withAlpha(style.legendFrameAlpha), on: &canvas)
        if let stroke = StrokeStyle(width: PixelSnap.width(style.legendFrameWidth), join: .round) {
            let outline = Path.roundedRectangle(frame, radius: style.legendCornerRadius)
            renderer.stroke(outline.contours, style: stroke, color: Style.legendEdge.withAlpha(style.legendFrameAlpha),
                            clip: canvas.bounds, closed: true, on: &canvas)
        }
        var y = box.minY + style.legendBorderPad
        let handleX = box.minX + style.legendBorderPad
        for (entry, layout) in zip(entries, layouts) {
            let middle = y + layout.height / 2
            switch entry.handle {
            case let .line(color, width, dash):
                if let stroke = StrokeStyle(width: width, cap: dash == .solid ? .square : .butt,
                                            dash: dash.pattern(lineWidth: width)) {
                    let yy = PixelSnap.coordinate(middle, width: width)
                    renderer.stroke([[Point(handleX, yy), Point(handleX + style.legendHandleLength, yy)]],
                                    style: stroke, color: color, clip: canvas.bounds, on: &canvas)
                }
            case let .marker(shape, size, color, edgeWidth):
                renderer.stamp(shape: shape, size: size, face: color, edge: color, edgeWidth: edgeWidth)
                    .draw(on: &canvas, at: Point(handleX + style.legendHandleLength / 2, middle))
            }
            let textX = handleX + style.legendHandleLength + style.legendHandleTextPad
            try renderer.text(layout.text, sizePixels: layout.font.sizePixels, at: Point(textX, y + layout.ascent),
                              horizontal: .left, vertical: .baseline, color: Style.text, on: &canvas)
            y += layout.height + style.legendLabelSpacing
        }
    }
}
