import Raster
import Typeset

/// Draws figures into canvases. Holds the fonts and caches marker stamps, so one renderer
/// serves a whole animation (on one thread: FreeType is not thread-safe).
public final class FigureRenderer {
    public let style: Style
    public let fonts: FontLibrary
    private var stamps: [StampKey: MarkerStamp] = [:]
    /// Coverage masks, possibly shared with the renderers of other threads.
    public let masks: MaskCache
    /// Laid-out labels by text and size: a frame's texts are mostly the last frame's.
    private var layouts: [LayoutKey: TextLayout] = [:]
    private static let layoutCacheCount = 512

    private struct LayoutKey: Hashable {
        let text: String
        let size: Double
    }
    private struct StampKey: Hashable {
        let shape: MarkerShape
        let size: Double
        let face: Color
        let edge: Color
        let edgeWidth: Double
    }

    /// `masks` may be shared by renderers on several threads (each with its own fonts).
    public init(style: Style, fonts: FontLibrary, masks: MaskCache = MaskCache()) {
        self.style = style
        self.fonts = fonts
        self.masks = masks
    }

    private func cached(_ key: MaskCache.Key, _ make: () throws -> (CoverageMask, Double)?) rethrows -> (mask: AlphaMask, opacity: Double)? {
        try masks.mask(key, make)
    }

    /// `string` laid out at `sizePixels`, math spans set as math.
    func layout(_ string: String, sizePixels: Double) throws -> TextLayout {
        let key = LayoutKey(text: string, size: sizePixels)
        if let known = layouts[key] { return known }
        if layouts.count >= FigureRenderer.layoutCacheCount { layouts.removeAll(keepingCapacity: true) }
        let made = try TextLayout.label(string, library: fonts, sizePixels: sizePixels)
        layouts[key] = made
        return made
    }

    /// Draws `string` at `sizePixels`, anchored as matplotlib anchors text; returns the box
    /// of its ink (for the layout export) — all of it, also where it leaves the canvas — nil
    /// when it has none.
    @discardableResult
    func text(_ string: String, sizePixels: Double, at anchor: Point, horizontal: HorizontalAlignment,
              vertical: VerticalAlignment, rotation: TextRotation = .none, color: Color, halo: Bool = false,
              on canvas: inout Canvas) throws -> PixelRect? {
        let key = MaskCache.Key.text(string, size: sizePixels, anchor: anchor, horizontal, vertical, rotation)
        let found = try cached(key) {
            let layout = try self.layout(string, sizePixels: sizePixels)
            return TextRenderer.mask(of: layout, at: anchor, horizontal: horizontal, vertical: vertical,
                                     rotation: rotation).map { ($0, 1) }
        }
        guard let found else { return nil }
        if halo {
            let radius = haloRadius
            if let ring = masks.derived(.halo(key, radius: radius), { found.mask.dilated(radius: radius) }) {
                canvas.composite(ring, color: .white)
            }
        }
        canvas.composite(found.mask, color: color, opacity: found.opacity)
        // The whole ink, not clipped to the canvas: a text that leaves the figure must show it.
        return found.mask.bounds.isEmpty ? nil : found.mask.bounds
    }

    /// The halo's reach round a text's glyphs: matplotlib's `withStroke(linewidth=3)`,
    /// half of 3 pt on each side.
    var haloRadius: Int { Swift.max(1, Int(style.px(1.5).rounded())) }

    func stroke(_ polylines: [[Point]], style stroke: StrokeStyle, color: Color, clip: Rect, closed: Bool = false,
                on canvas: inout Canvas) {
        guard let region = clip.intersection(canvas.bounds) else { return }
        let key = MaskCache.Key.stroke(polylines, width: stroke.width, stroke.cap, stroke.join,
                                 dash: (stroke.dash?.lengths ?? []) + [stroke.dash?.offset ?? 0], clip: region, closed: closed)
        let found = cached(key) { Canvas.strokeCoverage(polylines, style: stroke, clip: region, closed: closed) }
        if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
    }

    func fillRoundedRectangle(_ rect: Rect, radius: Double, color: Color, on canvas: inout Canvas) {
        let found = cached(.roundedRectangle(rect, radius: radius)) {
            Coverage.mask(of: .roundedRectangle(rect, radius: radius), clip: canvas.bounds).map { ($0, 1) }
        }
        if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
    }

    public func render(_ figure: Figure) throws -> Canvas {
        var canvas = Canvas(width: figure.widthPixels, height: figure.heightPixels, background: .white)
        try draw(figure, on: &canvas)
        return canvas
    }

    /// Draws `figure` into `canvas` from a white page, reusing its memory (the canvas must
    /// have the figure's size).
    public func render(_ figure: Figure, into canvas: inout Canvas) throws {
        precondition(canvas.width == figure.widthPixels && canvas.height == figure.heightPixels, "canvas size")
        canvas.clear(to: .white)
        try draw(figure, on: &canvas)
    }

    /// Draws `figure` as `render(_:into:)` does and returns what it drew: the layout export
    /// of one frame.
    public func renderRecording(_ figure: Figure, into canvas: inout Canvas) throws -> [DrawnElement] {
        let was = recording
        recording = true
        defer { recording = was }
        try render(figure, into: &canvas)
        return drawn
    }

    public func draw(_ figure: Figure, on canvas: inout Canvas) throws {
        if recording { drawn = [] }
        let columns = FigureRenderer.columns(figure.axes.map(\.frame), widthPixels: Double(figure.widthPixels))
        for (axes, column) in zip(figure.axes, columns) {
            try draw(axes, column: column, on: &canvas)
        }
    }

    // MARK: Recording what is drawn

    /// When set, every render lists what it drew in `drawn`: the layout export.
    public var recording = false
    /// What the last render drew, when `recording`.
    public private(set) var drawn: [DrawnElement] = []

