import Raster
import Typeset

/// The figure's layout: each panel's column, the room round each frame, the frames.
extension FigureRenderer {
    /// Each panel's share of the figure's width: from halfway to its left neighbour (or the
    /// figure's edge) to halfway to its right one. Titles and labels stay inside it.
    public static func columns(_ frames: [Rect], widthPixels: Double) -> [ClosedRange<Double>] {
        frames.indices.map { i in
            let left = Swift.min(widthPixels, i == 0 ? 0 : (frames[i - 1].maxX + frames[i].minX) / 2)
            let right = i == frames.count - 1 ? widthPixels : (frames[i].maxX + frames[i + 1].minX) / 2
            return left...Swift.max(left, right)
        }
    }

    /// The room `axes` needs round its frame for ticks, tick labels, axis labels, the legend
    /// when it sits below, and the tallest of `titleSamples` (each a title, one label per
    /// line), given the share of the figure's width its panel has.
    public func insets(for axes: Axes, titleSamples: [[String]], column: ClosedRange<Double>) throws -> Insets {
        var sample = axes
        sample.title = []
        let decorations = try AxesDecorations(measuring: sample, column: column, renderer: self)
        var bottom = decorations.below(from: 0).bottom
        if let legend = axes.legend, legend.below,
           let layout = try LegendLayout(entries: axes.legendEntries, legend: legend, renderer: self) {
            bottom += style.labelPad * 2 + layout.size.height
        }
        var titleHeight = 0.0
        for title in titleSamples where !title.isEmpty {
            let lines = try AxesDecorations.fittedTitle(title, column: column, renderer: self)
            titleHeight = Swift.max(titleHeight, try AxesDecorations.titleHeight(lines, renderer: self))
        }
        // Half of a tick label may stand past the frame's right end.
        let tickFont = try fonts.font(sizePixels: style.fontSize)
        var right = decorations.xTickLabels.labels.last.map { TextLayout($0, font: tickFont).width / 2 } ?? 0
        if let bar = axes.colorBar {
            let widestLabel = try bar.labels.map { try layout($0, sizePixels: style.fontSize).width }.max() ?? 0
            right = Swift.max(right, colorBarBox(axes).maxX - axes.frame.maxX + style.tickLength + style.tickPad + widestLabel)
        }
        return Insets(left: decorations.left, right: right, top: decorations.top(titleHeight: titleHeight), bottom: bottom)
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
}
