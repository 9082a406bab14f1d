import Raster
import Typeset

/// Places an axes' texts: each at the first of its places, kept inside the frame, that
/// overlaps no text placed before it and no obstacle (the legend), preferring places that
/// hide no marker or arrow.
///
/// Guarantees: no two placed texts come closer than 2 px plus a tenth of the font size;
/// every placed text lies `FigureRenderer.textInset` inside the frame, or is not placed.
package struct TextPlacer {
    package let axes: Axes
    /// `text` laid out at a size in pixels (the renderer's, with its cache).
    package let layout: (String, Double) throws -> TextLayout
    /// No text is tried smaller than this (`Style.smallestTextSize`).
    package let smallest: Double

    package init(axes: Axes, smallest: Double, layout: @escaping (String, Double) throws -> TextLayout) {
        self.axes = axes
        self.smallest = smallest
        self.layout = layout
    }

    /// How far inside the frame texts keep, in pixels.
    package static let textInset = 3.0

    /// A text where it will be drawn.
    package struct PlacedText {
        package let artist: TextArtist
        package let placement: TextPlacement
        package let anchor: Point
        package let box: Rect
    }

    /// Places the axes' texts in order (those that may be dropped last): each at the first
    /// of its places, kept inside the frame, that overlaps no text placed before it and not
    /// `obstacles` (the legend), preferring places that hide no marker; failing those, the
    /// nearest free spot round its first place; failing that, a droppable text is tried at 90 %
    /// and 80 % of its size, then left out. Returns the placed texts by artist index.
    package func place(avoiding obstacles: [Rect]) throws -> [Int: PlacedText] {
        let t = axes.transform
        var markerBoxes: [Rect] = []
        for case .markers(let m) in axes.artists {
            let half = m.sizePixels / 2
            for p in m.data {
                let c = t.pixel(p.x, p.y)
                if axes.frame.contains(c) { markerBoxes.append(Rect(minX: c.x - half, minY: c.y - half, maxX: c.x + half, maxY: c.y + half)) }
            }
        }
        /// Boxes every 6 px or so along `from`–`to` (from the `first`th step on): what a text
        /// should not hide of a line or an arrow's shaft.
        func boxes(from: Point, to: Point, half: Double, first: Int) {
            let length = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
            guard length.isFinite else { return }
            let steps = Swift.max(1, Int(length / 6))
            for k in first...steps {
                let f = Double(k) / Double(steps)
                let c = Point(from.x + f * (to.x - from.x), from.y + f * (to.y - from.y))
                markerBoxes.append(Rect(minX: c.x - half, minY: c.y - half, maxX: c.x + half, maxY: c.y + half))
            }
        }
        // Lines that texts should not cross, inside the frame.
        for case .line(let line) in axes.artists where line.avoidedByTexts {
            for (a, b) in zip(line.data, line.data.dropFirst()) {
                for piece in LineClipper.clip([t.pixel(a.x, a.y), t.pixel(b.x, b.y)], to: axes.frame) {
                    for (from, to) in zip(piece, piece.dropFirst()) { boxes(from: from, to: to, half: Swift.max(3, line.widthPixels), first: 0) }
                }
            }
        }
        // Arrows too, along the shaft.
        for case .arrow(let a) in axes.artists {
            boxes(from: t.pixel(a.from.x, a.from.y), to: t.pixel(a.to.x, a.to.y), half: Swift.max(3, a.widthPixels), first: 1)
        }
        var taken = obstacles
        var placed: [Int: PlacedText] = [:]
        let order = axes.artists.indices.filter { if case .text(let a) = axes.artists[$0] { return !a.droppable } else { return false } }
            + axes.artists.indices.filter { if case .text(let a) = axes.artists[$0] { return a.droppable } else { return false } }
        // Ink reaches a pixel or so past a line box (anti-aliasing, math rules, hinting).
        func isFree(_ box: Rect, gap: Double) -> Bool { !taken.contains { TextPlacer.overlaps($0, box, gap: gap) } }
        /// Where `text` goes: the best of its places, else the nearest free spot round the
        /// first; nil when none is free.
        func search(_ text: TextArtist) throws -> (cost: Double, placed: PlacedText)? {
            let gap = 2 + 0.1 * text.fontSizePixels
            func free(_ box: Rect) -> Bool { isFree(box, gap: gap) }
            var best: (cost: Double, placed: PlacedText)?
            for (k, placement) in ([text.placement] + text.alternatives).enumerated() {
                guard let p = try place(text, placement), free(p.box) else { continue }
                let hidden = markerBoxes.filter { TextPlacer.overlaps($0, p.box, gap: 0) }.count
                let cost = Double(hidden) + 0.01 * Double(k)
                if best == nil || cost < best!.cost { best = (cost, p) }
                if hidden == 0 { break }
            }
            if best == nil || best!.cost >= 1, let first = try place(text, text.placement) {
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
                            if let p = try place(text, moved), free(p.box),
                               !hiding || !markerBoxes.contains(where: { TextPlacer.overlaps($0, p.box, gap: 0) }) {
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
            // A text that may be dropped is then tried smaller (a long value in a narrow
            // panel), never below the smallest size, then in its shorter forms at each size;
            // one that may not goes at its first place, inside the frame.
            if text.droppable {
                var sizes: [Double] = []
                for factor in [1, 0.9, 0.8] where !sizes.contains(Swift.max(smallest, text.fontSizePixels * factor)) {
                    sizes.append(Swift.max(smallest, text.fontSizePixels * factor))
                }
                for form in [text.text] + text.shorter {
                    for size in sizes where best == nil && (form != text.text || size != text.fontSizePixels) {
                        var smaller = text
                        smaller.text = form
                        smaller.fontSizePixels = size
                        best = try search(smaller)
                    }
                }
            }
            if best == nil, !text.droppable, let first = try place(text, text.placement) { best = (0, first) }
            if let best {
                placed[index] = best.placed
                taken.append(best.placed.box)
            }
        }
        return placed
    }

    /// Whether two boxes come closer than `gap`.
    package static func overlaps(_ a: Rect, _ b: Rect, gap: Double) -> Bool {
        a.minX < b.maxX + gap && b.minX < a.maxX + gap && a.minY < b.maxY + gap && b.minY < a.maxY + gap
    }

    /// The text at `placement`, moved inside the frame by the least distance; nil when it
    /// cannot be inside.
    package func place(_ text: TextArtist, _ placement: TextPlacement) throws -> PlacedText? {
        let layout = try self.layout(text.text, text.fontSizePixels)
        var anchor: Point
        switch text.anchor {
        case .data(let p): anchor = axes.transform.pixel(p.x, p.y)
        case .framePixels(let p): anchor = Point(axes.frame.minX + p.x, axes.frame.minY + p.y)
        }
        anchor = anchor + placement.offsetPixels
        guard anchor.isFinite else { return nil }
        let inside = axes.frame.insetBy(TextPlacer.textInset)
        let box = TextRenderer.box(of: layout, at: anchor, horizontal: placement.horizontal, vertical: placement.vertical)
        // A text wider or taller than its panel has no place in it.
        guard box.width <= inside.width, box.height <= inside.height else { return nil }
        let dx = shift(box.minX, box.maxX, into: inside.minX, inside.maxX)
        let dy = shift(box.minY, box.maxY, into: inside.minY, inside.maxY)
        return PlacedText(artist: text, placement: placement, anchor: anchor + Point(dx, dy),
                          box: box.offsetBy(dx: dx, dy: dy))
    }

    /// Where a text lands at its first place: anchored, offset, then moved inside the frame.
    package func box(of text: TextArtist) throws -> Rect? {
        try place(text, text.placement)?.box
    }

    /// The least move that brings lo...hi inside min...max (or aligns it to min when too big).
    private func shift(_ lo: Double, _ hi: Double, into min: Double, _ max: Double) -> Double {
        if hi - lo > max - min { return min - lo }
        if lo < min { return min - lo }
        if hi > max { return max - hi }
        return 0
    }
}

extension FigureRenderer {
    /// How far inside the frame texts keep, in pixels.
    public static let textInset = TextPlacer.textInset

    /// Whether two boxes come closer than `gap`.
    public static func overlaps(_ a: Rect, _ b: Rect, gap: Double) -> Bool { TextPlacer.overlaps(a, b, gap: gap) }

    /// A placer for `axes`' texts that measures with this renderer.
    func textPlacer(_ axes: Axes) -> TextPlacer {
        TextPlacer(axes: axes, smallest: style.smallestTextSize) { [unowned self] text, size in try self.layout(text, sizePixels: size) }
    }
}