    private func record(_ kind: DrawnElement.Kind, _ role: String, text: String? = nil, box: PixelRect?,
                        color: Color? = nil, axes: Axes) {
        guard recording, let box, !box.isEmpty else { return }
        drawn.append(DrawnElement(kind: kind, role: role, text: text, box: box, color: color, axes: axes.name))
    }

    // MARK: Layout

    /// Each panel's share of the figure's width: from halfway to its left neighbour (or the
    /// figure's edge) to halfway to its right one. Titles and labels stay inside it.
    public static func columns(_ frames: [Rect], widthPixels: Double) -> [ClosedRange<Double>] {
        frames.indices.map { i in
            let left = Swift.min(widthPixels, i == 0 ? 0 : (frames[i - 1].maxX + frames[i].minX) / 2)
            let right = i == frames.count - 1 ? widthPixels : (frames[i].maxX + frames[i + 1].minX) / 2
            return left...Swift.max(left, right)
        }
    }

    /// Text broken at spaces to fit `maxWidth`, set smaller (down to `floor` of its size)
    /// while it still takes more than `maxLines` lines or a word is wider than `maxWidth`.
    public func fit(_ text: String, maxWidth: Double, sizePixels: Double, floor: Double = 0.7,
                    maxLines: Int = 2) throws -> FittedText {
        if try layout(text, sizePixels: sizePixels).width <= maxWidth { return FittedText(lines: [text], sizePixels: sizePixels) }
        var size = sizePixels
        while true {
            let lines = try TextWrap.lines(text, maxWidth: maxWidth) { try layout($0, sizePixels: size).width }
            let widest = try lines.map { try layout($0, sizePixels: size).width }.max() ?? 0
            if (lines.count <= maxLines && widest <= maxWidth) || size <= sizePixels * floor + 1e-9 {
                return FittedText(lines: lines, sizePixels: size)
            }
            size = Swift.max(sizePixels * floor, size * 0.92)
        }
    }

    /// Height of `lines` stacked at `size` with `gap` between them.
    private func stackHeight(_ fitted: FittedText, gap: Double) throws -> Double {
        try fitted.lines.reduce(0) { $0 + (try layout($1, sizePixels: fitted.sizePixels)).height }
            + Double(fitted.lines.count - 1) * gap
    }

    /// Between the lines of a wrapped axis label.
    /// (Glyphs and math ink reach a pixel or so past their line box.)
    private func lineGap(_ fitted: FittedText) -> Double { Swift.max(0.25 * fitted.sizePixels, 3) }

    /// Between a y axis's multiplier and the title above it.
    private var offsetGap: Double { style.px(4) }

    /// The axis labels and title as they will be set in `axes` with `column`'s width.
    private func decorations(_ axes: Axes, column: ClosedRange<Double>) throws
        -> (x: FittedText?, y: FittedText?, title: [FittedText]) {
        // The x axis's multiplier has a row of its own above the label: the label may take
        // the whole width of the frame.
        let x = try axes.xLabel.map { try fit($0, maxWidth: Swift.max(20, axes.frame.width), sizePixels: style.fontSize) }
        let y = try axes.yLabel.map { try fit($0, maxWidth: Swift.max(20, axes.frame.height), sizePixels: style.fontSize) }
        let width = column.upperBound - column.lowerBound - 4
        var title = try axes.title.map { try fit($0, maxWidth: Swift.max(20, width), sizePixels: style.titleFontSize,
                                                  floor: 0.7, maxLines: 1) }
        // A line still too wide (a formula of long numbers in a narrow column) shrinks on,
        // to half the title's size: small text reads, text that leaves the figure does not.
        title = try zip(axes.title, title).map { text, fitted in
            let wide = try fitted.lines.contains { try layout($0, sizePixels: fitted.sizePixels).width > Swift.max(20, width) }
            return wide ? try fit(text, maxWidth: Swift.max(20, width), sizePixels: style.titleFontSize, floor: 0.5, maxLines: 1) : fitted
        }
        // One size for every line of a title: the smallest any line needed.
        if let smallest = title.map(\.sizePixels).min(), title.contains(where: { $0.sizePixels != smallest }) {
            title = try axes.title.map { try fit($0, maxWidth: Swift.max(20, width), sizePixels: smallest, floor: 1, maxLines: 1) }
        }
        return (x, y, title)
    }

    /// The room `axes` needs round its frame for ticks, tick labels, axis labels, the legend
    /// when it sits below, and the tallest of `titleSamples` (each a title, one label per
    /// line), given the share of the figure's width its panel has.
    public func insets(for axes: Axes, titleSamples: [[String]], column: ClosedRange<Double>) throws -> Insets {
        let tickFont = try fonts.font(sizePixels: style.fontSize)
        let yTickLabels = TickLabels(yTicks(axes))
        let widest = yTickLabels.labels.map { TextLayout($0, font: tickFont).width }.max() ?? 0
        let labelHeight = TextLayout("lp", font: tickFont).height
        var sample = axes
        sample.title = []
        let fitted = try decorations(sample, column: column)
        var left = style.tickLength + style.tickPad + widest
        if let y = fitted.y { left += style.labelPad + (try stackHeight(y, gap: lineGap(y))) }
        var bottom = style.tickLength + style.tickPad + labelHeight
        let xOffset = TickLabels(xTicks(axes)).offsetText
        if xOffset != nil { bottom += style.labelPad + (try layout(xOffset!, sizePixels: style.fontSize)).height }
        if let x = fitted.x { bottom += style.labelPad + (try stackHeight(x, gap: lineGap(x))) }
        if let legend = axes.legend, legend.below,
           let layout = try LegendLayout(entries: axes.legendEntries, legend: legend, renderer: self) {
            bottom += style.labelPad * 2 + layout.size.height
        }
        var titleHeight = 0.0
        for title in titleSamples where !title.isEmpty {
            var withTitle = axes
            withTitle.title = title
            let lines = try decorations(withTitle, column: column).title
            titleHeight = Swift.max(titleHeight, try self.titleHeight(lines))
        }
        var top = titleHeight > 0 ? style.titlePad + titleHeight : 0
        if let offset = yTickLabels.offsetText {
            top += (titleHeight > 0 ? 0 : style.titlePad) + (try layout(offset, sizePixels: style.fontSize)).height + offsetGap
        }
        // Half of a tick label may stand past the frame's right end.
        var right = TickLabels(xTicks(axes)).labels.last.map { TextLayout($0, font: tickFont).width / 2 } ?? 0
        if let bar = axes.colorBar {
            let widestLabel = try bar.labels.map { try layout($0, sizePixels: style.fontSize).width }.max() ?? 0
            right = Swift.max(right, colorBarBox(axes).maxX - axes.frame.maxX + style.tickLength + style.tickPad + widestLabel)
        }
        return Insets(left: left, right: right, top: top, bottom: bottom)
    }

