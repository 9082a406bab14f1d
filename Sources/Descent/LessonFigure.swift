import Chart
import Raster

/// The words of the figure. The defaults are the notebook's own labels, with its formulas
/// written as formulas.
public struct FigureLabels: Sendable {
    public var weightAxis = "Weight"
    public var lossAxis = "Loss"
    public var timeAxis = "tiempo"
    public var amountAxis = "cantidad de lluvia"
    public var lossCurve = "loss"
    public var currentWeight = "current weight"
    public var lossAtWeight = "loss at current weight"
    public var tangent = "tangent at current weight"
    public var updatedWeight = "updated weight"
    public var model = "model: y = w·x"
    public var observations = "data observations"
    public var predictions = "network prediction"
    public var iteration = "Iteration"
    public var squaredLoss = "squared loss"

    public init() {}
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

    public init(lesson: Lesson, widthPixels: Int = 800, heightPixels: Int = 600, scale: Double = 1,
                labels: FigureLabels = FigureLabels(), renderer: FigureRenderer) throws {
        self.lesson = lesson
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.labels = labels
        self.renderer = renderer
        style = renderer.style
        let provisional = Rect(x: 0, y: 0, width: Double(widthPixels) * 0.35, height: Double(heightPixels) * 0.77)
        let lossAxes = Axes(frame: provisional, xLimits: LessonFigure.weightLimits, yLimits: LessonFigure.lossLimits,
                            xLabel: labels.weightAxis, yLabel: labels.lossAxis)
        let modelAxes = Axes(frame: provisional, xLimits: LessonFigure.inputLimits, yLimits: LessonFigure.amountLimits,
                             xLabel: labels.timeAxis, yLabel: labels.amountAxis)
        let frames = Figure.columnFrames(
            widthPixels: widthPixels, heightPixels: heightPixels,
            insets: [try renderer.insets(for: lossAxes, titleLines: 2), try renderer.insets(for: modelAxes, titleLines: 2)],
            style: style)
        lossFrame = frames[0]
        modelFrame = frames[1]
        try chooseLegendLocations(renderer: renderer)
    }

    static var weightLimits: AxisLimits { .padded(weightRange.lower, weightRange.upper)! }
    static var inputLimits: AxisLimits { .padded(inputRange.lower, inputRange.upper)! }

    /// One legend place per panel for the whole animation — the one that hides least over
    /// a sample of epochs in their fullest stage — so legends never jump between frames.
    private mutating func chooseLegendLocations(renderer: FigureRenderer) throws {
        let sampleCount = Swift.min(lesson.epochs, 12)
        var lossTotals = [Double](repeating: 0, count: LegendLocation.allCases.count)
        var modelTotals = lossTotals
        for i in 0..<sampleCount {
            let epoch = sampleCount == 1 ? 0 : i * (lesson.epochs - 1) / (sampleCount - 1)
            let full = figure(for: Moment(epoch: epoch, stage: .update))
            for (k, v) in (try renderer.legendBadness(full.axes[0]) ?? []).enumerated() { lossTotals[k] += v }
            for (k, v) in (try renderer.legendBadness(full.axes[1]) ?? []).enumerated() { modelTotals[k] += v }
        }
        lossLegend = LegendLocation.allCases[lossTotals.firstIndex(of: lossTotals.min()!)!]
        modelLegend = LegendLocation.allCases[modelTotals.firstIndex(of: modelTotals.min()!)!]
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
        let curve: [Point] = (0..<range.samples).map { i in
            let w = range.lower + (range.upper - range.lower) * Double(i) / Double(range.samples - 1)
            return Point(w, lesson.loss(at: w))
        }
        let bottom = LessonFigure.lossLimits.lower
        let annotation = s.annotationFontSize
        let place = LabelPlacer(figure: self, w: n.w, outward: n.gradient >= 0 ? 1 : -1)
        let weightText = "w = \(Self.number(n.w))"
        var artists: [Artist] = [
            .line(LineArtist(data: curve, color: Style.c0, widthPixels: s.lineWidth, label: labels.lossCurve, zorder: 20)),
            .markers(MarkerArtist(data: [Point(n.w, LessonFigure.starLevel)], shape: .star, sizePixels: s.px(10),
                                  color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.currentWeight, zorder: 50)),
            .text(place.besideStar(weightText, color: Style.c1)),
        ]
        var title: [String] = []
        if stage.shows(.loss) {
            artists.append(guide([Point(n.w, bottom), Point(n.w, n.loss)]))
            artists.append(.markers(MarkerArtist(data: [Point(n.w, n.loss)], shape: .circle, sizePixels: s.markerSize,
                                                 color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.lossAtWeight, zorder: 20)))
            artists.append(.text(place.besideDot("loss = \(Self.number(n.loss))", loss: n.loss)))
        }
        if stage.shows(.tangent) {
            let tangent = [range.lower, range.upper].map { w in Point(w, n.loss + n.gradient * (w - n.w)) }
            artists.append(.line(LineArtist(data: tangent, color: Style.c2, widthPixels: s.lineWidth,
                                            label: labels.tangent, zorder: 20)))
            artists.append(.text(place.slope("∂L/∂w = \(Self.number(n.gradient))", loss: n.loss,
                                             lossText: "loss = \(Self.number(n.loss))")))
        }
        if stage.shows(.step) {
            artists.append(guide([Point(n.wNew, n.loss), Point(n.w, n.loss)]))
        }
        if stage.shows(.drop) {
            artists.append(guide([Point(n.wNew, bottom), Point(n.wNew, n.loss)]))
        }
        if stage.shows(.update) {
            artists.append(.markers(MarkerArtist(data: [Point(n.wNew, LessonFigure.starLevel)], shape: .star,
                                                 sizePixels: s.px(10), color: Style.c3,
                                                 edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.updatedWeight, zorder: 200)))
            title = ["w_new = w − η · ∂L/∂w",
                     "= \(Self.number(n.w)) − \(Self.rate(lesson.learningRate)) × \(Self.number(n.gradient)) = \(Self.number(n.wNew))"]
        }
        return Axes(frame: lossFrame, xLimits: LessonFigure.weightLimits, yLimits: LessonFigure.lossLimits,
                    xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title, titleColor: Style.c3,
                    artists: artists, legend: Legend(location: lossLegend))
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
        /// +1 when the step goes left (positive gradient), −1 when it goes right.
        let outward: Double

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
            return TextArtist(text, at: anchor, offsetPixels: Point(-outward * style.px(4), -style.px(5)),
                              fontSizePixels: style.annotationFontSize, color: Style.c0,
                              horizontal: far, vertical: .bottom, zorder: 50)
        }

