import Chart
import Raster

/// The notebook's left panel: the loss over the weight, with the current weight, the loss
/// there, the tangent, the step and the update, stage by stage; for a race, every run's
/// weight on the curve, one epoch a keyframe (RacePanels.swift).
struct LossPanel: LessonPanel {
    var runs: [Lesson]
    let labels: FigureLabels
    let limits: FigureLimits
    /// The weight axis's inner range, where the curve and the tangent are drawn.
    let weights: (lower: Double, upper: Double)
    /// The loss curve over that range, the same in every frame.
    let curve: [Point]
    /// An expression's minima in view (none for least squares, whose curve shows its one).
    let minima: [Double]

    init(runs: [Lesson], labels: FigureLabels, limits: FigureLimits) {
        self.runs = runs
        let lesson = runs[0]
        self.labels = labels
        self.limits = limits
        weights = FigureLimits.inner(limits.weight)
        let w = weights
        curve = FigureLimits.samples(w.lower, w.upper, count: 500).map { Point($0, lesson.loss(at: $0)) }
        minima = lesson.objective.formula?.minima(w: w.lower...w.upper).map { $0[0] } ?? []
    }

    /// An expression's minima on its curve: a + in the theme's ink, named in the legend.
    func minimumMarks(style s: Style) -> [Artist] {
        guard !minima.isEmpty else { return [] }
        var mark = MarkerArtist(data: minima.map { Point($0, lesson.loss(at: $0)) }, shape: .plus, sizePixels: s.px(11),
                                color: s.theme.foreground, edgeWidthPixels: s.px(2), label: labels.minimum, zorder: 19, role: .minimum)
        mark.casing = s.markerHalo
        return [.markers(mark)]
    }

    var name: String { "loss" }

    var limitAxes: (x: LimitAxis, y: LimitAxis) { (.weight, .loss) }

    /// The update equation, shown at the update stage; a race's count of steps taken.
    func title(epoch: Int) -> [String] {
        if isRace { return raceTitle(epoch: epoch) }
        let n = lesson.numbers(epoch: epoch)
        return lesson.spec.kind == .gd ? LessonFigure.updateEquation(n, rate: LessonFigure.rateMath(lesson, epoch: epoch))
            : lesson.spec.updateLines(from: lesson.path[epoch], to: lesson.path[epoch + 1], state: lesson.states[epoch])
    }

    /// Another optimizer's step, where it teaches: the step it took (black, with its term:
    /// −ηv for momentum, −η m̂/(√v̂ + ε) for Adam) above the step plain gradient descent would
    /// have taken from the same point (grey, −ηg).
    private func optimizerStep(_ n: EpochNumbers, style s: Style, size: Double, lossAt: Double) -> [Artist] {
        let plain = n.w - lesson.learningRate * n.gradient
        // On the side of the loss dot with more room: below it when it stands in the upper half.
        let lift = (lossAt > limits.loss.lower + limits.loss.span / 2 ? -0.07 : 0.07) * limits.loss.span
        let inside = { (v: Double) in Swift.min(Swift.max(v, self.starLevel + 0.05 * self.limits.loss.span),
                                                self.limits.loss.upper - 0.02 * self.limits.loss.span) }
        let y = inside(lossAt + lift), low = inside(lossAt + 2 * lift)
        let term = "$-" + lesson.spec.stepTerm + "$"
        func pinned(_ w: Double) -> Double { Pin(w, limits.weight).value }
        var taken = TextArtist(term, at: .data(Point(pinned(n.wNew), y)), offsetPixels: Point(0, -s.px(4)), fontSizePixels: size,
                               color: s.theme.foreground, horizontal: .center, vertical: .bottom, zorder: 210, role: .optimizerStepTerm,
                               halo: true, droppable: true)
        let around = [TextPlacement(Point(0, s.px(4)), .center, .top), TextPlacement(Point(s.px(6), 0), .left, .center),
                      TextPlacement(Point(-s.px(6), 0), .right, .center)]
        taken.alternatives = around
        var gd = TextArtist("$-" + OptimizerSpec.gd.stepTerm + "$", at: .data(Point(pinned(plain), low)), offsetPixels: Point(0, -s.px(4)), fontSizePixels: size,
                            color: s.theme.c7, horizontal: .center, vertical: .bottom, zorder: 210, role: .plainStepTerm,
                            halo: true, droppable: true)
        gd.alternatives = around
        return [.arrow(ArrowArtist(from: Point(pinned(n.w), low), to: Point(pinned(plain), low), color: s.theme.c7,
                                   widthPixels: s.px(1.5), headPixels: s.px(8), zorder: 44, role: .plainStep)),
                .arrow(ArrowArtist(from: Point(pinned(n.w), y), to: Point(pinned(n.wNew), y), color: s.theme.foreground,
                                   widthPixels: s.px(1.5), headPixels: s.px(8), zorder: 45, role: .optimizerStep)),
                .text(taken), .text(gd)]
    }

