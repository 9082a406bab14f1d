import Raster
import Typeset

/// Drawing an axes: its artists in z-order, spines, decorations, colour bar and legend.
extension FigureRenderer {
    private enum Layer {
        case artist(Artist, index: Int)
        case spines
        case ticks
        case legend
        case colorBar
    }

    func draw(_ axes: Axes, column: ClosedRange<Double>, on canvas: inout Canvas) throws {
        let decorations = try AxesDecorations(measuring: axes, column: column, renderer: self)
        var legendBox: Rect?
        var legendLayout: LegendLayout?
        if let legend = axes.legend, let layout = try LegendLayout(entries: axes.legendEntries, legend: legend, renderer: self) {
            legendLayout = layout
            if legend.below {
                legendBox = layout.box(below: axes.frame, top: decorations.below(from: axes.frame.maxY).bottom + 2 * style.labelPad,
                                       figureWidth: Double(canvas.width))
            } else {
                legendBox = layout.box(at: try legendLocation(axes), in: axes.frame)
            }
        }
        let texts = try textPlacer(axes).place(avoiding: legendBox.map { [$0] } ?? [])

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
            case .ticks: try drawDecorations(decorations, axes: axes, column: column, on: &canvas)
            case .legend:
                guard let legendLayout, let legendBox else { break }
                let lines = try legendLayout.draw(on: &canvas, box: legendBox, renderer: self)
                record(.legend, .legend, box: PixelRect(covering: legendBox), axes: axes)
                for (text, size, ink) in lines { record(.text, .legendEntry, text: text, size: size, box: ink, color: style.theme.foreground, axes: axes) }
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

    struct BackgroundKey: Equatable {
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
        if let casing = arrow.casing {
            for (color, grow) in casing.layers {
                if let stroke = StrokeStyle(width: arrow.widthPixels + grow, cap: .butt, join: .round), length > head {
                    self.stroke([[a, base]], style: stroke, color: color, clip: axes.frame, on: &canvas)
                }
                if let stroke = StrokeStyle(width: grow, join: .miter) {
                    self.stroke([triangle], style: stroke, color: color, clip: axes.frame, closed: true, on: &canvas)
                }
                if let mask = Coverage.mask(of: Path(contours: [triangle]), clip: axes.frame.intersection(canvas.bounds) ?? canvas.bounds) {
                    canvas.composite(AlphaMask(mask), color: color, opacity: 1)
                }
            }
        }
        if let mask = Coverage.mask(of: Path(contours: [triangle]), clip: axes.frame.intersection(canvas.bounds) ?? canvas.bounds) {
            canvas.composite(AlphaMask(mask), color: arrow.color, opacity: 1)
        }
        let box = Rect(minX: Swift.min(a.x, b.x) - half, minY: Swift.min(a.y, b.y) - half,
                       maxX: Swift.max(a.x, b.x) + half, maxY: Swift.max(a.y, b.y) + half)
        record(.marker, arrow.role, box: PixelRect(covering: box.insetBy(-(arrow.casing?.reach ?? 0))), color: arrow.color,
               axes: axes, shape: nil, edge: nil, casing: arrow.casing)
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
        self.stroke([[Point(l, top), Point(r, top), Point(r, bottom), Point(l, bottom)]], style: outline, color: style.theme.foreground,
                    clip: canvas.bounds, closed: true, on: &canvas)
        var marks: [[Point]] = []
        for (level, label) in zip(bar.ticks, bar.labels) {
            let at = PixelSnap.coordinate(y(level), width: width)
            marks.append([Point(r, at), Point(r + style.tickLength, at)])
            let ink = try text(label, sizePixels: style.fontSize, at: Point(r + style.tickLength + style.tickPad, y(level)),
                               horizontal: .left, vertical: .center, color: style.theme.foreground, on: &canvas)
            record(.text, .colorbarTick, text: label, size: style.fontSize, box: ink, color: style.theme.foreground, axes: axes)
        }
        self.stroke(marks, style: outline, color: style.theme.foreground, clip: canvas.bounds, on: &canvas)
        record(.legend, .colorbar, box: PixelRect(covering: box), axes: axes)
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
        guard !pieces.isEmpty else { return }
        let cap: LineCap = line.dash == .solid ? .square : .butt, dash = line.dash.pattern(lineWidth: width)
        if let casing = line.casing {
            for (color, grow) in casing.layers {
                if let stroke = StrokeStyle(width: width + grow, cap: cap, join: .round, dash: dash) {
                    self.stroke(pieces, style: stroke, color: color, clip: axes.frame, on: &canvas)
                }
            }
        }
        guard let stroke = StrokeStyle(width: width, cap: cap, join: .round, dash: dash) else { return }
        self.stroke(pieces, style: stroke, color: line.color, clip: axes.frame, on: &canvas)
        if recording, let role = line.role {
            record(line: pieces, role: role, width: width, color: line.color, casing: line.casing, dash: line.dash, axes: axes)
        }
    }

    func stamp(shape: MarkerShape, size: Double, face: Color, edge: Color, edgeWidth: Double) -> MarkerStamp {
        let key = StampKey(shape: shape, size: size, face: face, edge: edge, edgeWidth: edgeWidth)
        if let s = stamps[key] { return s }
        let s = MarkerStamp(shape: shape, size: size, faceColor: face, edgeColor: edge, edgeWidth: edgeWidth)
        stamps[key] = s
        return s
    }

    /// A marker and the rings round it: each ring is the same shape with a wider edge,
    /// drawn beneath, outer first.
    func drawMarker(shape: MarkerShape, size: Double, face: Color, edge: Color, edgeWidth: Double, casing: Theme.Casing?,
                    at point: Point, clip: Rect?, on canvas: inout Canvas) {
        if let casing {
            for (color, grow) in casing.layers {
                stamp(shape: shape, size: size, face: color, edge: color, edgeWidth: edgeWidth + grow)
                    .draw(on: &canvas, at: point, clip: clip)
            }
        }
        stamp(shape: shape, size: size, face: face, edge: edge, edgeWidth: edgeWidth).draw(on: &canvas, at: point, clip: clip)
    }

    private func drawMarkers(_ markers: MarkerArtist, axes: Axes, on canvas: inout Canvas) {
        let s = stamp(shape: markers.shape, size: markers.sizePixels, face: markers.faceColor,
                      edge: markers.edgeColor, edgeWidth: markers.edgeWidthPixels)
        let t = axes.transform
        // What the layout export calls the marker's box: with its casing, when recording.
        let reach = recording ? markers.casing.map { stamp(shape: markers.shape, size: markers.sizePixels, face: $0.outer, edge: $0.outer,
                                                           edgeWidth: markers.edgeWidthPixels + 2 * $0.reach) } ?? s : s
        for p in markers.data {
            let at = t.pixel(p.x, p.y)
            if let casing = markers.casing {
                drawMarker(shape: markers.shape, size: markers.sizePixels, face: markers.faceColor, edge: markers.edgeColor,
                           edgeWidth: markers.edgeWidthPixels, casing: casing, at: at, clip: axes.frame, on: &canvas)
            } else {
                s.draw(on: &canvas, at: at, clip: axes.frame)
            }
            if recording {
                record(.marker, markers.role, box: reach.box(at: at, clip: axes.frame), color: markers.faceColor, axes: axes,
                       shape: markers.shape, edge: markers.edgeColor, casing: markers.casing)
            }
        }
    }

    private func drawText(_ placed: TextPlacer.PlacedText, axes: Axes, on canvas: inout Canvas) throws {
        let text = placed.artist
        let ink = try self.text(text.text, sizePixels: text.fontSizePixels, at: placed.anchor,
                                horizontal: placed.placement.horizontal, vertical: placed.placement.vertical,
                                color: text.color, halo: text.halo, on: &canvas)
        record(.text, text.role, text: text.text, size: text.fontSizePixels, box: ink, color: text.color, axes: axes)
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
            self.stroke([side], style: stroke, color: style.theme.foreground, clip: canvas.bounds, on: &canvas)
        }
    }
}
