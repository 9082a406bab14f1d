import Raster
import Typeset

/// Where a legend goes: fitted to its panel (smaller, or below the axes, when it does not
/// fit inside) and placed where it hides least (matplotlib's `loc="best"`).
extension FigureRenderer {
    /// A legend for `axes` (in its fullest state) that fits: entries wrapped only when
    /// wider than the frame allows; inside when it then takes at most the frame's width and
    /// 55 % of its height, set smaller (down to the smallest text size, 8 pt) if that is what it
    /// takes; else below the axes, wrapped to the panel's column.
    public func fittedLegend(for axes: Axes, column: ClosedRange<Double>, maxHeightShare: Double = 0.55) throws -> Legend {
        let pad = style.legendBorderAxesPad
        var size = style.fontSize
        while size >= style.smallestTextSize - 1e-9 {
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
        return Legend(below: true, fontSizePixels: style.smallestTextSize, wrapWidthPixels: Swift.max(width, 3 * style.fontSize))
    }

    /// How much the legend would hide at each location, in `LegendLocation.candidates` order:
    /// data vertices, line segments and markers under it (markers count ten times) plus text it covers.
    /// Nil when the axes has no legend entries or its legend sits below it.
    public func legendBadness(_ axes: Axes) throws -> [Double]? {
        guard axes.legend?.below != true,
              let layout = try LegendLayout(entries: axes.legendEntries, legend: axes.legend, renderer: self) else { return nil }
        let t = axes.transform
        let placer = textPlacer(axes)
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
                if let box = try placer.box(of: text) { textBoxes.append(box) }
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

    func legendLocation(_ axes: Axes) throws -> LegendLocation {
        if let fixed = axes.legend?.location { return fixed }
        guard let scores = try legendBadness(axes), let best = scores.min() else { return .upperRight }
        return LegendLocation.candidates[scores.firstIndex(of: best)!]
    }
}
