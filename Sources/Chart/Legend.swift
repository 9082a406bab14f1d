import Raster
import Typeset

/// Where a legend sits in its axes: the share of the free width to its left and of the
/// free height above it (0 puts it against the left or top edge, 1 against the right or
/// bottom, 0.5 centres it) — or, for a legend that slides along an edge, its left side at
/// a share of the axes' width, so that it grows rightwards as entries are added instead of
/// shifting between frames.
public struct LegendLocation: Hashable, Sendable {
    public let x: Double
    public let y: Double
    public let leftSide: Bool

    public init(x: Double, y: Double, leftSide: Bool = false) {
        self.x = Swift.min(1, Swift.max(0, x))
        self.y = Swift.min(1, Swift.max(0, y))
        self.leftSide = leftSide
    }

    public static let upperRight = LegendLocation(x: 1, y: 0)
    public static let upperLeft = LegendLocation(x: 0, y: 0)
    public static let lowerLeft = LegendLocation(x: 0, y: 1)
    public static let lowerRight = LegendLocation(x: 1, y: 1)
    public static let centerLeft = LegendLocation(x: 0, y: 0.5)
    public static let centerRight = LegendLocation(x: 1, y: 0.5)
    public static let lowerCenter = LegendLocation(x: 0.5, y: 1)
    public static let upperCenter = LegendLocation(x: 0.5, y: 0)
    public static let center = LegendLocation(x: 0.5, y: 0.5)

    /// The places 'best' tries, in order, the first of equally good ones winning:
    /// matplotlib's named locations in its order, then tenths along the top and bottom
    /// edges — a wide legend often fits between a curve's two arms only off-centre.
    public static let candidates: [LegendLocation] =
        [upperRight, upperLeft, lowerLeft, lowerRight, centerRight, centerLeft, lowerCenter, upperCenter, center]
        + (1...9).flatMap { i in
            [LegendLocation(x: Double(i) / 20, y: 0, leftSide: true), LegendLocation(x: Double(i) / 20, y: 1, leftSide: true)]
        }
}

/// What a legend row shows beside its label.
public enum LegendHandle: Sendable {
    case line(color: Color, widthPixels: Double, dash: LineDash)
    case marker(shape: MarkerShape, sizePixels: Double, face: Color, edge: Color, edgeWidthPixels: Double,
                casing: Theme.Casing?)
}

public struct LegendEntry: Sendable {
    public let label: String
    public let handle: LegendHandle
}

/// A legend for an axes' labelled artists.
public struct Legend: Sendable {
    /// A fixed location, or nil for the best one (the least overlap with what is drawn).
    public var location: LegendLocation?
    /// Under the axes (below the x label), centred on the frame, instead of inside it:
    /// for legends too big for any place inside.
    public var below: Bool
    /// The entries' font size; nil for the style's.
    public var fontSizePixels: Double?
    /// Entries wider than this (text only) break at their spaces; nil never breaks them.
    public var wrapWidthPixels: Double?

    public init(location: LegendLocation? = nil, below: Bool = false, fontSizePixels: Double? = nil,
                wrapWidthPixels: Double? = nil) {
        self.location = location
        self.below = below
        self.fontSizePixels = fontSizePixels
        self.wrapWidthPixels = wrapWidthPixels
    }
}

/// A legend measured for one axes: its rows (an entry may take several lines) and its size.
struct LegendLayout {
    let entries: [LegendEntry]
    /// Each entry's lines.
    let rows: [[TextLayout]]
    let size: (width: Double, height: Double)
    let style: Style
    let fontSize: Double
    /// Between the lines of one entry.
    var lineGap: Double { Swift.max(0.25 * fontSize, 3) }