    /// Frames for `axes` side by side, laid out as `Figure.columnFrames` does from the room
    /// each needs. The room depends on the frames (labels wrap to them, tick counts follow
    /// their length), so the layout is repeated until it settles (five rounds at most), each
    /// round keeping the most room any round needed: frames only shrink, and what was drawn
    /// in a round still fits in the next.
    public func columnFrames(for axes: [Axes], titleSamples: [[[String]]], widthPixels: Int,
                             heightPixels: Int) throws -> [Rect] {
        var frames = axes.map(\.frame)
        var room: [Insets]?
        for _ in 0..<5 {
            let columns = FigureRenderer.columns(frames, widthPixels: Double(widthPixels))
            var insets: [Insets] = []
            for (i, a) in axes.enumerated() {
                var placed = a
                placed.frame = frames[i]
                let needed = try self.insets(for: placed, titleSamples: titleSamples[i], column: columns[i])
                insets.append(room.map { needed.union($0[i]) } ?? needed)
            }
            room = insets
            let next = Figure.columnFrames(widthPixels: widthPixels, heightPixels: heightPixels, insets: insets, style: style)
            if next == frames { break }
            frames = next
        }
        return frames
    }

    /// Tick values along an axes' x axis: MaxNLocator with bins from the axis length, fewer
    /// while the labels would touch (long labels like "−0.0015" need more room than the
    /// three font sizes matplotlib's rule allows each).
    func xTicks(_ axes: Axes) -> [Double] {
        let key = TickKey(lower: axes.xLimits.lower, upper: axes.xLimits.upper, length: axes.frame.width)
        if let known = xTickCache[key] { return known }
        let ticks = fittingXTicks(axes)
        if xTickCache.count > 64 { xTickCache.removeAll() }
        xTickCache[key] = ticks
        return ticks
    }

    private struct TickKey: Hashable {
        let lower: Double
        let upper: Double
        let length: Double
    }
    /// Every frame of an animation asks for the same ticks, several times.
    private var xTickCache: [TickKey: [Double]] = [:]
    /// Backgrounds drawn once and copied after (see `drawBackground`), by what they hold.
    private var backgrounds: [(key: BackgroundKey, pixels: [UInt8])] = []

    private func fittingXTicks(_ axes: Axes) -> [Double] {
        var bins = TickLocator.bins(lengthPixels: axes.frame.width, fontSizePixels: style.fontSize, horizontal: true)
        while true {
            let ticks = TickLocator.ticks(axes.xLimits, bins: bins)
            guard ticks.count >= 2 else { return ticks }
            let spacing = abs(axes.transform.pixelX(ticks[1]) - axes.transform.pixelX(ticks[0]))
            let widest = TickLabels(ticks).labels.map { (try? layout($0, sizePixels: style.fontSize).width) ?? 0 }.max() ?? 0
            let needed = widest + style.fontSize * 0.5
            if needed <= spacing { return ticks }
            if bins == 1 {
                // The locator keeps two ticks at least, however narrow the axis: every k-th.
                let k = Int((needed / spacing).rounded(.up))
                return stride(from: 0, to: ticks.count, by: k).map { ticks[$0] }
            }
            bins -= 1
        }
    }

    func yTicks(_ axes: Axes) -> [Double] {
        TickLocator.ticks(axes.yLimits, bins: TickLocator.bins(
            lengthPixels: axes.frame.height, fontSizePixels: style.fontSize, horizontal: false))
    }

    /// Space between stacked title lines.
    /// (At least 2.5 px: hinting moves each line's ink by up to a pixel.)
    private var titleLineGap: Double { Swift.max(0.2 * style.titleFontSize, 2.5) }

    private func titleHeight(_ lines: [FittedText]) throws -> Double {
        var height = 0.0
        var count = 0
        for fitted in lines {
            for line in fitted.lines {
                height += try layout(line, sizePixels: fitted.sizePixels).height
                count += 1
            }
        }
        return height + Double(Swift.max(0, count - 1)) * titleLineGap
    }

    // MARK: Legend placement

    /// A legend for `axes` (in its fullest state) that fits: entries wrapped only when
    /// wider than the frame allows; inside when it then takes at most the frame's width and
    /// 55 % of its height, set smaller (down to 80 % of the font size) if that is what it
    /// takes; else below the axes, wrapped to the panel's column.
    public func fittedLegend(for axes: Axes, column: ClosedRange<Double>, maxHeightShare: Double = 0.55) throws -> Legend {
        let pad = style.legendBorderAxesPad
        var size = style.fontSize
        while size >= style.fontSize * 0.8 - 1e-9 {
            let k = size / style.fontSize
            let chrome = k * (2 * style.legendBorderPad + style.legendHandleLength + style.legendHandleTextPad)
            let legend = Legend(fontSizePixels: size == style.fontSize ? nil : size,
                                wrapWidthPixels: Swift.max(axes.frame.width - 2 * pad - chrome, 3 * style.fontSize))
            guard let layout = try LegendLayout(entries: axes.legendEntries, legend: legend, renderer: self) else { return legend }
            if layout.size.width <= axes.frame.width - 2 * pad + 1e-9, layout.size.height <= axes.frame.height * maxHeightShare {
                return legend
            }
            size -= style.fontSize * 0.1
        }
        let width = column.upperBound - column.lowerBound - 4 - 3 * style.fontSize
        return Legend(below: true, fontSizePixels: style.fontSize * 0.8, wrapWidthPixels: Swift.max(width, 3 * style.fontSize))
    }

