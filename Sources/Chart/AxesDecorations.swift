import Raster
import Typeset

/// What an axes sets round its frame — tick marks and labels, their multipliers, the axis
/// labels, the title — measured once for a frame and its column. The frame is sized from it
/// (`FigureRenderer.insets`) and it is drawn from it (`FigureRenderer.drawDecorations`), so
/// the room given and the room taken cannot disagree.
struct AxesDecorations {
    /// The axis labels and the title as they will be set: wrapped, perhaps smaller.
    let xLabel: FittedText?
    let yLabel: FittedText?
    let title: [FittedText]
    let xTicks: [Double]
    let xTickLabels: TickLabels
    let yTicks: [Double]
    let yTickLabels: TickLabels
    /// A tick label's line height ("lp" in the tick font).
    let tickLabelHeight: Double
    let widestYTickLabel: Double
    /// The multipliers' heights ("×10⁵" under the x axis, over the y axis), when there are any.
    let xOffsetHeight: Double?
    let yOffsetHeight: Double?
    /// The wrapped axis labels' heights (the y label's across the axis: it is turned).
    let xLabelHeight: Double?
    let yLabelHeight: Double?
    let titleHeight: Double
    let style: Style

    /// Everything `axes` sets round its frame, in `column`'s share of the figure's width.
    init(measuring axes: Axes, column: ClosedRange<Double>, renderer: FigureRenderer) throws {
        let style = renderer.style
        self.style = style
        let font = try renderer.fonts.font(sizePixels: style.fontSize)
        // The x axis's multiplier has a row of its own above the label: the label may take
        // the whole width of the frame.
        xLabel = try axes.xLabel.map { try renderer.fit($0, maxWidth: Swift.max(20, axes.frame.width), sizePixels: style.fontSize) }
        yLabel = try axes.yLabel.map { try renderer.fit($0, maxWidth: Swift.max(20, axes.frame.height), sizePixels: style.fontSize) }
        title = try AxesDecorations.fittedTitle(axes.title, column: column, renderer: renderer)
        xTicks = renderer.xTicks(axes)
        xTickLabels = TickLabels(xTicks)
        yTicks = renderer.yTicks(axes)
        yTickLabels = axes.yPowersOfTen ? TickLabels(powersOfTen: yTicks) : TickLabels(yTicks)
        tickLabelHeight = TextLayout("lp", font: font).height
        widestYTickLabel = yTickLabels.labels.map { TextLayout($0, font: font).width }.max() ?? 0
        xOffsetHeight = try xTickLabels.offsetText.map { try renderer.layout($0, sizePixels: style.fontSize).height }
        yOffsetHeight = try yTickLabels.offsetText.map { try renderer.layout($0, sizePixels: style.fontSize).height }
        xLabelHeight = try xLabel.map { try AxesDecorations.stackHeight($0, renderer: renderer) }
        yLabelHeight = try yLabel.map { try AxesDecorations.stackHeight($0, renderer: renderer) }
        titleHeight = try AxesDecorations.titleHeight(title, renderer: renderer)
    }

    /// A title's lines as they will be set in `column`: each on one line, smaller (to 70 %,
    /// and to half for a line still too wide) when the column is narrow, all at one size.
    static func fittedTitle(_ lines: [String], column: ClosedRange<Double>, renderer: FigureRenderer) throws -> [FittedText] {
        let key = FigureRenderer.FittedTitleKey(lines: lines, lower: column.lowerBound, upper: column.upperBound)
        if let known = renderer.fittedTitles[key] { return known }
        if renderer.fittedTitles.count >= 256 { renderer.fittedTitles.removeAll(keepingCapacity: true) }
        let fitted = try fitTitle(lines, column: column, renderer: renderer)
        renderer.fittedTitles[key] = fitted
        return fitted
    }

