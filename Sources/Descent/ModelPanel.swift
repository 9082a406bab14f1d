import Foundation
import Chart
import Raster

/// The notebook's right panel: the data, the model line, the predictions and the residuals,
/// with the points' squared losses beside the points chosen to carry them.
struct ModelPanel: LessonPanel {
    let labels: FigureLabels
    let limits: FigureLimits
    /// The input axis's inner range, where the model line is drawn.
    let inputs: (lower: Double, upper: Double)
    /// The points whose loss is written beside them, chosen once (see `settle`).
    var labelledPoints: Set<Int> = []
    /// The lesson; or a race's runs, each run's line in its colour, no predictions or residuals.
    var runs: [Lesson]
    /// Epochs left out before a shown one (`show`), noted under its title.
    let gaps: [Int: ClosedRange<Int>]

    /// Data points and predictions sit above the model line and the residuals (the notebook
    /// draws the residuals over the points, hiding their centres).
    static let pointsAbove = 2.2

    init(runs: [Lesson], labels: FigureLabels, limits: FigureLimits, gaps: [Int: ClosedRange<Int>] = [:]) {
        self.labels = labels
        self.limits = limits
        self.runs = runs
        self.gaps = gaps
        inputs = FigureLimits.inner(limits.x)
    }

    var name: String { "model" }

    var limitAxes: (x: LimitAxis, y: LimitAxis) { (.x, .y) }

    func title(epoch: Int) -> [String] {
        title(lesson.numbers(epoch: epoch))
    }

    /// Which points carry their loss: in order of their loss at the first epoch (largest
    /// first), each point whose label, where it goes beside its prediction, would overlap
    /// the label of no point already chosen in any of `epochs`. The same points in every
    /// frame; crowded data shows the largest losses.
    mutating func settle(in context: PanelContext, epochs sampled: [Int]) throws {
        guard !isRace else { return }
        let style = context.style
        let t = DataTransform(frame: context.frame, x: limits.x, y: limits.y)
        let epochs = sampled.map { lesson.numbers(epoch: $0) }
        let first = lesson.numbers(epoch: 0).pointLosses
        let order = lesson.x.indices.sorted { first[$0] != first[$1] ? first[$0] > first[$1] : $0 < $1 }
        let height = try context.renderer.textHeight("0", fontSizePixels: context.annotationSize)
        // Per point, its label's box in each sampled epoch.
        var chosen: [[Rect]] = []
        for i in order {
            let x = t.pixelX(Pin(lesson.x[i], limits.x).value) + style.px(4)
            let boxes = try epochs.map { n in
                let at = Pin(n.predictions[i], limits.y)
                let y = t.pixelY(at.value) + (at.direction > 0 ? style.px(6) : style.px(2))
                let width = try context.renderer.textWidth(pointLossText(n, i), fontSizePixels: context.annotationSize)
                return Rect(minX: x - 2, minY: y - 2, maxX: x + width + 2, maxY: y + height + 2)
            }
            let clashes = chosen.contains { other in
                zip(other, boxes).contains { FigureRenderer.overlaps($0, $1, gap: 0) }
            }
            guard !clashes else { continue }
            chosen.append(boxes)
            labelledPoints.insert(i)
        }
    }