    /// How much the legend would hide at each location, in `LegendLocation.candidates` order:
    /// data vertices, line segments and markers under it (markers count ten times) plus text it covers.
    /// Nil when the axes has no legend entries or its legend sits below it.
    public func legendBadness(_ axes: Axes) throws -> [Double]? {
        guard axes.legend?.below != true,
              let layout = try LegendLayout(entries: axes.legendEntries, legend: axes.legend, renderer: self) else { return nil }
        let t = axes.transform
        var points: [(Point, Double)] = []
        var segments: [(Point, Point)] = []
        var textBoxes: [Rect] = []
        for artist in axes.artists {
            switch artist {
            case .line(let line) where line.background:
                break
            case .line(let line):
                let pixels = line.data.map { t.pixel($0.x, $0.y) }
                points += pixels.map { ($0, 1) }
                segments += zip(pixels, pixels.dropFirst()).map { ($0, $1) }
            case .markers(let markers):
                points += markers.data.map { (t.pixel($0.x, $0.y), 10) }
            case .text(let text):
                if let box = try textBox(text, in: axes) { textBoxes.append(box) }
            case .arrow(let arrow):
                let (a, b) = (t.pixel(arrow.from.x, arrow.from.y), t.pixel(arrow.to.x, arrow.to.y))
                points.append((b, 10))
                segments.append((a, b))
            case .area:
                // The background of the panel: a legend stands on it wherever it goes.
                break
            }
        }
        return LegendLocation.candidates.map { location in
            let box = layout.box(at: location, in: axes.frame)
            var badness = 0.0
            for (p, weight) in points where box.contains(p) { badness += weight }
            for (a, b) in segments where LineClipper.clipSegment(a, b, box) != nil { badness += 1 }
            for text in textBoxes {
                if let overlap = text.intersection(box) { badness += 10 * overlap.area / Swift.max(1, text.area) }
            }
            // A legend in a labelled band would push its labels far from their points.
            for region in axes.keepClear {
                if let overlap = region.intersection(box) { badness += 1000 * overlap.area / Swift.max(1, box.area) }
            }
            return badness
        }
    }

    private func legendLocation(_ axes: Axes) throws -> LegendLocation {
        if let fixed = axes.legend?.location { return fixed }
        guard let scores = try legendBadness(axes), let best = scores.min() else { return .upperRight }
        return LegendLocation.candidates[scores.firstIndex(of: best)!]
    }

    // MARK: Text placement

    /// A text where it will be drawn.
    struct PlacedText {
        let artist: TextArtist
        let placement: TextPlacement
        let anchor: Point
        let box: Rect
    }

    /// Places the axes' texts in order (those that may be dropped last): each at the first
    /// of its places, kept inside the frame, that overlaps no text placed before it and not
    /// `obstacles` (the legend), preferring places that hide no marker; failing those, the
    /// nearest free spot round its first place; failing that, a droppable text is tried at 90 %
    /// and 80 % of its size, then left out. Returns the placed texts by artist index.
    func placeTexts(_ axes: Axes, avoiding obstacles: [Rect]) throws -> [Int: PlacedText] {
        let t = axes.transform
        var markerBoxes: [Rect] = []
        for case .markers(let m) in axes.artists {
            let half = m.sizePixels / 2
            for p in m.data {
                let c = t.pixel(p.x, p.y)
                if axes.frame.contains(c) { markerBoxes.append(Rect(minX: c.x - half, minY: c.y - half, maxX: c.x + half, maxY: c.y + half)) }
            }
        }
        // Arrows too, as a string of small boxes along the shaft: a text should not hide one.
        for case .arrow(let a) in axes.artists {
            let (from, to) = (t.pixel(a.from.x, a.from.y), t.pixel(a.to.x, a.to.y))
            let length = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
            guard length.isFinite else { continue }
            let steps = Swift.max(1, Int(length / 6))
            let half = Swift.max(3, a.widthPixels)
            for k in 1...steps {
                let f = Double(k) / Double(steps)
                let c = Point(from.x + f * (to.x - from.x), from.y + f * (to.y - from.y))
                markerBoxes.append(Rect(minX: c.x - half, minY: c.y - half, maxX: c.x + half, maxY: c.y + half))
            }
        }
        var taken = obstacles
        var placed: [Int: PlacedText] = [:]
        let order = axes.artists.indices.filter { if case .text(let a) = axes.artists[$0] { return !a.droppable } else { return false } }
            + axes.artists.indices.filter { if case .text(let a) = axes.artists[$0] { return a.droppable } else { return false } }
        // Ink reaches a pixel or so past a line box (anti-aliasing, math rules, hinting).
        func isFree(_ box: Rect, gap: Double) -> Bool { !taken.contains { FigureRenderer.overlaps($0, box, gap: gap) } }
        /// Where `text` goes: the best of its places, else the nearest free spot round the
        /// first; nil when none is free.
        func search(_ text: TextArtist) throws -> (cost: Double, placed: PlacedText)? {
            let gap = 2 + 0.1 * text.fontSizePixels
            func free(_ box: Rect) -> Bool { isFree(box, gap: gap) }
            var best: (cost: Double, placed: PlacedText)?
            for (k, placement) in ([text.placement] + text.alternatives).enumerated() {
                guard let p = try place(text, placement, in: axes), free(p.box) else { continue }
                let hidden = markerBoxes.filter { FigureRenderer.overlaps($0, p.box, gap: 0) }.count
                let cost = Double(hidden) + 0.01 * Double(k)
                if best == nil || cost < best!.cost { best = (cost, p) }
                if hidden == 0 { break }
            }
            if best == nil || best!.cost >= 1, let first = try place(text, text.placement, in: axes) {
                // The nearest free spot round the first place: up or down in steps of a
                // third of its height, and sideways by half and whole widths — one that
                // hides no marker when the places above all hid one.
                let hiding = best != nil
                let step = Swift.max(2, first.box.height / 3)
                var k = 1
                search: while Double(k) * step < axes.frame.height {
                    for dx in [0, -first.box.width / 2, first.box.width / 2, -first.box.width, first.box.width] {
                        for dy in [-Double(k) * step, Double(k) * step] {
                            var moved = text.placement
                            moved.offsetPixels = moved.offsetPixels + Point(dx, dy)
                            if let p = try place(text, moved, in: axes), free(p.box),
                               !hiding || !markerBoxes.contains(where: { FigureRenderer.overlaps($0, p.box, gap: 0) }) {
                                best = (0, p)
                                break search
                            }
                        }
                    }
                    k += 1
                }
            }
            return best
        }
        for index in order {
            guard case .text(let text) = axes.artists[index] else { continue }
            var best = try search(text)
            // A text that may be dropped is first tried smaller (a long value in a narrow
            // panel); one that may not goes at its first place, inside the frame.
            for factor in [0.9, 0.8] where best == nil && text.droppable {
                var smaller = text
                smaller.fontSizePixels = text.fontSizePixels * factor
                best = try search(smaller)
            }
            if best == nil, !text.droppable, let first = try place(text, text.placement, in: axes) { best = (0, first) }
            if let best {
                placed[index] = best.placed
                taken.append(best.placed.box)
            }
        }
        return placed
    }

