import Chart
import Raster

/// The words of the figure. The defaults are the notebook's own labels (it mixes English
/// and Spanish), with its formulas written as formulas.
public struct FigureLabels: Sendable, Equatable {
    public var weightAxis = "Weight"
    public var lossAxis = "Loss"
    public var timeAxis = "tiempo"
    public var amountAxis = "cantidad de lluvia"
    public var lossCurve = "loss"
    public var currentWeight = "current weight"
    public var lossAtWeight = "loss at current weight"
    public var tangent = "tangent: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$"
    public var updatedWeight = "updated weight"
    public var model = "model: $y = w\\,x$"
    public var observations = "data observations"
    public var predictions = "network prediction"
    public var iteration = "Iteration"
    public var squaredLoss = "squared loss"
    /// The word before the loss value beside the loss dot ("loss = 302.69").
    public var lossValue = "loss"
    public var learningRate = "learning rate"
    public var regimes: [Regime: String] = [.monotone: "monotone", .oneStep: "one step", .oscillating: "oscillating",
                                            .diverging: "diverging"]

    public init() {}

    /// Every label in one language.
    public init(language: Language) {
        switch language {
        case .en:
            timeAxis = "time"
            amountAxis = "amount of rain"
        case .es:
            weightAxis = "Peso"
            lossAxis = "Pérdida"
            lossCurve = "pérdida"
            currentWeight = "peso actual"
            lossAtWeight = "pérdida en el peso actual"
            tangent = "tangente: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$"
            updatedWeight = "peso actualizado"
            model = "modelo: $y = w\\,x$"
            observations = "observaciones"
            predictions = "predicción de la red"
            iteration = "Iteración"
            squaredLoss = "pérdida cuadrática"
            lossValue = "pérdida"
            learningRate = "tasa de aprendizaje"
            regimes = [.monotone: "monótona", .oneStep: "en un paso", .oscillating: "oscilante", .diverging: "divergente"]
        }
    }

    /// The keys a scene file's `labels` may set.
    public static let keys: [String: WritableKeyPath<FigureLabels, String>] = [
        "x": \.timeAxis, "y": \.amountAxis, "weight": \.weightAxis, "loss": \.lossAxis,
        "loss_curve": \.lossCurve, "current_weight": \.currentWeight, "loss_at_weight": \.lossAtWeight,
        "tangent": \.tangent, "updated_weight": \.updatedWeight, "model": \.model,
        "observations": \.observations, "predictions": \.predictions, "iteration": \.iteration,
        "squared_loss": \.squaredLoss, "learning_rate": \.learningRate, "loss_value": \.lossValue,
    ]

    /// Sets labels by key; an unknown key is an error listing the known ones.
    public mutating func apply(_ overrides: [String: String]) throws {
        for key in overrides.keys.sorted() {
            guard let path = FigureLabels.keys[key] else {
                throw SceneError(field: "labels.\(key)",
                                 problem: "is not a label; labels are " + FigureLabels.keys.keys.sorted().joined(separator: ", "))
            }
            let text = overrides[key]!
            guard text.count <= 200 else { throw SceneError(field: "labels.\(key)", problem: "is longer than 200 characters") }
            do {
                try LabelSyntax.check(text)
            } catch let error as MathError {
                throw SceneError(field: "labels.\(key)", problem: "column \(error.column): \(error.problem)")
            }
            self[keyPath: path] = text
        }
    }
}

/// Builds the figure for each moment of a lesson: the notebook's two panels, laid out once
/// so that nothing moves between frames but what the lesson moves.
public struct LessonFigure {
    public let lesson: Lesson
    public let widthPixels: Int
    public let heightPixels: Int
    public let style: Style
    public let labels: FigureLabels
    private let lossFrame: Rect
    private let modelFrame: Rect
    /// The loss curve over the notebook's w range, the same in every frame.
    private let lossCurve: [Point]
    /// The notebook's x range, where the model line is drawn.
    private let inputs: [Double]
    private let renderer: FigureRenderer
    private var lossLegend: LegendLocation?
    private var modelLegend: LegendLocation?