    init?(entries: [LegendEntry], legend: Legend?, renderer: FigureRenderer) throws {
        guard !entries.isEmpty else { return nil }
        self.entries = entries
        style = renderer.style
        let style = renderer.style
        let fontSize = legend?.fontSizePixels ?? style.fontSize
        self.fontSize = fontSize
        rows = try entries.map { entry in
            let lines = try legend?.wrapWidthPixels.map { width in
                try TextWrap.lines(entry.label, maxWidth: width) { try renderer.layout($0, sizePixels: fontSize).width }
            } ?? [entry.label]
            return try lines.map { try renderer.layout($0, sizePixels: fontSize) }
        }
        let k = fontSize / style.fontSize
        let textWidth = rows.flatMap { $0.map(\.width) }.max() ?? 0
        let width = k * (2 * style.legendBorderPad + style.legendHandleLength + style.legendHandleTextPad) + textWidth
        let gap = Swift.max(0.25 * fontSize, 3)
        // Rows are as tall as their lines: a row with a fraction is taller than plain text.
        let textHeight = rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.height } + Double($1.count - 1) * gap }
        let height = k * (2 * style.legendBorderPad + Double(entries.count - 1) * style.legendLabelSpacing) + textHeight
        size = (width, height)
    }

    private var k: Double { fontSize / style.fontSize }

    /// The legend's box at `location` inside `frame`.
    func box(at location: LegendLocation, in frame: Rect) -> Rect {
        let pad = style.legendBorderAxesPad
        let (w, h) = size
        let left = frame.minX + pad, right = frame.maxX - pad - w
        let top = frame.minY + pad, bottom = frame.maxY - pad - h
        let x = location.leftSide ? Swift.min(right, left + (frame.width - 2 * pad) * location.x)
                                  : left + (right - left) * location.x
        let origin = (x, top + (bottom - top) * location.y)
        return Rect(x: origin.0.rounded(), y: origin.1.rounded(), width: w.rounded(), height: h.rounded())
    }

    /// The legend's box centred under `frame` with its top at `top`, kept on the figure.
    func box(below frame: Rect, top: Double, figureWidth: Double) -> Rect {
        let (w, h) = size
        let x = Swift.max(2, Swift.min(frame.center.x - w / 2, figureWidth - 2 - w))
        return Rect(x: x.rounded(), y: top.rounded(), width: w.rounded(), height: h.rounded())
    }

    /// Draws the legend in `box`; returns each entry line's text, anchor and layout, for the
    /// layout export.
    @discardableResult
    func draw(on canvas: inout Canvas, box: Rect, renderer: FigureRenderer) throws -> [(String, Double, PixelRect?)] {
        // The frame's straight sides snapped to the pixel grid, as spines are: crisp, and
        // no faint sliver of a row beside them (which changed pixels in every frame the
        // legend grew or shrank: a tenth of all the seed GIF's changed pixels).
        let edge = PixelSnap.width(style.legendFrameWidth)
        let inset = box.insetBy(0.5)
        let frame = Rect(minX: PixelSnap.coordinate(inset.minX, width: edge), minY: PixelSnap.coordinate(inset.minY, width: edge),
                         maxX: PixelSnap.coordinate(inset.maxX, width: edge), maxY: PixelSnap.coordinate(inset.maxY, width: edge))
        renderer.fillRoundedRectangle(frame, radius: style.legendCornerRadius,
                                      color: style.theme.legendFace.withAlpha(style.legendFrameAlpha), on: &canvas)
        if let stroke = StrokeStyle(width: edge, join: .round) {
            let outline = Path.roundedRectangle(frame, radius: style.legendCornerRadius)
            renderer.stroke(outline.contours, style: stroke, color: style.theme.legendEdge.withAlpha(style.legendFrameAlpha),
                            clip: canvas.bounds, closed: true, on: &canvas)
        }
        var drawn: [(String, Double, PixelRect?)] = []
        var y = box.minY + k * style.legendBorderPad
        let handleX = box.minX + k * style.legendBorderPad
        let handleLength = k * style.legendHandleLength
        for (entry, lines) in zip(entries, rows) {
            let middle = y + lines[0].height / 2
            switch entry.handle {
            case let .line(color, width, dash):
                if let stroke = StrokeStyle(width: width, cap: dash == .solid ? .square : .butt,
                                            dash: dash.pattern(lineWidth: width)) {
                    let yy = PixelSnap.coordinate(middle, width: width)
                    renderer.stroke([[Point(handleX, yy), Point(handleX + handleLength, yy)]],
                                    style: stroke, color: color, clip: canvas.bounds, on: &canvas)
                }
            case let .marker(shape, size, face, edge, edgeWidth, casing):
                // A legend set smaller than the style's (a narrow panel) sets its markers smaller
                // too, so that a cased marker stays in its row.
                let scale = Swift.min(k, 1)
                renderer.drawMarker(shape: shape, size: size * scale, face: face, edge: edge, edgeWidth: edgeWidth * scale,
                                    casing: casing.map { Theme.Casing(inner: $0.inner, outer: $0.outer, width: $0.width * scale) },
                                    at: Point(handleX + handleLength / 2, middle), clip: nil, on: &canvas)
            }
            let textX = handleX + handleLength + k * style.legendHandleTextPad
            for layout in lines {
                let ink = try renderer.text(layout.text, sizePixels: layout.font.sizePixels, at: Point(textX, y + layout.ascent),
                                            horizontal: .left, vertical: .baseline, color: style.theme.foreground, on: &canvas)
                drawn.append((layout.text, layout.font.sizePixels, ink))
                y += layout.height + lineGap
            }
            y += k * style.legendLabelSpacing - lineGap
        }
        return drawn
    }
}