    /// Whether two boxes come closer than `gap`.
    public static func overlaps(_ a: Rect, _ b: Rect, gap: Double) -> Bool {
        a.minX < b.maxX + gap && b.minX < a.maxX + gap && a.minY < b.maxY + gap && b.minY < a.maxY + gap
    }

    /// The text at `placement`, moved inside the frame by the least distance; nil when it
    /// cannot be inside.
    private func place(_ text: TextArtist, _ placement: TextPlacement, in axes: Axes) throws -> PlacedText? {
        let layout = try self.layout(text.text, sizePixels: text.fontSizePixels)
        var anchor: Point
        switch text.anchor {
        case .data(let p): anchor = axes.transform.pixel(p.x, p.y)
        case .framePixels(let p): anchor = Point(axes.frame.minX + p.x, axes.frame.minY + p.y)
        }
        anchor = anchor + placement.offsetPixels
        guard anchor.isFinite else { return nil }
        let inside = axes.frame.insetBy(FigureRenderer.textInset)
        let box = TextRenderer.box(of: layout, at: anchor, horizontal: placement.horizontal, vertical: placement.vertical)
        // A text wider or taller than its panel has no place in it.
        guard box.width <= inside.width, box.height <= inside.height else { return nil }
        let dx = shift(box.minX, box.maxX, into: inside.minX, inside.maxX)
        let dy = shift(box.minY, box.maxY, into: inside.minY, inside.maxY)
        return PlacedText(artist: text, placement: placement, anchor: anchor + Point(dx, dy),
                          box: box.offsetBy(dx: dx, dy: dy))
    }

    /// Where a text lands at its first place: anchored, offset, then moved inside the frame.
    func textBox(_ text: TextArtist, in axes: Axes) throws -> Rect? {
        try place(text, text.placement, in: axes)?.box
    }

    /// How far inside the frame texts keep, in pixels.
    public static let textInset = 3.0

    /// The advance width of `text` at `fontSizePixels`.
    public func textWidth(_ text: String, fontSizePixels: Double) throws -> Double {
        try layout(text, sizePixels: fontSizePixels).width
    }

    /// The height of `text`'s line box at `fontSizePixels`.
    public func textHeight(_ text: String, fontSizePixels: Double) throws -> Double {
        try layout(text, sizePixels: fontSizePixels).height
    }

    /// The least move that brings lo...hi inside min...max (or aligns it to min when too big).
    private func shift(_ lo: Double, _ hi: Double, into min: Double, _ max: Double) -> Double {
        if hi - lo > max - min { return min - lo }
        if lo < min { return min - lo }
        if hi > max { return max - hi }
        return 0
    }

    // MARK: Drawing

    private enum Layer {
        case artist(Artist, index: Int)
        case spines
        case ticks
        case legend
        case colorBar
    }

    private func draw(_ axes: Axes, column: ClosedRange<Double>, on canvas: inout Canvas) throws {
        let decorations = try self.decorations(axes, column: column)
        var legendBox: Rect?
        var legendLayout: LegendLayout?
        if let legend = axes.legend, let layout = try LegendLayout(entries: axes.legendEntries, legend: legend, renderer: self) {
            legendLayout = layout
            if legend.below {
                legendBox = layout.box(below: axes.frame, top: try belowLabels(axes, decorations) + 2 * style.labelPad,
                                       figureWidth: Double(canvas.width))
            } else {
                legendBox = layout.box(at: try legendLocation(axes), in: axes.frame)
            }
        }
        let texts = try placeTexts(axes, avoiding: legendBox.map { [$0] } ?? [])

        var layers: [(z: Double, order: Int, layer: Layer)] = []
        for (i, artist) in axes.artists.enumerated() {
            layers.append((artist.zorder, i, .artist(artist, index: i)))
        }
        layers.append((2.5, -2, .spines))
        layers.append((2.5, -1, .ticks))
        if axes.colorBar != nil { layers.append((2.5, 0, .colorBar)) }
        if legendBox != nil { layers.append((5, Int.max, .legend)) }
        layers.sort { $0.z != $1.z ? $0.z < $1.z : $0.order < $1.order }
        layers = try drawBackground(layers, axes: axes, on: &canvas)

        for (_, _, layer) in layers {
            switch layer {
            case .artist(.line(let line), _): drawLine(line, axes: axes, on: &canvas)
            case .artist(.markers(let markers), _): drawMarkers(markers, axes: axes, on: &canvas)
            case .artist(.area(let area), _): drawArea(area, axes: axes, on: &canvas)
            case .artist(.arrow(let arrow), _): drawArrow(arrow, axes: axes, on: &canvas)
            case .colorBar: try drawColorBar(axes, on: &canvas)
            case .artist(.text, let index):
                if let placed = texts[index] { try drawText(placed, axes: axes, on: &canvas) }
            case .spines: drawSpines(axes, on: &canvas)
            case .ticks: try drawTicksAndLabels(axes, decorations: decorations, column: column, on: &canvas)
            case .legend:
                guard let legendLayout, let legendBox else { break }
                let lines = try legendLayout.draw(on: &canvas, box: legendBox, renderer: self)
                record(.legend, "legend", box: PixelRect(covering: legendBox), axes: axes)
                for (text, ink) in lines { record(.text, "legend_entry", text: text, box: ink, color: Style.text, axes: axes) }
            }
        }
    }