    /// The notebook's domains: w over [−10, 15] (500 samples), x over [−1, 4] (100 samples).
    static let weightRange = (lower: -10.0, upper: 15.0, samples: 500)
    static let inputRange = (lower: -1.0, upper: 4.0, samples: 100)
    static let lossLimits = AxisLimits(-200, 900)!
    static let amountLimits = AxisLimits(-10, 30)!
    /// Data points and predictions sit above the model line and the residuals (the notebook
    /// draws the residuals over the points, hiding their centres).
    static let pointsAbove = 2.2
    /// Where the weight stars sit, in loss units (the notebook's −190).
    static let starLevel = -190.0

    public init(lesson: Lesson, widthPixels: Int = 800, heightPixels: Int = 600,
                labels: FigureLabels = FigureLabels(), renderer: FigureRenderer) throws {
        self.lesson = lesson
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.labels = labels
        let weights = LessonFigure.weightRange
        lossCurve = LessonFigure.samples(weights.lower, weights.upper, count: weights.samples).map { Point($0, lesson.loss(at: $0)) }
        let xs = LessonFigure.inputRange
        inputs = LessonFigure.samples(xs.lower, xs.upper, count: xs.samples)
        self.renderer = renderer
        style = renderer.style
        let provisional = Rect(x: 0, y: 0, width: Double(widthPixels) * 0.35, height: Double(heightPixels) * 0.77)
        let lossAxes = Axes(frame: provisional, xLimits: LessonFigure.weightLimits, yLimits: LessonFigure.lossLimits,
                            xLabel: labels.weightAxis, yLabel: labels.lossAxis)
        let modelAxes = Axes(frame: provisional, xLimits: LessonFigure.inputLimits, yLimits: LessonFigure.amountLimits,
                             xLabel: labels.timeAxis, yLabel: labels.amountAxis)
        let frames = Figure.columnFrames(
            widthPixels: widthPixels, heightPixels: heightPixels,
            insets: [try renderer.insets(for: lossAxes, titleSample: LessonFigure.updateEquation(lesson.numbers(epoch: 0), rate: lesson.learningRate)),
                     try renderer.insets(for: modelAxes, titleSample: ["Iteration 0", "η = 0.025"])],
            style: style)
        lossFrame = frames[0]
        modelFrame = frames[1]
        try chooseLegendLocations(renderer: renderer)
    }