    func axes(at moment: Moment, in context: PanelContext) -> Axes {
        if isRace { return raceAxes(at: moment, in: context) }
        let n = lesson.numbers(epoch: moment.epoch)
        let s = context.style
        let xs = FigureLimits.samples(inputs.lower, inputs.upper, count: 100)
        let pointsAt = lesson.x.map { Pin($0, limits.x) }
        let targetsAt = lesson.t.map { Pin($0, limits.y) }
        let points = zip(pointsAt, targetsAt).map { Point($0.value, $1.value) }
        // With a mini-batch, the points this step used stand out and the others fade.
        let sampled = lesson.batches.map { Set($0[moment.epoch]) }
        var model = LineArtist(data: xs.map { Point($0, line(n, $0)) }, color: s.theme.c1, widthPixels: s.lineWidth,
                               label: lesson.isAffine ? labels.affineModel : labels.model)
        model.role = .modelLine
        var artists: [Artist] = [
            .line(model),
            .markers(observations(points.indices.filter { sampled?.contains($0) ?? true }.map { points[$0] }, style: s)),
        ] + decisionBoundary(n, style: s)
        if let sampled {
            // The points this step left out: faded in the notebook, hollow where the theme keeps contrast.
            var left = MarkerArtist(data: points.indices.filter { !sampled.contains($0) }.map { points[$0] },
                                    shape: .circle, sizePixels: s.px(8), color: s.theme.faded(s.theme.c0, 0.25),
                                    edgeWidthPixels: 0, label: labels.unsampled, zorder: ModelPanel.pointsAbove,
                                    role: .observation)
            if s.theme.accessible {
                left.faceColor = s.theme.background
                left.edgeWidthPixels = s.px(1.2)
                left.casing = s.markerHalo
            }
            artists.append(.markers(left))
        }
        let predictionsAt = n.predictions.map { Pin($0, limits.y) }
        var predictions = MarkerArtist(data: zip(pointsAt, predictionsAt).map { Point($0.value, $1.value) }, shape: .cross,
                                       sizePixels: s.markerSize, color: s.theme.c1, edgeWidthPixels: s.markerEdgeWidth,
                                       label: labels.predictions, zorder: ModelPanel.pointsAbove, role: .prediction)
        predictions.casing = s.markerHalo
        artists.append(.markers(predictions))
        for i in lesson.x.indices {
            let xi = pointsAt[i].value
            artists += pointsAt[i].arrow(across: targetsAt[i].value, horizontal: true, color: s.theme.c0, style: s)
            artists += targetsAt[i].arrow(across: xi, horizontal: false, color: s.theme.c0, style: s)
            artists += predictionsAt[i].arrow(across: xi, horizontal: false, color: s.theme.c1, style: s)
            var residual = LineArtist(data: [Point(xi, targetsAt[i].value), Point(xi, predictionsAt[i].value)],
                                      color: s.theme.faded(s.theme.c1, 0.5), widthPixels: s.lineWidth, dash: .dashed, snap: true)
            residual.role = .residual
            artists.append(.line(residual))
        }
        for i in lesson.x.indices where labelledPoints.contains(i) {
            let at = predictionsAt[i]
            let below = at.direction > 0 ? s.px(6) : s.px(2)
            var text = TextArtist(pointLossText(n, i), at: .data(Point(pointsAt[i].value, at.value)),
                                  offsetPixels: Point(s.px(4), below), fontSizePixels: context.annotationSize,
                                  color: s.theme.c1, horizontal: .left, vertical: .top, role: .pointLoss, halo: true,
                                  droppable: true)
            // Where the value finds no room, it rounded to a whole number (its cents do not teach).
            let whole = n.pointLosses[i].rounded()
            if abs(whole) >= 10, abs(whole) < 1e5, text.text == LessonFigure.number(n.pointLosses[i]) {
                text.shorter = [NumberText.fixed(whole, decimals: 0)]
            }
            text.alternatives = [TextPlacement(Point(-s.px(4), below), .right, .top),
                                 TextPlacement(Point(s.px(4), -s.px(2)), .left, .bottom),
                                 TextPlacement(Point(-s.px(4), -s.px(2)), .right, .bottom)]
            artists.append(.text(text))
        }
        artists.append(.text(weightOnLine(n, samples: xs, context: context)))
        return Axes(name: name, frame: context.frame, xLimits: limits.x, yLimits: limits.y,
                    xLabel: labels.timeAxis, yLabel: labels.amountAxis, title: title(n), titleColor: s.theme.c1,
                    artists: artists, legend: context.legend)
    }

    /// The data: circles in C0, ringed in the page's colour where the theme keeps contrast.
    private func observations(_ points: [Point], style s: Style) -> MarkerArtist {
        var markers = MarkerArtist(data: points, shape: .circle, sizePixels: s.px(8), color: s.theme.c0,
                                   edgeWidthPixels: s.markerEdgeWidth, label: labels.observations,
                                   zorder: ModelPanel.pointsAbove, role: .observation)
        markers.casing = s.markerHalo
        return markers
    }