    /// What an axes draws first, when it is a stack of filled areas (and background lines)
    /// whose first area covers the whole frame in an opaque colour: its pixels then do not
    /// depend on anything beneath, so they are drawn once by this renderer, kept, and copied
    /// into later frames (a landscape's contours are the same in every frame). Returns the
    /// layers left to draw.
    private func drawBackground(_ layers: [(z: Double, order: Int, layer: Layer)], axes: Axes,
                                on canvas: inout Canvas) throws -> [(z: Double, order: Int, layer: Layer)] {
        var background: [Artist] = []
        for (_, _, layer) in layers {
            guard case .artist(let artist, _) = layer else { break }
            if case .area = artist { background.append(artist); continue }
            if case .line(let line) = artist, line.background { background.append(artist); continue }
            break
        }
        guard case .area(let first)? = background.first, first.color.a == 255,
              first.polygons.contains(where: { FigureRenderer.covers($0, axes.frame, axes.transform) }) else { return layers }
        let region = PixelRect(covering: axes.frame).intersection(canvas.pixelBounds)
        let key = BackgroundKey(region: region, areas: background.compactMap { if case .area(let a) = $0 { a } else { nil } },
                                lines: background.compactMap { if case .line(let l) = $0 { l } else { nil } })
        // Found by ==, which sees at once that arrays sharing storage (a panel's contours,
        // the same every frame) are equal; hashing would read every point of every frame.
        if let saved = backgrounds.first(where: { $0.key == key })?.pixels {
            canvas.restore(saved, in: region)
        } else {
            for artist in background {
                switch artist {
                case .area(let area): drawArea(area, axes: axes, on: &canvas)
                case .line(let line): drawLine(line, axes: axes, on: &canvas)
                default: break
                }
            }
            if backgrounds.count >= 4 { backgrounds.removeAll() }
            backgrounds.append((key, canvas.snapshot(region)))
        }
        return Array(layers.dropFirst(background.count))
    }

    /// Whether a polygon (in data coordinates) holds the whole frame: an axis-aligned
    /// rectangle reaching past every edge.
    private static func covers(_ polygon: [Point], _ frame: Rect, _ t: DataTransform) -> Bool {
        guard polygon.count == 4 else { return false }
        let pixels = polygon.map { t.pixel($0.x, $0.y) }
        let xs = pixels.map(\.x), ys = pixels.map(\.y)
        let rectangle = Set(xs).count == 2 && Set(ys).count == 2
        return rectangle && xs.min()! <= frame.minX && xs.max()! >= frame.maxX && ys.min()! <= frame.minY && ys.max()! >= frame.maxY
    }

    private struct BackgroundKey: Equatable {
        let region: PixelRect
        let areas: [AreaArtist]
        let lines: [LineArtist]
    }

    private func drawArea(_ area: AreaArtist, axes: Axes, on canvas: inout Canvas) {
        guard let region = axes.frame.intersection(canvas.bounds) else { return }
        let t = axes.transform
        let polygons = area.polygons.map { $0.map { t.pixel($0.x, $0.y) } }
        let found = cached(.area(polygons, clip: region)) {
            Coverage.mask(of: Path(contours: polygons), rule: .nonZero, clip: region).map { ($0, 1) }
        }
        if let found { canvas.composite(found.mask, color: area.color, opacity: found.opacity) }
    }

    /// The shaft stops where the head begins; the head is a triangle `headPixels` long and
    /// two thirds as wide, pointing along the arrow. An arrow shorter than its head is its
    /// head alone, at least 4 px long: a step too small to see still shows its direction.
    private func drawArrow(_ arrow: ArrowArtist, axes: Axes, on canvas: inout Canvas) {
        let t = axes.transform
        let a = t.pixel(arrow.from.x, arrow.from.y), b = t.pixel(arrow.to.x, arrow.to.y)
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0, length.isFinite else { return }
        let (ux, uy) = (dx / length, dy / length)
        let head = Swift.min(arrow.headPixels, Swift.max(length * 0.6, style.px(4)))
        let base = Point(b.x - ux * head, b.y - uy * head)
        if let stroke = StrokeStyle(width: arrow.widthPixels, cap: .butt, join: .round), length > head {
            self.stroke([[a, base]], style: stroke, color: arrow.color, clip: axes.frame, on: &canvas)
        }
        let half = head / 3
        let triangle = [b, Point(base.x - uy * half, base.y + ux * half), Point(base.x + uy * half, base.y - ux * half)]
        if let mask = Coverage.mask(of: Path(contours: [triangle]), clip: axes.frame.intersection(canvas.bounds) ?? canvas.bounds) {
            canvas.composite(AlphaMask(mask), color: arrow.color, opacity: 1)
        }
        let box = Rect(minX: Swift.min(a.x, b.x) - half, minY: Swift.min(a.y, b.y) - half,
                       maxX: Swift.max(a.x, b.x) + half, maxY: Swift.max(a.y, b.y) + half)
        record(.marker, arrow.role, box: PixelRect(covering: box), color: arrow.color, axes: axes)
    }