    /// `count` evenly spaced values from `lower` to `upper`, like numpy's linspace.
    static func samples(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
        (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
    }

    static var weightLimits: AxisLimits { .padded(weightRange.lower, weightRange.upper)! }
    static var inputLimits: AxisLimits { .padded(inputRange.lower, inputRange.upper)! }

    /// One legend place per panel for the whole animation — the one that hides least over
    /// a sample of epochs in their fullest stage — so legends never jump between frames.
    private mutating func chooseLegendLocations(renderer: FigureRenderer) throws {
        let sampleCount = Swift.min(lesson.epochs, 12)
        var lossTotals = [Double](repeating: 0, count: LegendLocation.candidates.count)
        var modelTotals = lossTotals
        for i in 0..<sampleCount {
            let epoch = sampleCount == 1 ? 0 : i * (lesson.epochs - 1) / (sampleCount - 1)
            let full = figure(for: Moment(epoch: epoch, stage: .update))
            for (k, v) in (try renderer.legendBadness(full.axes[0]) ?? []).enumerated() { lossTotals[k] += v }
            for (k, v) in (try renderer.legendBadness(full.axes[1]) ?? []).enumerated() { modelTotals[k] += v }
        }
        lossLegend = LegendLocation.candidates[lossTotals.firstIndex(of: lossTotals.min()!)!]
        modelLegend = LegendLocation.candidates[modelTotals.firstIndex(of: modelTotals.min()!)!]
    }

    public func figure(for moment: Moment) -> Figure {
        let numbers = lesson.numbers(epoch: moment.epoch)
        return Figure(widthPixels: widthPixels, heightPixels: heightPixels,
                      axes: [lossAxes(numbers, stage: moment.stage), modelAxes(numbers)])
    }

    // MARK: Left panel: the loss over the weight

    private func lossAxes(_ n: EpochNumbers, stage: LessonStage) -> Axes {
        let s = style
        let range = LessonFigure.weightRange
        let bottom = LessonFigure.lossLimits.lower
        // Values beyond the axes (a diverging run) are pinned just inside the edge, with an
        // arrow pointing where they went; labels still give the true value.
        let wAt = Pin(n.w, LessonFigure.weightLimits)
        let wNewAt = Pin(n.wNew, LessonFigure.weightLimits)
        let lossAt = Pin(n.loss, LessonFigure.lossLimits)
        let place = LabelPlacer(figure: self, w: wAt.value, wNew: wNewAt.value, outward: n.gradient >= 0 ? 1 : -1,
                                dotAtTop: lossAt.direction > 0)
        var artists: [Artist] = [
            .line(LineArtist(data: lossCurve, color: Style.c0, widthPixels: s.lineWidth, label: labels.lossCurve, zorder: 20)),
            .markers(MarkerArtist(data: [Point(wAt.value, LessonFigure.starLevel)], shape: .star, sizePixels: s.px(10),
                                  color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.currentWeight, zorder: 50)),
            .text(place.besideStar("w = \(Self.number(n.w))", color: Style.c1)),
        ]
        artists += wAt.arrow(across: LessonFigure.starLevel, horizontal: true, color: Style.c1, style: s)
        var title: [String] = []
        if stage.shows(.loss) {
            artists.append(guide([Point(n.w, bottom), Point(n.w, n.loss)]))
            artists.append(.markers(MarkerArtist(data: [Point(wAt.value, lossAt.value)], shape: .circle, sizePixels: s.markerSize,
                                                 color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.lossAtWeight, zorder: 20)))
            artists += lossAt.arrow(across: wAt.value, horizontal: false, color: Style.c0, style: s)
            artists.append(.text(place.besideDot("\(labels.lossValue) = \(Self.number(n.loss))", loss: lossAt.value)))
        }
        if stage.shows(.tangent) {
            let tangent = [range.lower, range.upper].map { w in Point(w, n.loss + n.gradient * (w - n.w)) }
            artists.append(.line(LineArtist(data: tangent, color: Style.c2, widthPixels: s.lineWidth,
                                            label: labels.tangent, zorder: 20)))
            artists.append(.text(place.slope("$\\dfrac{\\partial L}{\\partial w} = \(Self.mathNumber(n.gradient))$", loss: lossAt.value,
                                             lossText: "\(labels.lossValue) = \(Self.number(n.loss))")))
        }
        if stage.shows(.step) {
            artists.append(guide([Point(n.wNew, n.loss), Point(n.w, n.loss)]))
        }
        if stage.shows(.drop) {
            artists.append(guide([Point(n.wNew, bottom), Point(n.wNew, n.loss)]))
        }
        if stage.shows(.update) {
            artists.append(.markers(MarkerArtist(data: [Point(wNewAt.value, LessonFigure.starLevel)], shape: .star,
                                                 sizePixels: s.px(10), color: Style.c3,
                                                 edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.updatedWeight, zorder: 200)))
            artists += wNewAt.arrow(across: LessonFigure.starLevel, horizontal: true, color: Style.c3, style: s)
            title = LessonFigure.updateEquation(n, rate: lesson.learningRate)
        }
        return Axes(frame: lossFrame, xLimits: LessonFigure.weightLimits, yLimits: LessonFigure.lossLimits,
                    xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title, titleColor: Style.c3,
                    artists: artists, legend: Legend(location: lossLegend))
    }

    /// A value as drawn: itself when inside the limits, else just inside the edge it crossed.
    struct Pin {
        let value: Double
        /// −1 below (or left of) the limits, +1 above (or right), 0 inside.
        let direction: Int
        let limits: AxisLimits

        init(_ v: Double, _ limits: AxisLimits) {
            self.limits = limits
            let inset = 0.04 * limits.span
            if v.isNaN || v > limits.upper {
                value = limits.upper - inset
                direction = 1
            } else if v < limits.lower {
                value = limits.lower + inset
                direction = -1
            } else {
                value = v
                direction = 0
            }
        }

        /// An arrowhead at the edge the value crossed, at `across` on the other axis.
        func arrow(across: Double, horizontal: Bool, color: Color, style: Style) -> [Artist] {
            guard direction != 0 else { return [] }
            let edge = direction > 0 ? limits.upper - 0.012 * limits.span : limits.lower + 0.012 * limits.span
            let shape: MarkerShape = horizontal ? (direction > 0 ? .triangleRight : .triangleLeft)
                                                : (direction > 0 ? .triangle : .triangleDown)
            let point = horizontal ? Point(edge, across) : Point(across, edge)
            return [.markers(MarkerArtist(data: [point], shape: shape, sizePixels: style.px(7), color: color,
                                          edgeWidthPixels: 0, zorder: 60))]
        }
    }

    /// A dotted black guide line, drawn beneath everything (the notebook's zorder −50).
    private func guide(_ points: [Point]) -> Artist {
        .line(LineArtist(data: points, color: .black, widthPixels: style.lineWidth, dash: .dotted, snap: true, zorder: -50))
    }

    /// Places the left panel's labels. Labels go on the outward side of the current weight
    /// (away from the step, which runs towards the minimum) when they fit there; otherwise
    /// they go inward but lifted, so they never sit on the new-weight star or the dotted step.
    private struct LabelPlacer {
        let figure: LessonFigure
        let w: Double
        /// Where the step ends: its guide line runs down to the star there.
        let wNew: Double
        /// +1 when the step goes left (positive gradient), −1 when it goes right.
        let outward: Double
        /// The loss dot is pinned at the top edge: labels that would go above it go below.
        let dotAtTop: Bool

        private var style: Style { figure.style }
        private var gap: Double { style.px(8) }

        private func width(_ text: String) -> Double {
            (try? figure.renderer.textWidth(text, fontSizePixels: style.annotationFontSize)) ?? 0
        }

        /// Whether `text` fits between the anchor (plus the gap) and the frame on the outward side.
        private func fitsOutward(_ text: String, gap: Double) -> Bool {
            let t = DataTransform(frame: figure.lossFrame, x: LessonFigure.weightLimits, y: LessonFigure.lossLimits)
            let x = t.pixelX(w)
            let room = outward > 0
                ? figure.lossFrame.maxX - FigureRenderer.textInset - (x + gap)
                : (x - gap) - (figure.lossFrame.minX + FigureRenderer.textInset)
            return room >= width(text)
        }

        private var near: HorizontalAlignment { outward > 0 ? .left : .right }
        private var far: HorizontalAlignment { outward > 0 ? .right : .left }

        func besideStar(_ text: String, color: Color) -> TextArtist {
            let anchor = TextAnchor.data(Point(w, LessonFigure.starLevel))
            let starGap = style.px(10)
            if fitsOutward(text, gap: starGap) {
                return TextArtist(text, at: anchor, offsetPixels: Point(outward * starGap, 0),
                                  fontSizePixels: style.annotationFontSize, color: color,
                                  horizontal: near, vertical: .center, zorder: 50)
            }
            // Above the star: on the inward side unless that crosses a guide line (the
            // star's own or the step's, at the new weight) and the outward side, moved back
            // inside the frame as far as needed, crosses none.
            let t = DataTransform(frame: figure.lossFrame, x: LessonFigure.weightLimits, y: LessonFigure.lossLimits)
            let x = t.pixelX(w), xNew = t.pixelX(wNew), textWidth = width(text), nudge = style.px(3)
            let inner = figure.lossFrame.insetBy(FigureRenderer.textInset)
            func crossesGuide(_ from: Double, _ to: Double) -> Bool {
                [x, xNew].contains { line in Swift.min(from, to) < line + 1 && Swift.max(from, to) > line - 1 }
            }
            let outwardEdge = outward > 0 ? Swift.min(x + nudge, inner.maxX - textWidth)
                                          : Swift.max(x - nudge, inner.minX + textWidth)
            let inwardEdge = x - outward * nudge
            if crossesGuide(inwardEdge, inwardEdge - outward * textWidth),
               !crossesGuide(outwardEdge, outwardEdge + outward * textWidth) {
                return TextArtist(text, at: anchor, offsetPixels: Point(outwardEdge - x, -style.px(8)),
                                  fontSizePixels: style.annotationFontSize, color: color,
                                  horizontal: near, vertical: .bottom, zorder: 50)
            }
            return TextArtist(text, at: anchor, offsetPixels: Point(-outward * style.px(3), -style.px(8)),
                              fontSizePixels: style.annotationFontSize, color: color,
                              horizontal: far, vertical: .bottom, zorder: 50)
        }

        func besideDot(_ text: String, loss: Double) -> TextArtist {
            let anchor = TextAnchor.data(Point(w, loss))
            if fitsOutward(text, gap: gap) {
                return TextArtist(text, at: anchor, offsetPixels: Point(outward * gap, 0),
                                  fontSizePixels: style.annotationFontSize, color: Style.c0,
                                  horizontal: near, vertical: .center, zorder: 50)
            }
            return TextArtist(text, at: anchor, offsetPixels: Point(-outward * style.px(4), dotAtTop ? style.px(5) : -style.px(5)),
                              fontSizePixels: style.annotationFontSize, color: Style.c0,
                              horizontal: far, vertical: dotAtTop ? .top : .bottom, zorder: 50)
        }

        /// The slope goes inward above the dot (below it when the dot is pinned at the top),
        /// beyond the loss label when that went inward too.
        func slope(_ text: String, loss: Double, lossText: String) -> TextArtist {
            var lift = style.px(5)
            if !fitsOutward(lossText, gap: gap) { lift += style.annotationFontSize * 1.05 }
            return TextArtist(text, at: .data(Point(w, loss)),
                              offsetPixels: Point(-outward * style.px(4), dotAtTop ? lift : -lift),
                              fontSizePixels: style.annotationFontSize, color: Style.c2,
                              horizontal: far, vertical: dotAtTop ? .top : .bottom, zorder: 200)
        }
    }

    // MARK: Right panel: the data and the model

    private func modelAxes(_ n: EpochNumbers) -> Axes {
        let s = style
        let xs = inputs
        var artists: [Artist] = [
            .line(LineArtist(data: xs.map { Point($0, n.w * $0) }, color: Style.c1, widthPixels: s.lineWidth,
                             label: labels.model)),
            .markers(MarkerArtist(data: zip(lesson.x, lesson.t).map { Point($0, $1) }, shape: .circle,
                                  sizePixels: s.px(8), color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.observations, zorder: LessonFigure.pointsAbove)),
        ]
        let predictionsAt = n.predictions.map { Pin($0, LessonFigure.amountLimits) }
        artists.append(.markers(MarkerArtist(data: zip(lesson.x, predictionsAt).map { Point($0, $1.value) }, shape: .cross,
                                             sizePixels: s.markerSize, color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                             label: labels.predictions, zorder: LessonFigure.pointsAbove)))
        for (i, xi) in lesson.x.enumerated() {
            let at = predictionsAt[i]
            artists += at.arrow(across: xi, horizontal: false, color: Style.c1, style: s)
            artists.append(.line(LineArtist(data: [Point(xi, lesson.t[i]), Point(xi, n.predictions[i])],
                                            color: Style.c1.withAlpha(0.5), widthPixels: s.lineWidth,
                                            dash: .dashed, snap: true)))
            // Pinned points crowd the edge: their losses are written short.
            let text = at.direction == 0 ? Self.number(n.pointLosses[i]) : NumberText.compact(n.pointLosses[i], limit: 100)
            artists.append(.text(TextArtist(text, at: .data(Point(xi, at.value)),
                                            offsetPixels: Point(s.px(4), at.direction > 0 ? s.px(6) : s.px(2)),
                                            fontSizePixels: s.annotationFontSize,
                                            color: Style.c1, horizontal: .left, vertical: .top)))
        }
        artists.append(.text(weightOnLine(n.w, samples: xs)))
        let title = ["\(labels.iteration) \(n.epoch), \(labels.squaredLoss) = \(Self.number(n.loss))",
                     "η = \(Self.rate(lesson.learningRate)): \(labels.regimes[lesson.regime] ?? lesson.regime.rawValue), "
                     + "r = \(Self.number(lesson.contraction))"]
        return Axes(frame: modelFrame, xLimits: LessonFigure.inputLimits, yLimits: LessonFigure.amountLimits,
                    xLabel: labels.timeAxis, yLabel: labels.amountAxis, title: title, titleColor: Style.c1,
                    artists: artists, legend: Legend(location: modelLegend))
    }

    /// The weight written beside the model line, near its right end (the notebook puts it at
    /// x_range[-20]) but slid back along the line until it fits in the panel, on the side
    /// of the line the text does not cross: below-right of a rising line, above-right of a
    /// falling one.
    private func weightOnLine(_ w: Double, samples xs: [Double]) -> TextArtist {
        let s = style
        let text = "w = \(Self.number(w))"
        let width = (try? renderer.textWidth(text, fontSizePixels: s.annotationFontSize)) ?? 0
        let t = DataTransform(frame: modelFrame, x: LessonFigure.inputLimits, y: LessonFigure.amountLimits)
        let offset = s.px(6)
        let limit = LessonFigure.amountLimits
        var x = xs[xs.count - 20]
        let rightmost = t.dataX(modelFrame.maxX - 4 - width - offset)
        x = Swift.min(x, rightmost)
        // Where the line leaves the panel through the top or bottom, stay inside.
        if w != 0 {
            let exit = w > 0 ? limit.upper / w : limit.lower / w
            x = Swift.min(x, exit - 0.05 * LessonFigure.inputLimits.span)
        }
        let above = w < 0
        return TextArtist(text, at: .data(Point(x, w * x)), offsetPixels: Point(offset, above ? -s.px(3) : s.px(3)),
                          fontSizePixels: s.annotationFontSize, color: Style.text,
                          horizontal: .left, vertical: above ? .bottom : .top)
    }

    /// The update, as the left panel's title: the rule, then its numbers.
    static func updateEquation(_ n: EpochNumbers, rate: Double) -> [String] {
        ["$w_{new} = w - \\eta\\,\\dfrac{\\partial L}{\\partial w}$",
         "$= \(mathNumber(n.w)) - \(LessonFigure.rate(rate).replacingOccurrences(of: "\u{2212}", with: "-")) \\times "
            + "\(mathNumber(n.gradient)) = \(mathNumber(n.wNew))$"]
    }

    // MARK: Numbers

    /// A number for a math span: as `number`, with an ASCII minus that math sets as unary.
    static func mathNumber(_ v: Double) -> String {
        number(v).replacingOccurrences(of: "\u{2212}", with: "-")
    }

    /// Two decimals, compact when large, with the true minus sign.
    public static func number(_ v: Double) -> String { NumberText.compact(v) }

    /// The learning rate as the user gave it: its shortest exact decimal form.
    public static func rate(_ v: Double) -> String {
        "\(v)".replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