    private static func fitTitle(_ lines: [String], column: ClosedRange<Double>, renderer: FigureRenderer) throws -> [FittedText] {
        let style = renderer.style
        let width = Swift.max(20, column.upperBound - column.lowerBound - 4)
        var title = try lines.map { try renderer.fit($0, maxWidth: width, sizePixels: style.titleFontSize, floor: 0.7, maxLines: 1) }
        // A line still too wide (a formula of long numbers in a narrow column) shrinks on,
        // to the smallest text size (`Style.smallestTextSize`). Wrapped first, where it has words to break between (an update's formula and its
        // result are separate math spans; a loss's terms too), in two to four lines at 70 %: a
        // formula stays readable rather than shrink.
        var wrapped = false
        title = try zip(lines, title).map { text, fitted in
            let wide = try fitted.lines.contains { try renderer.layout($0, sizePixels: fitted.sizePixels).width > width }
            guard wide else { return fitted }
            let size = 0.7 * style.titleFontSize
            let pieces = try TextWrap.lines(text, maxWidth: width) { try renderer.layout($0, sizePixels: size).width }
            if (2...4).contains(pieces.count), try pieces.allSatisfy({ try renderer.layout($0, sizePixels: size).width <= width }) {
                wrapped = true
                return FittedText(lines: pieces, sizePixels: size)
            }
            // Still too wide: more lines at the smallest size, or that size on one line.
            let least = style.smallestTextSize
            let more = try TextWrap.lines(text, maxWidth: width, cuttingMath: true) { try renderer.layout($0, sizePixels: least).width }
            if (2...6).contains(more.count), try more.allSatisfy({ try renderer.layout($0, sizePixels: least).width <= width }) {
                wrapped = true
                return FittedText(lines: more, sizePixels: least)
            }
            return try renderer.fit(text, maxWidth: width, sizePixels: style.titleFontSize,
                                    floor: Swift.max(0.5, least / style.titleFontSize), maxLines: 1)
        }
        // One size for every line of a title: the smallest any line needed.
        if let smallest = title.map(\.sizePixels).min(), title.contains(where: { $0.sizePixels != smallest }) {
            title = try zip(lines, title).map { text, fitted in
                if wrapped && fitted.lines.count > 1 {
                    let count = try TextWrap.lines(text, maxWidth: width, cuttingMath: true) { try renderer.layout($0, sizePixels: smallest).width }.count
                    return try (2...6).contains(count)
                        ? FittedText(lines: fitted.lines, sizePixels: smallest) : renderer.fit(text, maxWidth: width, sizePixels: smallest, floor: 1, maxLines: 1)
                }
                return try renderer.fit(text, maxWidth: width, sizePixels: smallest, floor: 1, maxLines: 1)
            }
        }
        return title
    }

    /// The height of a title's lines stacked with `titleLineGap` between them.
    static func titleHeight(_ lines: [FittedText], renderer: FigureRenderer) throws -> Double {
        var height = 0.0
        var count = 0
        for fitted in lines {
            for line in fitted.lines {
                height += try renderer.layout(line, sizePixels: fitted.sizePixels).height
                count += 1
            }
        }
        return height + Double(Swift.max(0, count - 1)) * titleLineGap(renderer.style)
    }

    /// Height of a wrapped label's lines with `lineGap` between them.
    private static func stackHeight(_ fitted: FittedText, renderer: FigureRenderer) throws -> Double {
        try fitted.lines.reduce(0) { $0 + (try renderer.layout($1, sizePixels: fitted.sizePixels)).height }
            + Double(fitted.lines.count - 1) * lineGap(fitted)
    }

    /// Between the lines of a wrapped axis label.
    /// (Glyphs and math ink reach a pixel or so past their line box.)
    static func lineGap(_ fitted: FittedText) -> Double { Swift.max(0.25 * fitted.sizePixels, 3) }