    /// Point `i`'s squared loss; pinned predictions crowd the edge, so theirs is written short.
    private func pointLossText(_ n: EpochNumbers, _ i: Int) -> String {
        Pin(n.predictions[i], limits.y).direction == 0 ? LessonFigure.number(n.pointLosses[i])
            : NumberText.label(n.pointLosses[i], limit: 100)
    }

    /// A race: the data, and each run's line after the epoch's step, in its colour.
    private func raceAxes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        let xs = FigureLimits.samples(inputs.lower, inputs.upper, count: 100)
        let points = zip(lesson.x, lesson.t).map { Point(Pin($0, limits.x).value, Pin($1, limits.y).value) }
        var artists: [Artist] = [.markers(observations(points, style: s))]
        for (k, run) in runs.enumerated() {
            let p = run.path[Race.stepsTaken(atEpoch: moment.epoch)]
            artists += Race.modelLine(k, xs.map { Point($0, run.objective.output($0, p)) }, style: s,
                                      inputs: inputs, limits: limits.y)
        }
        return Axes(name: name, frame: context.frame, xLimits: limits.x, yLimits: limits.y, xLabel: labels.timeAxis,
                    yLabel: labels.amountAxis, title: title(epoch: moment.epoch), artists: artists,
                    legend: context.legend)
    }

    private func title(_ n: EpochNumbers) -> [String] {
        var lines = fullTitle(n)
        if let gap = gaps[n.epoch] {
            let note = gap.count == 1 ? labels.notShownOne : labels.notShown
            lines.append(note.replacingOccurrences(of: "{a}", with: "\(gap.lowerBound)")
                .replacingOccurrences(of: "{b}", with: "\(gap.upperBound)"))
        }
        if let batches = lesson.batches {
            // The figure's note: what a mini-batch step is.
            let k = batches[n.epoch].count, all = lesson.x.count
            lines.append(labels.batchNote.replacingOccurrences(of: "{k}", with: "\(k)")
                .replacingOccurrences(of: "{n}", with: "\(all)"))
        }
        return lines
    }

    private func fullTitle(_ n: EpochNumbers) -> [String] {
        // With a schedule: the rate in force this epoch, and the rule once, on a line of its own.
        let eta = LessonFigure.rate(lesson, epoch: n.epoch), rule = LessonFigure.scheduleLines(runs: runs, methods: labels.methods)
        if isRace {
            let losses = runs.map { $0.objective.value($0.path[Race.stepsTaken(atEpoch: n.epoch)]) }
            return ["\(labels.squaredLoss): " + losses.map { LessonFigure.number($0) }.joined(separator: ", "),
                    "η = \(eta)"] + rule
        }
        if lesson.spec.kind != .gd || !lesson.hasClosedFormRegime {
            let behaviour = lesson.behaviour
            return ["\(labels.iteration) \(n.epoch), \(labels.squaredLoss) = \(LessonFigure.number(n.loss))",
                    lesson.spec.title(labels.methods),
                    "η = \(eta): \(labels.behaviours[behaviour] ?? behaviour.rawValue)"] + rule
        }
        let head = "\(labels.iteration) \(n.epoch), \(labels.squaredLoss) = \(LessonFigure.number(n.loss))"
        // The regime of the rate in force: rᵢ = 1 − η_k·λᵢ.
        let contractions = lesson.schedule == .constant ? lesson.contractions
            : lesson.curvatures.map { 1 - lesson.rate(epoch: n.epoch) * $0 }
        let contraction = contractions.max { abs($0) < abs($1) }!
        let regime = Regime(ratio: contraction)
        // Directions that behave differently are both named, on a line of their own.
        if lesson.isAffine, let valley = labels.valley(contractions) {
            return [head, "η = \(eta): " + valley[0],
                    valley[1] + ", κ = \(LessonFigure.number(lesson.conditionNumber))"] + rule
        }
        return [head,
         "η = \(eta): \(labels.regimes[regime] ?? regime.rawValue), "
            + "r = \(LessonFigure.number(contraction))"
            + (lesson.isAffine ? ", κ = \(LessonFigure.number(lesson.conditionNumber))" : "")] + rule
    }

    /// Logistic regression's points lie along the bottom and the top of the panel, where a
    /// legend inside would hide them: its legend goes below the axes unless it is small.
    var legendShare: Double { lesson.objective.loss is BinaryCrossEntropy ? 0.01 : 0.55 }

    /// Logistic regression's decision boundary, where the model predicts 0.5: x = −b/w, a
    /// dashed vertical line while it stands in view.
    private func decisionBoundary(_ n: EpochNumbers, style s: Style) -> [Artist] {
        guard lesson.objective.loss is BinaryCrossEntropy else { return [] }
        let p = lesson.path[n.epoch]
        let x = -p[1] / p[0]
        // Out of view it is not drawn, but keeps its legend entry: the legend never changes size.
        let shown = x.isFinite && limits.x.lower < x && x < limits.x.upper
        var line = LineArtist(data: shown ? [Point(x, limits.y.lower), Point(x, limits.y.upper)] : [], color: s.theme.c7,
                              widthPixels: s.lineWidth, dash: .dashed, label: labels.decisionBoundary, zorder: 5)
        line.role = .decisionBoundary
        return [.line(line)]
    }

    /// The model's prediction at `x` in epoch `n`: w·x, or w·x + b with an intercept.
    private func line(_ n: EpochNumbers, _ x: Double) -> Double {
        lesson.isAffine ? lesson.objective.output(x, lesson.path[n.epoch]) : n.w * x
    }

    /// The weight written beside the model line, near its right end (the notebook puts it at
    /// x_range[-20]) but slid back along the line until it fits in the panel, on the side
    /// of the line the text does not cross: below-right of a rising line, above-right of a
    /// falling one. Other places along the line are tried when that one is taken.
    private func weightOnLine(_ n: EpochNumbers, samples xs: [Double], context: PanelContext) -> TextArtist {
        let s = context.style
        let modelFrame = context.frame
        let w = n.w, b = lesson.isAffine ? lesson.path[n.epoch][1] : 0
        let text = "w = \(LessonFigure.number(w))" + (lesson.isAffine ? ", b = \(LessonFigure.number(b))" : "")
        let width = (try? context.renderer.textWidth(text, fontSizePixels: context.annotationSize)) ?? 0
        let t = DataTransform(frame: modelFrame, x: limits.x, y: limits.y)
        let offset = s.px(6)
        let limit = limits.y
        var x = xs[xs.count - 20]
        let rightmost = t.dataX(modelFrame.maxX - 4 - width - offset)
        x = Swift.min(x, rightmost)
        // Where the line leaves the panel through the top or bottom, stay inside.
        if w != 0 {
            let exit = w > 0 ? (limit.upper - b) / w : (limit.lower - b) / w
            if exit.isFinite { x = Swift.min(x, exit - 0.05 * limits.x.span) }
        }
        let above = w < 0
        let y = Swift.min(Swift.max(line(n, x), limit.lower), limit.upper)
        var artist = TextArtist(text, at: .data(Point(x, y)), offsetPixels: Point(offset, above ? -s.px(3) : s.px(3)),
                                fontSizePixels: context.annotationSize, color: s.theme.foreground,
                                horizontal: .left, vertical: above ? .bottom : .top, role: .weightOnLine, halo: true,
                                droppable: true)
        // Where "w = …, b = …" finds no room, the slope alone (b is where the line meets the y axis).
        if lesson.isAffine { artist.shorter = ["w = \(LessonFigure.number(w))"] }
        // Further along the line, towards its start, on either side.
        let anchor = t.pixel(x, y)
        artist.alternatives = stride(from: 0.2, through: 0.8, by: 0.2).flatMap { share -> [TextPlacement] in
            let xx = x - share * (x - xs[0])
            let p = t.pixel(xx, line(n, xx)) - anchor
            return [TextPlacement(p + Point(offset, above ? -s.px(3) : s.px(3)), .left, above ? .bottom : .top),
                    TextPlacement(p + Point(-offset, above ? s.px(3) : -s.px(3)), .right, above ? .top : .bottom)]
        }
        return artist
    }
}