    /// Where an axes' colour bar stands: right of the frame, as tall as it.
    func colorBarBox(_ axes: Axes) -> Rect {
        let pad = style.px(7), width = Swift.max(style.px(8), axes.frame.height / 25)
        return Rect(minX: (axes.frame.maxX + pad).rounded(), minY: axes.frame.minY,
                    maxX: (axes.frame.maxX + pad + width).rounded(), maxY: axes.frame.maxY)
    }

    /// Bands of equal height, lowest at the bottom, a frame round them, ticks and labels on
    /// the right at the bar's chosen levels.
    private func drawColorBar(_ axes: Axes, on canvas: inout Canvas) throws {
        guard let bar = axes.colorBar, !bar.colors.isEmpty else { return }
        let box = colorBarBox(axes)
        let band = box.height / Double(bar.colors.count)
        func y(_ level: Int) -> Double { box.maxY - Double(level) * band }
        for (k, color) in bar.colors.enumerated() {
            let rect = [Point(box.minX, y(k + 1)), Point(box.maxX, y(k + 1)), Point(box.maxX, y(k)), Point(box.minX, y(k))]
            let found = cached(.area([rect], clip: canvas.bounds)) {
                Coverage.mask(of: Path(contours: [rect]), clip: canvas.bounds).map { ($0, 1) }
            }
            if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
        }
        let width = PixelSnap.width(style.spineWidth)
        guard let outline = StrokeStyle(width: width, cap: .butt, join: .miter) else { return }
        let l = PixelSnap.coordinate(box.minX, width: width), r = PixelSnap.coordinate(box.maxX, width: width)
        let top = PixelSnap.coordinate(box.minY, width: width), bottom = PixelSnap.coordinate(box.maxY, width: width)
        self.stroke([[Point(l, top), Point(r, top), Point(r, bottom), Point(l, bottom)]], style: outline, color: Style.text,
                    clip: canvas.bounds, closed: true, on: &canvas)
        var marks: [[Point]] = []
        for (level, label) in zip(bar.ticks, bar.labels) {
            let at = PixelSnap.coordinate(y(level), width: width)
            marks.append([Point(r, at), Point(r + style.tickLength, at)])
            let ink = try text(label, sizePixels: style.fontSize, at: Point(r + style.tickLength + style.tickPad, y(level)),
                               horizontal: .left, vertical: .center, color: Style.text, on: &canvas)
            record(.text, "colorbar_tick", text: label, box: ink, color: Style.text, axes: axes)
        }
        self.stroke(marks, style: outline, color: Style.text, clip: canvas.bounds, on: &canvas)
        record(.legend, "colorbar", box: PixelRect(covering: box), axes: axes)
    }

    private func drawLine(_ line: LineArtist, axes: Axes, on canvas: inout Canvas) {
        let t = axes.transform
        var pixels = line.data.map { t.pixel($0.x, $0.y) }
        var width = line.widthPixels
        if line.snap {
            width = PixelSnap.width(width)
            pixels = pixels.map { Point(PixelSnap.coordinate($0.x, width: width), PixelSnap.coordinate($0.y, width: width)) }
        }
        let margin = width * 2 + 2
        let pieces = LineClipper.clip(pixels, to: axes.frame.insetBy(-margin))
        guard !pieces.isEmpty,
              let stroke = StrokeStyle(width: width, cap: line.dash == .solid ? .square : .butt, join: .round,
                                       dash: line.dash.pattern(lineWidth: width)) else { return }
        self.stroke(pieces, style: stroke, color: line.color, clip: axes.frame, on: &canvas)
    }

    func stamp(shape: MarkerShape, size: Double, face: Color, edge: Color, edgeWidth: Double) -> MarkerStamp {
        let key = StampKey(shape: shape, size: size, face: face, edge: edge, edgeWidth: edgeWidth)
        if let s = stamps[key] { return s }
        let s = MarkerStamp(shape: shape, size: size, faceColor: face, edgeColor: edge, edgeWidth: edgeWidth)
        stamps[key] = s
        return s
    }

    private func drawMarkers(_ markers: MarkerArtist, axes: Axes, on canvas: inout Canvas) {
        let s = stamp(shape: markers.shape, size: markers.sizePixels, face: markers.faceColor,
                      edge: markers.edgeColor, edgeWidth: markers.edgeWidthPixels)
        let t = axes.transform
        for p in markers.data {
            let at = t.pixel(p.x, p.y)
            s.draw(on: &canvas, at: at, clip: axes.frame)
            if recording { record(.marker, markers.role, box: s.box(at: at, clip: axes.frame), color: markers.faceColor, axes: axes) }
        }
    }

    private func drawText(_ placed: PlacedText, axes: Axes, on canvas: inout Canvas) throws {
        let text = placed.artist
        let ink = try self.text(text.text, sizePixels: text.fontSizePixels, at: placed.anchor,
                                horizontal: placed.placement.horizontal, vertical: placed.placement.vertical,
                                color: text.color, halo: text.halo, on: &canvas)
        record(.text, text.role, text: text.text, box: ink, color: text.color, axes: axes)
    }

    private func drawSpines(_ axes: Axes, on canvas: inout Canvas) {
        let f = axes.frame
        let width = PixelSnap.width(style.spineWidth)
        guard let stroke = StrokeStyle(width: width, cap: .square, join: .miter) else { return }
        let x0 = PixelSnap.coordinate(f.minX, width: width), x1 = PixelSnap.coordinate(f.maxX, width: width)
        let y0 = PixelSnap.coordinate(f.minY, width: width), y1 = PixelSnap.coordinate(f.maxY, width: width)
        // Four separate sides, not one ring: each side's mask is a thin strip.
        for side in [[Point(x0, y0), Point(x1, y0)], [Point(x1, y0), Point(x1, y1)],
                     [Point(x1, y1), Point(x0, y1)], [Point(x0, y1), Point(x0, y0)]] {
            self.stroke([side], style: stroke, color: Style.text, clip: canvas.bounds, on: &canvas)
        }
    }