    /// The loss curve: a line in `color`, named in the legend and the layout export.
    static func curve(_ points: [Point], color: Color, style s: Style, label: String?) -> LineArtist {
        var line = LineArtist(data: points, color: color, widthPixels: s.lineWidth, label: label, zorder: 20)
        line.role = .lossCurve
        return line
    }

    /// Where the weight stars sit: just above the bottom of the loss axis (the notebook's
    /// −190 on [−200, 900]).
    var starLevel: Double { limits.loss.lower + limits.loss.span / 110 }

    func axes(at moment: Moment, in context: PanelContext) -> Axes {
        if isRace { return raceAxes(at: moment, in: context) }
        let n = lesson.numbers(epoch: moment.epoch)
        let stage = moment.stage
        let s = context.style
        let bottom = limits.loss.lower
        // Values beyond the axes (a diverging run) are pinned just inside the edge, with an
        // arrow pointing where they went; labels still give the true value.
        let wAt = Pin(n.w, limits.weight)
        let wNewAt = Pin(n.wNew, limits.weight)
        let lossAt = Pin(n.loss, limits.loss)
        let place = LabelPlacer(panel: self, context: context, w: wAt.value, wNew: wNewAt.value, outward: n.gradient >= 0 ? 1 : -1,
                                dotAtTop: lossAt.direction > 0)
        var artists: [Artist] = [
            .line(LossPanel.curve(curve, color: s.theme.c0, style: s, label: labels.lossCurve)),
            .markers(LessonFigure.weightStar(at: Point(wAt.value, starLevel), size: s.px(10), updated: false, style: s,
                                             label: labels.currentWeight)),
            .text(place.besideStar("w = \(LessonFigure.number(n.w))", color: s.theme.c1)),
        ] + minimumMarks(style: s)
        artists += wAt.arrow(across: starLevel, horizontal: true, color: s.theme.c1, style: s)
        var title: [String] = []
        if stage.shows(.loss) {
            artists.append(guide(style: s, [Point(n.w, bottom), Point(n.w, n.loss)]))
            var dot = MarkerArtist(data: [Point(wAt.value, lossAt.value)], shape: .circle, sizePixels: s.markerSize,
                                   color: s.theme.c0, edgeWidthPixels: s.markerEdgeWidth,
                                   label: labels.lossAtWeight, zorder: 20, role: .lossAtWeight)
            dot.casing = s.markerHalo
            artists.append(.markers(dot))
            artists += lossAt.arrow(across: wAt.value, horizontal: false, color: s.theme.c0, style: s)
            artists.append(.text(place.besideDot("\(labels.lossValue) = \(LessonFigure.number(n.loss))", loss: lossAt.value)))
        }
        if stage.shows(.tangent) {
            if lesson.batches != nil {
                // The full gradient's tangent, dashed, beside the mini-batch's.
                let full = lesson.objective.gradient(lesson.path[moment.epoch])[0]
                let tangent = [weights.lower, weights.upper].map { w in Point(w, n.loss + full * (w - n.w)) }
                var line = LineArtist(data: tangent, color: s.theme.faded(s.theme.c2, 0.55), widthPixels: s.lineWidth,
                                      dash: .dashed, label: labels.fullTangent, zorder: 19)
                line.role = .fullTangent
                artists.append(.line(line))
            }
            let tangent = [weights.lower, weights.upper].map { w in Point(w, n.loss + n.gradient * (w - n.w)) }
            var line = LineArtist(data: tangent, color: s.theme.c2, widthPixels: s.lineWidth, label: labels.tangent, zorder: 20)
            line.role = .tangent
            line.avoidedByTexts = true
            artists.append(.line(line))
            artists.append(.text(place.slope("$\\dfrac{\\partial L}{\\partial w} = \(NumberText.math(n.gradient))$", loss: lossAt.value,
                                             lossText: "\(labels.lossValue) = \(LessonFigure.number(n.loss))")))
        }
        if stage.shows(.step) {
            artists.append(guide(style: s, [Point(n.wNew, n.loss), Point(n.w, n.loss)]))
            if lesson.spec.kind != .gd {
                artists += optimizerStep(n, style: s, size: context.annotationSize, lossAt: lossAt.value)
            }
        }
        if stage.shows(.drop) {
            artists.append(guide(style: s, [Point(n.wNew, bottom), Point(n.wNew, n.loss)]))
        }
        if stage.shows(.update) {
            artists.append(.markers(LessonFigure.weightStar(at: Point(wNewAt.value, starLevel), size: s.px(10), updated: true,
                                                            style: s, label: labels.updatedWeight)))
            artists += wNewAt.arrow(across: starLevel, horizontal: true, color: s.theme.c3, style: s)
            title = self.title(epoch: moment.epoch)
        }
        var axes = Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: limits.loss,
                        xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title, titleColor: s.theme.c3,
                        artists: artists, legend: context.legend)
        axes.yTickFloor = limits.lossTickFloor
        // The band of the weight stars and their labels.
        let starY = axes.transform.pixelY(starLevel)
        let frame = context.frame
        axes.keepClear = [Rect(minX: frame.minX, minY: starY - 2.5 * context.annotationSize, maxX: frame.maxX, maxY: frame.maxY)]
        return axes
    }



    /// Places the left panel's labels. Labels go on the outward side of the current weight
    /// (away from the step, which runs towards the minimum) when they fit there; otherwise
    /// they go inward but lifted, so they never sit on the new-weight star or the dotted step.
    /// Each also lists other places round its point, for the renderer to take when the
    /// first collides with a text or the legend.
    private struct LabelPlacer {
        let panel: LossPanel
        let context: PanelContext
        let w: Double
        /// Where the step ends: its guide line runs down to the star there.
        let wNew: Double
        /// +1 when the step goes left (positive gradient), −1 when it goes right.
        let outward: Double
        /// The loss dot is pinned at the top edge: labels that would go above it go below.
        let dotAtTop: Bool

        private var style: Style { context.style }
        private var gap: Double { style.px(8) }
        private var transform: DataTransform { DataTransform(frame: context.frame, x: panel.limits.weight, y: panel.limits.loss) }

        private func width(_ text: String) -> Double {
            (try? context.renderer.textWidth(text, fontSizePixels: context.annotationSize)) ?? 0
        }

        /// Whether `text` fits between the anchor (plus the gap) and the frame on the outward side.
        private func fitsOutward(_ text: String, gap: Double) -> Bool {
            let x = transform.pixelX(w)
            let room = outward > 0
                ? context.frame.maxX - FigureRenderer.textInset - (x + gap)
                : (x - gap) - (context.frame.minX + FigureRenderer.textInset)
            return room >= width(text)
        }

        private var near: HorizontalAlignment { outward > 0 ? .left : .right }
        private var far: HorizontalAlignment { outward > 0 ? .right : .left }

        /// Right, left, above and below a point, `gap` away, then further out.
        private func around(_ gap: Double, lift: Double) -> [TextPlacement] {
            let line = context.annotationSize * 1.2
            return [TextPlacement(Point(gap, 0), .left, .center), TextPlacement(Point(-gap, 0), .right, .center),
                    TextPlacement(Point(0, -lift), .center, .bottom), TextPlacement(Point(0, lift), .center, .top),
                    TextPlacement(Point(gap, -lift - line), .left, .bottom), TextPlacement(Point(-gap, -lift - line), .right, .bottom),
                    TextPlacement(Point(gap, lift + line), .left, .top), TextPlacement(Point(-gap, lift + line), .right, .top)]
        }

        private func text(_ text: String, _ anchor: Point, _ first: TextPlacement, color: Color, zorder: Double,
                          role: Role, lift: Double) -> TextArtist {
            // In the rare frame where no place round its point is free (a small panel
            // crowded by its legend), a label gives way rather than cover another text.
            var artist = TextArtist(text, at: .data(anchor), offsetPixels: first.offsetPixels,
                                    fontSizePixels: context.annotationSize, color: color,
                                    horizontal: first.horizontal, vertical: first.vertical, zorder: zorder, role: role,
                                    halo: true, droppable: true)
            artist.alternatives = around(gap, lift: lift)
            return artist
        }

        func besideStar(_ label: String, color: Color) -> TextArtist {
            let anchor = Point(w, panel.starLevel)
            let starGap = style.px(10)
            let lift = style.px(8)
            if fitsOutward(label, gap: starGap) {
                return text(label, anchor, TextPlacement(Point(outward * starGap, 0), near, .center), color: color,
                            zorder: 50, role: .weightValue, lift: lift)
            }
            // Above the star: on the inward side unless that crosses a guide line (the
            // star's own or the step's, at the new weight) and the outward side, moved back
            // inside the frame as far as needed, crosses none.
            let x = transform.pixelX(w), xNew = transform.pixelX(wNew), textWidth = width(label), nudge = style.px(3)
            let inner = context.frame.insetBy(FigureRenderer.textInset)
            func crossesGuide(_ from: Double, _ to: Double) -> Bool {
                [x, xNew].contains { line in Swift.min(from, to) < line + 1 && Swift.max(from, to) > line - 1 }
            }
            let outwardEdge = outward > 0 ? Swift.min(x + nudge, inner.maxX - textWidth)
                                          : Swift.max(x - nudge, inner.minX + textWidth)
            let inwardEdge = x - outward * nudge
            if crossesGuide(inwardEdge, inwardEdge - outward * textWidth),
               !crossesGuide(outwardEdge, outwardEdge + outward * textWidth) {
                return text(label, anchor, TextPlacement(Point(outwardEdge - x, -lift), near, .bottom), color: color,
                            zorder: 50, role: .weightValue, lift: lift)
            }
            return text(label, anchor, TextPlacement(Point(-outward * nudge, -lift), far, .bottom), color: color,
                        zorder: 50, role: .weightValue, lift: lift)
        }

        func besideDot(_ label: String, loss: Double) -> TextArtist {
            let anchor = Point(w, loss)
            if fitsOutward(label, gap: gap) {
                return text(label, anchor, TextPlacement(Point(outward * gap, 0), near, .center), color: style.theme.c0,
                            zorder: 50, role: .lossValue, lift: style.px(5))
            }
            return text(label, anchor, TextPlacement(Point(-outward * style.px(4), dotAtTop ? style.px(5) : -style.px(5)),
                                                     far, dotAtTop ? .top : .bottom),
                        color: style.theme.c0, zorder: 50, role: .lossValue, lift: style.px(5))
        }

        /// The slope goes inward above the dot (below it when the dot is pinned at the top),
        /// beyond the loss label when that went inward too.
        func slope(_ label: String, loss: Double, lossText: String) -> TextArtist {
            var lift = style.px(5)
            // Above the loss label when that went inward too, clear of it by the renderer's
            // gap between texts (a fraction's ink reaches past its line box).
            if !fitsOutward(lossText, gap: gap) { lift += context.annotationSize * 1.25 + 2 }
            return text(label, Point(w, loss), TextPlacement(Point(-outward * style.px(4), dotAtTop ? lift : -lift),
                                                             far, dotAtTop ? .top : .bottom),
                        color: style.theme.c2, zorder: 200, role: .slopeValue, lift: style.px(5))
        }
    }
}