        /// The slope goes inward above the dot, above the loss label when that went inward too.
        func slope(_ text: String, loss: Double, lossText: String) -> TextArtist {
            var lift = style.px(5)
            if !fitsOutward(lossText, gap: gap) { lift += style.annotationFontSize * 1.05 }
            return TextArtist(text, at: .data(Point(w, loss)), offsetPixels: Point(-outward * style.px(4), -lift),
                              fontSizePixels: style.annotationFontSize, color: Style.c2,
                              horizontal: far, vertical: .bottom, zorder: 200)
        }
    }

    // MARK: Right panel: the data and the model

    private func modelAxes(_ n: EpochNumbers) -> Axes {
        let s = style
        let range = LessonFigure.inputRange
        let xs = (0..<range.samples).map { range.lower + (range.upper - range.lower) * Double($0) / Double(range.samples - 1) }
        var artists: [Artist] = [
            .line(LineArtist(data: xs.map { Point($0, n.w * $0) }, color: Style.c1, widthPixels: s.lineWidth,
                             label: labels.model)),
            .markers(MarkerArtist(data: zip(lesson.x, lesson.t).map { Point($0, $1) }, shape: .circle,
                                  sizePixels: s.px(8), color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.observations, zorder: LessonFigure.pointsAbove)),
            .markers(MarkerArtist(data: zip(lesson.x, n.predictions).map { Point($0, $1) }, shape: .cross,
                                  sizePixels: s.markerSize, color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.predictions, zorder: LessonFigure.pointsAbove)),
        ]
        for (i, xi) in lesson.x.enumerated() {
            artists.append(.line(LineArtist(data: [Point(xi, lesson.t[i]), Point(xi, n.predictions[i])],
                                            color: Style.c1.withAlpha(0.5), widthPixels: s.lineWidth,
                                            dash: .dashed, snap: true)))
            artists.append(.text(TextArtist(Self.number(n.pointLosses[i]), at: .data(Point(xi, n.predictions[i])),
                                            offsetPixels: Point(s.px(4), s.px(2)), fontSizePixels: s.annotationFontSize,
                                            color: Style.c1, horizontal: .left, vertical: .top)))
        }
        artists.append(.text(weightOnLine(n.w, samples: xs)))
        let title = ["\(labels.iteration) \(n.epoch), \(labels.squaredLoss) = \(Self.number(n.loss))"]
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

    // MARK: Numbers

    /// Two decimals, compact when large, with the true minus sign.
    public static func number(_ v: Double) -> String { NumberText.compact(v) }

    /// The learning rate as the user gave it: its shortest exact decimal form.
    public static func rate(_ v: Double) -> String {
        "\(v)".replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