    /// Where the x axis's decorations end: below the tick labels, the multiplier and the label.
    private func belowLabels(_ axes: Axes, _ decorations: (x: FittedText?, y: FittedText?, title: [FittedText])) throws -> Double {
        let font = try fonts.font(sizePixels: style.fontSize)
        var y = axes.frame.maxY + style.tickLength + style.tickPad + TextLayout("lp", font: font).height
        if let offset = TickLabels(xTicks(axes)).offsetText {
            y += style.labelPad + (try layout(offset, sizePixels: style.fontSize)).height
        }
        if let x = decorations.x { y += style.labelPad + (try stackHeight(x, gap: lineGap(x))) }
        return y
    }

    private func drawTicksAndLabels(_ axes: Axes, decorations: (x: FittedText?, y: FittedText?, title: [FittedText]),
                                    column: ClosedRange<Double>, on canvas: inout Canvas) throws {
        let f = axes.frame, t = axes.transform
        let font = try fonts.font(sizePixels: style.fontSize)
        let width = PixelSnap.width(style.tickWidth)
        guard let stroke = StrokeStyle(width: width, cap: .butt) else { return }
        let bottom = PixelSnap.coordinate(f.maxY, width: width)
        let left = PixelSnap.coordinate(f.minX, width: width)
        let labelHeight = TextLayout("lp", font: font).height

        let ticksX = xTicks(axes)
        let labelsX = TickLabels(ticksX)
        var marks: [[Point]] = []
        for (value, label) in zip(ticksX, labelsX.labels) {
            let x = PixelSnap.coordinate(t.pixelX(value), width: width)
            marks.append([Point(x, bottom), Point(x, bottom + style.tickLength)])
            let ink = try text(label, sizePixels: style.fontSize, at: Point(t.pixelX(value), f.maxY + style.tickLength + style.tickPad),
                               horizontal: .center, vertical: .top, color: Style.text, on: &canvas)
            record(.text, "tick", text: label, box: ink, color: Style.text, axes: axes)
        }
        var below = f.maxY + style.tickLength + style.tickPad + labelHeight
        if let offset = labelsX.offsetText {
            let ink = try text(offset, sizePixels: style.fontSize, at: Point(f.maxX, below + style.labelPad),
                               horizontal: .right, vertical: .top, color: Style.text, on: &canvas)
            record(.text, "tick_offset", text: offset, box: ink, color: Style.text, axes: axes)
            below += style.labelPad + (try layout(offset, sizePixels: style.fontSize)).height
        }
        let ticksY = yTicks(axes)
        let labelsY = TickLabels(ticksY)
        var widest = 0.0
        for (value, label) in zip(ticksY, labelsY.labels) {
            let y = PixelSnap.coordinate(t.pixelY(value), width: width)
            marks.append([Point(left, y), Point(left - style.tickLength, y)])
            widest = Swift.max(widest, TextLayout(label, font: font).width)
            let ink = try text(label, sizePixels: style.fontSize, at: Point(f.minX - style.tickLength - style.tickPad, t.pixelY(value)),
                               horizontal: .right, vertical: .center, color: Style.text, on: &canvas)
            record(.text, "tick", text: label, box: ink, color: Style.text, axes: axes)
        }
        self.stroke(marks, style: stroke, color: Style.text, clip: canvas.bounds, on: &canvas)
        var titleBottom = f.minY - style.titlePad
        if let offset = labelsY.offsetText {
            let ink = try text(offset, sizePixels: style.fontSize, at: Point(f.minX, f.minY - style.px(2)),
                               horizontal: .left, vertical: .bottom, color: Style.text, on: &canvas)
            record(.text, "tick_offset", text: offset, box: ink, color: Style.text, axes: axes)
            titleBottom = f.minY - style.px(2) - (try layout(offset, sizePixels: style.fontSize)).height - (offsetGap - style.px(2))
            if axes.title.isEmpty { titleBottom -= style.titlePad }
        }

        if let xLabel = decorations.x {
            var y = below + style.labelPad
            for line in xLabel.lines {
                let ink = try text(line, sizePixels: xLabel.sizePixels, at: Point(f.center.x, y),
                                   horizontal: .center, vertical: .top, color: Style.text, on: &canvas)
                record(.text, "axis_label", text: line, box: ink, color: Style.text, axes: axes)
                y += try layout(line, sizePixels: xLabel.sizePixels).height + lineGap(xLabel)
            }
        }
        if let yLabel = decorations.y {
            // Lines stack leftwards from the tick labels; the first line is nearest the axis.
            var x = f.minX - style.tickLength - style.tickPad - widest - style.labelPad
            for line in yLabel.lines.reversed() {
                let ink = try text(line, sizePixels: yLabel.sizePixels, at: Point(x, f.center.y),
                                   horizontal: .center, vertical: .bottom, rotation: .counterClockwise, color: Style.text, on: &canvas)
                record(.text, "axis_label", text: line, box: ink, color: Style.text, axes: axes)
                x -= try layout(line, sizePixels: yLabel.sizePixels).height + lineGap(yLabel)
            }
        }
        let lines = decorations.title.flatMap { fitted in fitted.lines.map { ($0, fitted.sizePixels) } }
        var bottomOfLine = titleBottom
        for (line, size) in lines.reversed() {
            let layout = try self.layout(line, sizePixels: size)
            var x = f.center.x
            let half = layout.width / 2
            // Keep the whole title in its panel's column, off its neighbour's title.
            x = Swift.min(Swift.max(x, column.lowerBound + half + 2), column.upperBound - half - 2)
            let ink = try text(line, sizePixels: size, at: Point(x, bottomOfLine),
                               horizontal: .center, vertical: .bottom, color: axes.titleColor, on: &canvas)
            record(.text, "title", text: line, box: ink, color: axes.titleColor, axes: axes)
            bottomOfLine -= layout.height + titleLineGap
        }
    }
}

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