    /// Space between stacked title lines.
    /// (At least 2.5 px: hinting moves each line's ink by up to a pixel.)
    static func titleLineGap(_ style: Style) -> Double { Swift.max(0.2 * style.titleFontSize, 2.5) }

    /// Between a y axis's multiplier and the title above it.
    var offsetGap: Double { style.px(4) }

    // MARK: Below the frame

    /// Where the rows under an x axis stand, from `top` (the frame's bottom edge, or 0 for
    /// the room they take): tick labels, then the multiplier, then the axis label.
    struct Below {
        /// The top of the multiplier's row and of the axis label's first line.
        let offsetTop: Double?
        let labelTop: Double?
        /// Where the last row ends.
        let bottom: Double
    }

    func below(from top: Double) -> Below {
        var y = top + style.tickLength + style.tickPad + tickLabelHeight
        let offsetTop = xOffsetHeight.map { _ in y + style.labelPad }
        if let xOffsetHeight { y += style.labelPad + xOffsetHeight }
        let labelTop = xLabelHeight.map { _ in y + style.labelPad }
        if let xLabelHeight { y += style.labelPad + xLabelHeight }
        return Below(offsetTop: offsetTop, labelTop: labelTop, bottom: y)
    }

    // MARK: Left of the frame and above it

    /// The room left of the frame: ticks, their labels, the axis label.
    var left: Double {
        var left = style.tickLength + style.tickPad + widestYTickLabel
        if let yLabelHeight { left += style.labelPad + yLabelHeight }
        return left
    }

    /// The room above the frame for a title `titleHeight` tall (0: none) and the y axis's
    /// multiplier; `titleBottom(frameTop:)` is where the title then stands.
    func top(titleHeight: Double) -> Double {
        var top = titleHeight > 0 ? style.titlePad + titleHeight : 0
        if let yOffsetHeight {
            top += (titleHeight > 0 ? 0 : style.titlePad) + yOffsetHeight + offsetGap
        }
        return top
    }

    /// Where the y axis's multiplier stands (its bottom-left corner).
    func yOffsetAnchor(frame: Rect) -> Point { Point(frame.minX, frame.minY - style.px(2)) }

    /// The bottom of the title's last line: above the frame, or above the y axis's multiplier.
    func titleBottom(frameTop: Double) -> Double {
        guard let yOffsetHeight else { return frameTop - style.titlePad }
        var bottom = frameTop - style.px(2) - yOffsetHeight - (offsetGap - style.px(2))
        if title.isEmpty { bottom -= style.titlePad }
        return bottom
    }
}

