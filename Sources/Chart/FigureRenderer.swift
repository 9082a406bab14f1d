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

    /// Draws `string` at `sizePixels`, anchored as matplotlib anchors text.
    func text(_ string: String, sizePixels: Double, at anchor: Point, horizontal: HorizontalAlignment,
              vertical: VerticalAlignment, rotation: TextRotation = .none, color: Color, on canvas: inout Canvas) throws {
        let key = MaskCache.Key.text(string, size: sizePixels, anchor: anchor, horizontal, vertical, rotation)
        let found = try cached(key) {
            let layout = try self.layout(string, sizePixels: sizePixels)
            return TextRenderer.mask(of: layout, at: anchor, horizontal: horizontal, vertical: vertical,
                                     rotation: rotation).map { ($0, 1) }
        }
        if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
    }

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

    public func draw(_ figure: Figure, on canvas: inout Canvas) throws {
        for axes in figure.axes {
            try draw(axes, on: &canvas)
        }
    }

    // MARK: Layout

    /// The room `axes` needs round its frame for ticks, tick labels, axis labels and a
    /// title like `titleSample` (one label per line; math makes lines taller).
    public func insets(for axes: Axes, titleSample: [String]) throws -> Insets {
        let tickFont = try fonts.font(sizePixels: style.fontSize)
        let widest = TickFormatter.labels(yTicks(axes)).map { TextLayout($0, font: tickFont).width }.max() ?? 0
        let labelHeight = TextLayout("lp", font: tickFont).height
        var left = style.tickLength + style.tickPad + widest
        if axes.yLabel != nil { left += style.labelPad + labelHeight }
        var bottom = style.tickLength + style.tickPad + labelHeight
        if axes.xLabel != nil { bottom += style.labelPad + labelHeight }
        let top = titleSample.isEmpty ? 0 : try style.titlePad + titleHeight(titleSample)
        // Half of a tick label may stand past the frame's right end.
        let lastX = TickFormatter.labels(xTicks(axes)).last.map { TextLayout($0, font: tickFont).width / 2 } ?? 0
        return Insets(left: left, right: lastX, top: top, bottom: bottom)
    }

    /// Tick values along an axes' x axis: MaxNLocator with bins from the axis length.
    private func xTicks(_ axes: Axes) -> [Double] {
        TickLocator.ticks(axes.xLimits, bins: TickLocator.bins(
            lengthPixels: axes.frame.width, fontSizePixels: style.fontSize, horizontal: true))
    }

    private func yTicks(_ axes: Axes) -> [Double] {
        TickLocator.ticks(axes.yLimits, bins: TickLocator.bins(
            lengthPixels: axes.frame.height, fontSizePixels: style.fontSize, horizontal: false))
    }

    /// Space between stacked title lines.
    private var titleLineGap: Double { 0.2 * style.titleFontSize }

    private func titleHeight(_ lines: [String]) throws -> Double {
        try lines.reduce(0) { $0 + (try layout($1, sizePixels: style.titleFontSize)).height }
            + Double(lines.count - 1) * titleLineGap
    }

    // MARK: Legend placement

    /// How much the legend would hide at each location, in `LegendLocation.candidates` order:
    /// data vertices, line segments and markers under it (markers count ten times) plus text it covers.
    /// Nil when the axes has no legend entries.
    public func legendBadness(_ axes: Axes) throws -> [Double]? {
        guard let layout = try LegendLayout(entries: axes.legendEntries, renderer: self) else { return nil }
        let t = axes.transform
        var points: [(Point, Double)] = []
        var segments: [(Point, Point)] = []
        var textBoxes: [Rect] = []
        for artist in axes.artists {
            switch artist {
            case .line(let line):
                let pixels = line.data.map { t.pixel($0.x, $0.y) }
                points += pixels.map { ($0, 1) }
                segments += zip(pixels, pixels.dropFirst()).map { ($0, $1) }
            case .markers(let markers):
                points += markers.data.map { (t.pixel($0.x, $0.y), 10) }
            case .text(let text):
                if let box = try textBox(text, in: axes) { textBoxes.append(box) }
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
            return badness
        }
    }

    private func legendLocation(_ axes: Axes) throws -> LegendLocation {
        if let fixed = axes.legend?.location { return fixed }
        guard let scores = try legendBadness(axes), let best = scores.min() else { return .upperRight }
        return LegendLocation.candidates[scores.firstIndex(of: best)!]
    }

    // MARK: Drawing

    private enum Layer {
        case artist(Artist)
        case spines
        case ticks
        case legend
    }

    private func draw(_ axes: Axes, on canvas: inout Canvas) throws {
        var layers: [(z: Double, order: Int, layer: Layer)] = []
        for (i, artist) in axes.artists.enumerated() {
            layers.append((artist.zorder, i, .artist(artist)))
        }
        layers.append((2.5, -2, .spines))
        layers.append((2.5, -1, .ticks))
        if axes.legend != nil { layers.append((5, Int.max, .legend)) }
        layers.sort { $0.z != $1.z ? $0.z < $1.z : $0.order < $1.order }

        for (_, _, layer) in layers {
            switch layer {
            case .artist(.line(let line)): drawLine(line, axes: axes, on: &canvas)
            case .artist(.markers(let markers)): drawMarkers(markers, axes: axes, on: &canvas)
            case .artist(.text(let text)): try drawText(text, axes: axes, on: &canvas)
            case .spines: drawSpines(axes, on: &canvas)
            case .ticks: try drawTicksAndLabels(axes, on: &canvas)
            case .legend: try drawLegend(axes, on: &canvas)
            }
        }
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
            s.draw(on: &canvas, at: t.pixel(p.x, p.y), clip: axes.frame)
        }
    }

    /// Where a text lands: anchored, offset, then moved inside the frame if it crosses it.
    func textBox(_ text: TextArtist, in axes: Axes) throws -> Rect? {
        guard let (layout, anchor) = try placedText(text, in: axes) else { return nil }
        return TextRenderer.box(of: layout, at: anchor, horizontal: text.horizontal, vertical: text.vertical)
    }

    /// The text's layout and its anchor, moved inside the frame by the least distance.
    private func placedText(_ text: TextArtist, in axes: Axes) throws -> (TextLayout, Point)? {
        let layout = try self.layout(text.text, sizePixels: text.fontSizePixels)
        var anchor: Point
        switch text.anchor {
        case .data(let p): anchor = axes.transform.pixel(p.x, p.y)
        case .framePixels(let p): anchor = Point(axes.frame.minX + p.x, axes.frame.minY + p.y)
        }
        anchor = anchor + text.offsetPixels
        guard anchor.isFinite else { return nil }
        let inside = axes.frame.insetBy(FigureRenderer.textInset)
        let box = TextRenderer.box(of: layout, at: anchor, horizontal: text.horizontal, vertical: text.vertical)
        let dx = shift(box.minX, box.maxX, into: inside.minX, inside.maxX)
        let dy = shift(box.minY, box.maxY, into: inside.minY, inside.maxY)
        return (layout, anchor + Point(dx, dy))
    }

    /// How far inside the frame texts keep, in pixels.
    public static let textInset = 3.0

    /// The advance width of `text` at `fontSizePixels`.
    public func textWidth(_ text: String, fontSizePixels: Double) throws -> Double {
        try layout(text, sizePixels: fontSizePixels).width
    }

    /// The least move that brings lo...hi inside min...max (or aligns it to min when too big).
    private func shift(_ lo: Double, _ hi: Double, into min: Double, _ max: Double) -> Double {
        if hi - lo > max - min { return min - lo }
        if lo < min { return min - lo }
        if hi > max { return max - hi }
        return 0
    }

    private func drawText(_ text: TextArtist, axes: Axes, on canvas: inout Canvas) throws {
        guard let (_, anchor) = try placedText(text, in: axes) else { return }
        try self.text(text.text, sizePixels: text.fontSizePixels, at: anchor, horizontal: text.horizontal,
                      vertical: text.vertical, color: text.color, on: &canvas)
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

    private func drawTicksAndLabels(_ axes: Axes, on canvas: inout Canvas) throws {
        let f = axes.frame, t = axes.transform
        let font = try fonts.font(sizePixels: style.fontSize)
        let width = PixelSnap.width(style.tickWidth)
        guard let stroke = StrokeStyle(width: width, cap: .butt) else { return }
        let bottom = PixelSnap.coordinate(f.maxY, width: width)
        let left = PixelSnap.coordinate(f.minX, width: width)

        let ticksX = xTicks(axes)
        var marks: [[Point]] = []
        for (value, label) in zip(ticksX, TickFormatter.labels(ticksX)) {
            let x = PixelSnap.coordinate(t.pixelX(value), width: width)
            marks.append([Point(x, bottom), Point(x, bottom + style.tickLength)])
            try text(label, sizePixels: style.fontSize, at: Point(t.pixelX(value), f.maxY + style.tickLength + style.tickPad),
                     horizontal: .center, vertical: .top, color: Style.text, on: &canvas)
        }
        let ticksY = yTicks(axes)
        let labelsY = TickFormatter.labels(ticksY)
        var widest = 0.0
        for (value, label) in zip(ticksY, labelsY) {
            let y = PixelSnap.coordinate(t.pixelY(value), width: width)
            marks.append([Point(left, y), Point(left - style.tickLength, y)])
            widest = Swift.max(widest, TextLayout(label, font: font).width)
            try text(label, sizePixels: style.fontSize, at: Point(f.minX - style.tickLength - style.tickPad, t.pixelY(value)),
                     horizontal: .right, vertical: .center, color: Style.text, on: &canvas)
        }
        self.stroke(marks, style: stroke, color: Style.text, clip: canvas.bounds, on: &canvas)

        let labelHeight = TextLayout("lp", font: font).height
        if let xLabel = axes.xLabel {
            let y = f.maxY + style.tickLength + style.tickPad + labelHeight + style.labelPad
            try text(xLabel, sizePixels: style.fontSize, at: Point(f.center.x, y),
                     horizontal: .center, vertical: .top, color: Style.text, on: &canvas)
        }
        if let yLabel = axes.yLabel {
            let x = f.minX - style.tickLength - style.tickPad - widest - style.labelPad
            try text(yLabel, sizePixels: style.fontSize, at: Point(x, f.center.y),
                     horizontal: .center, vertical: .bottom, rotation: .counterClockwise, color: Style.text, on: &canvas)
        }
        if !axes.title.isEmpty {
            var bottom = f.minY - style.titlePad
            for line in axes.title.reversed() {
                let layout = try self.layout(line, sizePixels: style.titleFontSize)
                var x = f.center.x
                let half = layout.width / 2
                // Keep the whole title on the figure even when it is wider than its panel.
                x = Swift.min(Swift.max(x, half + 2), Double(canvas.width) - half - 2)
                try text(line, sizePixels: style.titleFontSize, at: Point(x, bottom),
                         horizontal: .center, vertical: .bottom, color: axes.titleColor, on: &canvas)
                bottom -= layout.height + titleLineGap
            }
        }
    }

    private func drawLegend(_ axes: Axes, on canvas: inout Canvas) throws {
        guard let layout = try LegendLayout(entries: axes.legendEntries, renderer: self) else { return }
        let box = layout.box(at: try legendLocation(axes), in: axes.frame)
        try layout.draw(on: &canvas, box: box, renderer: self)
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