extension FigureRenderer {
    /// Ticks, tick labels, multipliers, axis labels and the title of `axes`, as `decorations`
    /// measured them.
    func drawDecorations(_ decorations: AxesDecorations, axes: Axes, column: ClosedRange<Double>,
                         on canvas: inout Canvas) throws {
        let f = axes.frame, t = axes.transform
        let width = PixelSnap.width(style.tickWidth)
        guard let stroke = StrokeStyle(width: width, cap: .butt) else { return }
        let bottom = PixelSnap.coordinate(f.maxY, width: width)
        let left = PixelSnap.coordinate(f.minX, width: width)
        let below = decorations.below(from: f.maxY)

        var marks: [[Point]] = []
        for (value, label) in zip(decorations.xTicks, decorations.xTickLabels.labels) {
            let x = PixelSnap.coordinate(t.pixelX(value), width: width)
            marks.append([Point(x, bottom), Point(x, bottom + style.tickLength)])
            let ink = try text(label, sizePixels: style.fontSize, at: Point(t.pixelX(value), f.maxY + style.tickLength + style.tickPad),
                               horizontal: .center, vertical: .top, color: style.theme.foreground, on: &canvas)
            record(.text, .tick, text: label, size: style.fontSize, box: ink, color: style.theme.foreground, axes: axes)
        }
        if let offset = decorations.xTickLabels.offsetText, let top = below.offsetTop {
            let ink = try text(offset, sizePixels: style.fontSize, at: Point(f.maxX, top),
                               horizontal: .right, vertical: .top, color: style.theme.foreground, on: &canvas)
            record(.text, .tickOffset, text: offset, size: style.fontSize, box: ink, color: style.theme.foreground, axes: axes)
        }
        for (value, label) in zip(decorations.yTicks, decorations.yTickLabels.labels) {
            let y = PixelSnap.coordinate(t.pixelY(value), width: width)
            marks.append([Point(left, y), Point(left - style.tickLength, y)])
            let ink = try text(label, sizePixels: style.fontSize, at: Point(f.minX - style.tickLength - style.tickPad, t.pixelY(value)),
                               horizontal: .right, vertical: .center, color: style.theme.foreground, on: &canvas)
            record(.text, .tick, text: label, size: style.fontSize, box: ink, color: style.theme.foreground, axes: axes)
        }
        self.stroke(marks, style: stroke, color: style.theme.foreground, clip: canvas.bounds, on: &canvas)
        if let offset = decorations.yTickLabels.offsetText {
            let ink = try text(offset, sizePixels: style.fontSize, at: decorations.yOffsetAnchor(frame: f),
                               horizontal: .left, vertical: .bottom, color: style.theme.foreground, on: &canvas)
            record(.text, .tickOffset, text: offset, size: style.fontSize, box: ink, color: style.theme.foreground, axes: axes)
        }

        if let xLabel = decorations.xLabel, var y = below.labelTop {
            for line in xLabel.lines {
                let ink = try text(line, sizePixels: xLabel.sizePixels, at: Point(f.center.x, y),
                                   horizontal: .center, vertical: .top, color: style.theme.foreground, on: &canvas)
                record(.text, .axisLabel, text: line, size: xLabel.sizePixels, box: ink, color: style.theme.foreground, axes: axes)
                y += try layout(line, sizePixels: xLabel.sizePixels).height + AxesDecorations.lineGap(xLabel)
            }
        }
        if let yLabel = decorations.yLabel {
            // Lines stack leftwards from the tick labels; the first line is nearest the axis.
            var x = f.minX - style.tickLength - style.tickPad - decorations.widestYTickLabel - style.labelPad
            for line in yLabel.lines.reversed() {
                let ink = try text(line, sizePixels: yLabel.sizePixels, at: Point(x, f.center.y),
                                   horizontal: .center, vertical: .bottom, rotation: .counterClockwise, color: style.theme.foreground, on: &canvas)
                record(.text, .axisLabel, text: line, size: yLabel.sizePixels, box: ink, color: style.theme.foreground, axes: axes)
                x -= try layout(line, sizePixels: yLabel.sizePixels).height + AxesDecorations.lineGap(yLabel)
            }
        }
        let lines = decorations.title.flatMap { fitted in fitted.lines.map { ($0, fitted.sizePixels) } }
        var bottomOfLine = decorations.titleBottom(frameTop: f.minY)
        for (line, size) in lines.reversed() {
            let layout = try self.layout(line, sizePixels: size)
            var x = f.center.x
            let half = layout.width / 2
            // Keep the whole title in its panel's column, off its neighbour's title.
            x = Swift.min(Swift.max(x, column.lowerBound + half + 2), column.upperBound - half - 2)
            // A line wider than its column (at its smallest size) stays on the figure at least.
            x = Swift.max(Swift.min(x, Double(canvas.width) - half - 2), half + 2)
            let ink = try text(line, sizePixels: size, at: Point(x, bottomOfLine),
                               horizontal: .center, vertical: .bottom, color: axes.titleColor ?? style.theme.foreground, on: &canvas)
            record(.text, .title, text: line, size: size, box: ink, color: axes.titleColor ?? style.theme.foreground, axes: axes)
            bottomOfLine -= layout.height + AxesDecorations.titleLineGap(style)
        }
    }
}
