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
    // Made on each use (only while reading a scene): key paths are not Sendable.
    public static var keys: [String: WritableKeyPath<FigureLabels, String>] {
        [
            "x": \.timeAxis, "y": \.amountAxis, "weight": \.weightAxis, "loss": \.lossAxis,
            "loss_curve": \.lossCurve, "current_weight": \.currentWeight, "loss_at_weight": \.lossAtWeight,
            "tangent": \.tangent, "updated_weight": \.updatedWeight, "model": \.model,
            "observations": \.observations, "predictions": \.predictions, "iteration": \.iteration,
            "squared_loss": \.squaredLoss, "learning_rate": \.learningRate, "loss_value": \.lossValue,
        ]
    }

    /// Every text of the figure's words, with the scene key that sets it.
    public var all: [(key: String, text: String)] {
        FigureLabels.keys.keys.sorted().map { ("labels.\($0)", self[keyPath: FigureLabels.keys[$0]!]) }
            + Regime.allCases.map { ("regime \($0.rawValue)", regimes[$0] ?? $0.rawValue) }
    }

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

/// Why a figure cannot be drawn at the size asked.
public struct FigureError: Error, CustomStringConvertible, Equatable {
    /// The smallest size (before scaling) at which the lesson's two panels fit.
    public let minimumWidth: Int
    public let minimumHeight: Int
    public let width: Int
    public let height: Int

    /// What is wrong, without the field's name ("size").
    public var problem: String {
        "\(width)x\(height) is too small for this lesson's two panels with their labels; "
            + "use at least \(minimumWidth)x\(minimumHeight)"
    }

    public var description: String { "size: " + problem }
}

/// Builds the figure for each moment of a lesson: the notebook's two panels, laid out once
/// — limits, frames, legends, which points carry their loss — so that nothing moves
/// between frames but what the lesson moves.
public struct LessonFigure {
    public let lesson: Lesson
    public let widthPixels: Int
    public let heightPixels: Int
    public let style: Style
    public let labels: FigureLabels
    public private(set) var limits: FigureLimits
    private var lossFrame: Rect
    private var modelFrame: Rect
    /// The loss curve over the weight axis's inner range, the same in every frame.
    private var lossCurve: [Point]
    /// Where the model line and the tangent are drawn: the axes' inner ranges.
    private var inputs: (lower: Double, upper: Double)
    private var weights: (lower: Double, upper: Double)
    private let renderer: FigureRenderer
    private var lossLegend = Legend()
    private var modelLegend = Legend()
    /// The points whose loss is written beside them, chosen once (see `choosePointLabels`).
    private var labelledPoints: Set<Int> = []
    /// The values' font: matplotlib's 12 pt in panels of the notebook's width (about 290
    /// px) and wider, down to 70 % of it in narrow ones.
    private var annotationSize: Double {
        let width = Swift.min(lossFrame.width, modelFrame.width)
        return style.annotationFontSize * Swift.min(1, Swift.max(0.7, width / (290 * style.dpi / 100)))
    }

    /// Data points and predictions sit above the model line and the residuals (the notebook
    /// draws the residuals over the points, hiding their centres).
    static let pointsAbove = 2.2
    /// The smallest panel that still reads, in font sizes.
    static let minimumPanel = (width: 6.0, height: 8.0)

    /// Lays the figure out; a size too small for the panels throws a `FigureError` naming
    /// the smallest size that fits.
    public init(lesson: Lesson, widthPixels: Int = 800, heightPixels: Int = 600,
                labels: FigureLabels = FigureLabels(), limits overrides: LimitOverrides = .notebook,
                renderer: FigureRenderer) throws {
        try self.init(lesson: lesson, widthPixels: widthPixels, heightPixels: heightPixels, labels: labels,
                      limits: overrides, renderer: renderer, searchMinimum: true)
    }

    private init(lesson: Lesson, widthPixels: Int, heightPixels: Int, labels: FigureLabels,
                 limits overrides: LimitOverrides, renderer: FigureRenderer, searchMinimum: Bool) throws {
        self.lesson = lesson
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.labels = labels
        self.renderer = renderer
        style = renderer.style
        // Limits need tick steps, tick steps need frames, frames need tick labels: a
        // provisional round with nominal bins, then the final one with the frames' bins.
        var limits = FigureLimits(lesson: lesson, overrides: overrides)
        let provisional = Rect(x: 0, y: 0, width: Double(widthPixels) * 0.35, height: Double(heightPixels) * 0.7)
        lossFrame = provisional
        modelFrame = provisional
        weights = FigureLimits.inner(limits.weight)
        inputs = FigureLimits.inner(limits.x)
        self.limits = limits
        lossCurve = []
        var frames = try LessonFigure.frames(self)
        let bins = (TickLocator.bins(lengthPixels: frames[0].width, fontSizePixels: style.fontSize, horizontal: true),
                    TickLocator.bins(lengthPixels: frames[0].height, fontSizePixels: style.fontSize, horizontal: false),
                    TickLocator.bins(lengthPixels: frames[1].width, fontSizePixels: style.fontSize, horizontal: true),
                    TickLocator.bins(lengthPixels: frames[1].height, fontSizePixels: style.fontSize, horizontal: false))
        limits = FigureLimits(lesson: lesson, overrides: overrides, bins: bins)
        self.limits = limits
        weights = FigureLimits.inner(limits.weight)
        inputs = FigureLimits.inner(limits.x)
        lossFrame = frames[0]
        modelFrame = frames[1]
        let columns = FigureRenderer.columns(frames, widthPixels: Double(widthPixels))
        // Legends fitted in each panel's fullest stage, then frames again (a legend below
        // its axes takes room from them).
        let w = weights
        lossCurve = FigureLimits.samples(w.lower, w.upper, count: 500).map { Point($0, lesson.loss(at: $0)) }
        let full = figure(for: Moment(epoch: 0, stage: .update))
        lossLegend = try renderer.fittedLegend(for: full.axes[0], column: columns[0])
        modelLegend = try renderer.fittedLegend(for: full.axes[1], column: columns[1])
        frames = try LessonFigure.frames(self)
        lossFrame = frames[0]
        modelFrame = frames[1]
        try checkSize(overrides: overrides, search: searchMinimum)
        try choosePointLabels()
        try chooseLegendLocations()
    }

    /// The frames of the two panels, from the room their decorations take in every epoch.
    private static func frames(_ figure: LessonFigure) throws -> [Rect] {
        let epochs = figure.sampleEpochs(limit: 60)
        let full = figure.figure(for: Moment(epoch: epochs[0], stage: .update))
        let lossTitles = epochs.map { LessonFigure.updateEquation(figure.lesson.numbers(epoch: $0), rate: figure.lesson.rate) }
        let modelTitles = epochs.map { figure.modelTitle(figure.lesson.numbers(epoch: $0)) }
        return try figure.renderer.columnFrames(for: full.axes, titleSamples: [lossTitles, modelTitles],
                                                widthPixels: figure.widthPixels, heightPixels: figure.heightPixels)
    }

    /// Up to `limit` epochs spread over the lesson, first and last included.
    private func sampleEpochs(limit: Int) -> [Int] {
        let count = Swift.min(lesson.epochs, limit)
        return (0..<count).map { count == 1 ? 0 : $0 * (lesson.epochs - 1) / (count - 1) }
    }

    /// Panels narrower or shorter than `minimumPanel` do not read: the error names the
    /// smallest size (before scaling, in steps of 10 px) at which the whole figure, laid out
    /// afresh, has panels large enough.
    private func checkSize(overrides: LimitOverrides, search: Bool) throws {
        let minW = LessonFigure.minimumPanel.width * style.fontSize, minH = LessonFigure.minimumPanel.height * style.fontSize
        guard ![lossFrame, modelFrame].allSatisfy({ $0.width >= minW && $0.height >= minH }) else { return }
        let scale = style.dpi / 100
        let width = Int((Double(widthPixels) / scale).rounded()), height = Int((Double(heightPixels) / scale).rounded())
        guard search else { throw FigureError(minimumWidth: 0, minimumHeight: 0, width: width, height: height) }
        func fits(_ w: Int, _ h: Int) -> Bool {
            (try? LessonFigure(lesson: lesson, widthPixels: Int((Double(w) * scale).rounded()),
                               heightPixels: Int((Double(h) * scale).rounded()), labels: labels, limits: overrides,
                               renderer: renderer, searchMinimum: false)) != nil
        }
        var w = Swift.max(100, (width / 10) * 10), h = Swift.max(100, (height / 10) * 10)
        while !fits(w, Swift.max(h, 2000)) && w < 8192 { w += 10 }
        while !fits(w, h) && h < 8192 { h += 10 }
        // Tick counts and line breaks change with the size: the size named must fit as it is.
        w = Swift.max(w, width)
        h = Swift.max(h, height)
        while !fits(w, h) && w < 8192 && h < 8192 {
            w += 10
            h += 10
        }
        throw FigureError(minimumWidth: w, minimumHeight: h, width: width, height: height)
    }

    /// The same figure — its limits, frames, legends and labelled points — drawn by another
    /// renderer (another thread's fonts); laying a figure out is the costly part.
    public func drawn(by renderer: FigureRenderer) -> LessonFigure {
        LessonFigure(copy: self, renderer: renderer)
    }

    private init(copy f: LessonFigure, renderer: FigureRenderer) {
        lesson = f.lesson
        widthPixels = f.widthPixels
        heightPixels = f.heightPixels
        style = f.style
        labels = f.labels
        limits = f.limits
        lossFrame = f.lossFrame
        modelFrame = f.modelFrame
        lossCurve = f.lossCurve
        inputs = f.inputs
        weights = f.weights
        self.renderer = renderer
        lossLegend = f.lossLegend
        modelLegend = f.modelLegend
        labelledPoints = f.labelledPoints
    }

    /// Which points carry their loss: in order of their loss at the first epoch (largest
    /// first), each point whose label, where it goes beside its prediction, would overlap
    /// the label of no point already chosen in any epoch (up to 40 spread over the lesson). The same points in every frame; crowded data shows the
    /// largest losses.
    private mutating func choosePointLabels() throws {
        let t = DataTransform(frame: modelFrame, x: limits.x, y: limits.y)
        let epochs = sampleEpochs(limit: 40).map { lesson.numbers(epoch: $0) }
        let first = lesson.numbers(epoch: 0).pointLosses
        let order = lesson.x.indices.sorted { first[$0] != first[$1] ? first[$0] > first[$1] : $0 < $1 }
        let height = try renderer.textHeight("0", fontSizePixels: annotationSize)
        // Per point, its label's box in each sampled epoch.
        var chosen: [[Rect]] = []
        for i in order {
            let x = t.pixelX(Pin(lesson.x[i], limits.x).value) + style.px(4)
            let boxes = try epochs.map { n in
                let at = Pin(n.predictions[i], limits.y)
                let y = t.pixelY(at.value) + (at.direction > 0 ? style.px(6) : style.px(2))
                let width = try renderer.textWidth(pointLossText(n, i), fontSizePixels: annotationSize)
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

    /// One legend place per panel for the whole animation — the one that hides least over
    /// a sample of epochs in their fullest stage — so legends never jump between frames.
    private mutating func chooseLegendLocations() throws {
        var lossTotals = [Double](repeating: 0, count: LegendLocation.candidates.count)
        var modelTotals = lossTotals
        for epoch in sampleEpochs(limit: 12) {
            let full = figure(for: Moment(epoch: epoch, stage: .update))
            for (k, v) in (try renderer.legendBadness(full.axes[0]) ?? []).enumerated() { lossTotals[k] += v }
            for (k, v) in (try renderer.legendBadness(full.axes[1]) ?? []).enumerated() { modelTotals[k] += v }
        }
        if !lossLegend.below { lossLegend.location = LegendLocation.candidates[lossTotals.firstIndex(of: lossTotals.min()!)!] }
        if !modelLegend.below { modelLegend.location = LegendLocation.candidates[modelTotals.firstIndex(of: modelTotals.min()!)!] }
    }

    public func figure(for moment: Moment) -> Figure {
        let numbers = lesson.numbers(epoch: moment.epoch)
        return Figure(widthPixels: widthPixels, heightPixels: heightPixels,
                      axes: [lossAxes(numbers, stage: moment.stage), modelAxes(numbers)])
    }

    /// Where the weight stars sit: just above the bottom of the loss axis (the notebook's
    /// −190 on [−200, 900]).
    private var starLevel: Double { limits.loss.lower + limits.loss.span / 110 }

    // MARK: Left panel: the loss over the weight

    private func lossAxes(_ n: EpochNumbers, stage: LessonStage) -> Axes {
        let s = style
        let bottom = limits.loss.lower
        // Values beyond the axes (a diverging run) are pinned just inside the edge, with an
        // arrow pointing where they went; labels still give the true value.
        let wAt = Pin(n.w, limits.weight)
        let wNewAt = Pin(n.wNew, limits.weight)
        let lossAt = Pin(n.loss, limits.loss)
        let place = LabelPlacer(figure: self, w: wAt.value, wNew: wNewAt.value, outward: n.gradient >= 0 ? 1 : -1,
                                dotAtTop: lossAt.direction > 0)
        var artists: [Artist] = [
            .line(LineArtist(data: lossCurve, color: Style.c0, widthPixels: s.lineWidth, label: labels.lossCurve, zorder: 20)),
            .markers(MarkerArtist(data: [Point(wAt.value, starLevel)], shape: .star, sizePixels: s.px(10),
                                  color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.currentWeight, zorder: 50, role: "current_weight")),
            .text(place.besideStar("w = \(Self.number(n.w))", color: Style.c1)),
        ]
        artists += wAt.arrow(across: starLevel, horizontal: true, color: Style.c1, style: s)
        var title: [String] = []
        if stage.shows(.loss) {
            artists.append(guide([Point(n.w, bottom), Point(n.w, n.loss)]))
            artists.append(.markers(MarkerArtist(data: [Point(wAt.value, lossAt.value)], shape: .circle, sizePixels: s.markerSize,
                                                 color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.lossAtWeight, zorder: 20, role: "loss_at_weight")))
            artists += lossAt.arrow(across: wAt.value, horizontal: false, color: Style.c0, style: s)
            artists.append(.text(place.besideDot("\(labels.lossValue) = \(Self.number(n.loss))", loss: lossAt.value)))
        }
        if stage.shows(.tangent) {
            let tangent = [weights.lower, weights.upper].map { w in Point(w, n.loss + n.gradient * (w - n.w)) }
            artists.append(.line(LineArtist(data: tangent, color: Style.c2, widthPixels: s.lineWidth,
                                            label: labels.tangent, zorder: 20)))
            artists.append(.text(place.slope("$\\dfrac{\\partial L}{\\partial w} = \(NumberText.math(n.gradient))$", loss: lossAt.value,
                                             lossText: "\(labels.lossValue) = \(Self.number(n.loss))")))
        }
        if stage.shows(.step) {
            artists.append(guide([Point(n.wNew, n.loss), Point(n.w, n.loss)]))
        }
        if stage.shows(.drop) {
            artists.append(guide([Point(n.wNew, bottom), Point(n.wNew, n.loss)]))
        }
        if stage.shows(.update) {
            artists.append(.markers(MarkerArtist(data: [Point(wNewAt.value, starLevel)], shape: .star,
                                                 sizePixels: s.px(10), color: Style.c3,
                                                 edgeWidthPixels: s.markerEdgeWidth,
                                                 label: labels.updatedWeight, zorder: 200, role: "updated_weight")))
            artists += wNewAt.arrow(across: starLevel, horizontal: true, color: Style.c3, style: s)
            title = LessonFigure.updateEquation(n, rate: lesson.rate)
        }
        var axes = Axes(name: "loss", frame: lossFrame, xLimits: limits.weight, yLimits: limits.loss,
                        xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title, titleColor: Style.c3,
                        artists: artists, legend: lossLegend)
        // The band of the weight stars and their labels.
        let starY = axes.transform.pixelY(starLevel)
        axes.keepClear = [Rect(minX: lossFrame.minX, minY: starY - 2.5 * annotationSize, maxX: lossFrame.maxX, maxY: lossFrame.maxY)]
        return axes
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
                                          edgeWidthPixels: 0, zorder: 60, role: "pin_arrow"))]
        }
    }

    /// A dotted black guide line, drawn beneath everything (the notebook's zorder −50).
    private func guide(_ points: [Point]) -> Artist {
        .line(LineArtist(data: points, color: .black, widthPixels: style.lineWidth, dash: .dotted, snap: true, zorder: -50))
    }

    /// Places the left panel's labels. Labels go on the outward side of the current weight
    /// (away from the step, which runs towards the minimum) when they fit there; otherwise
    /// they go inward but lifted, so they never sit on the new-weight star or the dotted step.
    /// Each also lists other places round its point, for the renderer to take when the
    /// first collides with a text or the legend.
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
        private var transform: DataTransform { DataTransform(frame: figure.lossFrame, x: figure.limits.weight, y: figure.limits.loss) }

        private func width(_ text: String) -> Double {
            (try? figure.renderer.textWidth(text, fontSizePixels: figure.annotationSize)) ?? 0
        }

        /// Whether `text` fits between the anchor (plus the gap) and the frame on the outward side.
        private func fitsOutward(_ text: String, gap: Double) -> Bool {
            let x = transform.pixelX(w)
            let room = outward > 0
                ? figure.lossFrame.maxX - FigureRenderer.textInset - (x + gap)
                : (x - gap) - (figure.lossFrame.minX + FigureRenderer.textInset)
            return room >= width(text)
        }

        private var near: HorizontalAlignment { outward > 0 ? .left : .right }
        private var far: HorizontalAlignment { outward > 0 ? .right : .left }

        /// Right, left, above and below a point, `gap` away, then further out.
        private func around(_ gap: Double, lift: Double) -> [TextPlacement] {
            let line = figure.annotationSize * 1.2
            return [TextPlacement(Point(gap, 0), .left, .center), TextPlacement(Point(-gap, 0), .right, .center),
                    TextPlacement(Point(0, -lift), .center, .bottom), TextPlacement(Point(0, lift), .center, .top),
                    TextPlacement(Point(gap, -lift - line), .left, .bottom), TextPlacement(Point(-gap, -lift - line), .right, .bottom),
                    TextPlacement(Point(gap, lift + line), .left, .top), TextPlacement(Point(-gap, lift + line), .right, .top)]
        }

        private func text(_ text: String, _ anchor: Point, _ first: TextPlacement, color: Color, zorder: Double,
                          role: String, lift: Double) -> TextArtist {
            // In the rare frame where no place round its point is free (a small panel
            // crowded by its legend), a label gives way rather than cover another text.
            var artist = TextArtist(text, at: .data(anchor), offsetPixels: first.offsetPixels,
                                    fontSizePixels: figure.annotationSize, color: color,
                                    horizontal: first.horizontal, vertical: first.vertical, zorder: zorder, role: role,
                                    halo: true, droppable: true)
            artist.alternatives = around(gap, lift: lift)
            return artist
        }

        func besideStar(_ label: String, color: Color) -> TextArtist {
            let anchor = Point(w, figure.starLevel)
            let starGap = style.px(10)
            let lift = style.px(8)
            if fitsOutward(label, gap: starGap) {
                return text(label, anchor, TextPlacement(Point(outward * starGap, 0), near, .center), color: color,
                            zorder: 50, role: "weight_value", lift: lift)
            }
            // Above the star: on the inward side unless that crosses a guide line (the
            // star's own or the step's, at the new weight) and the outward side, moved back
            // inside the frame as far as needed, crosses none.
            let x = transform.pixelX(w), xNew = transform.pixelX(wNew), textWidth = width(label), nudge = style.px(3)
            let inner = figure.lossFrame.insetBy(FigureRenderer.textInset)
            func crossesGuide(_ from: Double, _ to: Double) -> Bool {
                [x, xNew].contains { line in Swift.min(from, to) < line + 1 && Swift.max(from, to) > line - 1 }
            }
            let outwardEdge = outward > 0 ? Swift.min(x + nudge, inner.maxX - textWidth)
                                          : Swift.max(x - nudge, inner.minX + textWidth)
            let inwardEdge = x - outward * nudge
            if crossesGuide(inwardEdge, inwardEdge - outward * textWidth),
               !crossesGuide(outwardEdge, outwardEdge + outward * textWidth) {
                return text(label, anchor, TextPlacement(Point(outwardEdge - x, -lift), near, .bottom), color: color,
                            zorder: 50, role: "weight_value", lift: lift)
            }
            return text(label, anchor, TextPlacement(Point(-outward * nudge, -lift), far, .bottom), color: color,
                        zorder: 50, role: "weight_value", lift: lift)
        }

        func besideDot(_ label: String, loss: Double) -> TextArtist {
            let anchor = Point(w, loss)
            if fitsOutward(label, gap: gap) {
                return text(label, anchor, TextPlacement(Point(outward * gap, 0), near, .center), color: Style.c0,
                            zorder: 50, role: "loss_value", lift: style.px(5))
            }
            return text(label, anchor, TextPlacement(Point(-outward * style.px(4), dotAtTop ? style.px(5) : -style.px(5)),
                                                     far, dotAtTop ? .top : .bottom),
                        color: Style.c0, zorder: 50, role: "loss_value", lift: style.px(5))
        }

        /// The slope goes inward above the dot (below it when the dot is pinned at the top),
        /// beyond the loss label when that went inward too.
        func slope(_ label: String, loss: Double, lossText: String) -> TextArtist {
            var lift = style.px(5)
            // Above the loss label when that went inward too, clear of it by the renderer's
            // gap between texts (a fraction's ink reaches past its line box).
            if !fitsOutward(lossText, gap: gap) { lift += figure.annotationSize * 1.25 + 2 }
            return text(label, Point(w, loss), TextPlacement(Point(-outward * style.px(4), dotAtTop ? lift : -lift),
                                                             far, dotAtTop ? .top : .bottom),
                        color: Style.c2, zorder: 200, role: "slope_value", lift: style.px(5))
        }
    }

    // MARK: Right panel: the data and the model

    private func modelAxes(_ n: EpochNumbers) -> Axes {
        let s = style
        let xs = FigureLimits.samples(inputs.lower, inputs.upper, count: 100)
        let pointsAt = lesson.x.map { Pin($0, limits.x) }
        let targetsAt = lesson.t.map { Pin($0, limits.y) }
        var artists: [Artist] = [
            .line(LineArtist(data: xs.map { Point($0, n.w * $0) }, color: Style.c1, widthPixels: s.lineWidth,
                             label: labels.model)),
            .markers(MarkerArtist(data: zip(pointsAt, targetsAt).map { Point($0.value, $1.value) }, shape: .circle,
                                  sizePixels: s.px(8), color: Style.c0, edgeWidthPixels: s.markerEdgeWidth,
                                  label: labels.observations, zorder: LessonFigure.pointsAbove, role: "observation")),
        ]
        let predictionsAt = n.predictions.map { Pin($0, limits.y) }
        artists.append(.markers(MarkerArtist(data: zip(pointsAt, predictionsAt).map { Point($0.value, $1.value) }, shape: .cross,
                                             sizePixels: s.markerSize, color: Style.c1, edgeWidthPixels: s.markerEdgeWidth,
                                             label: labels.predictions, zorder: LessonFigure.pointsAbove, role: "prediction")))
        for i in lesson.x.indices {
            let xi = pointsAt[i].value
            artists += pointsAt[i].arrow(across: targetsAt[i].value, horizontal: true, color: Style.c0, style: s)
            artists += targetsAt[i].arrow(across: xi, horizontal: false, color: Style.c0, style: s)
            artists += predictionsAt[i].arrow(across: xi, horizontal: false, color: Style.c1, style: s)
            artists.append(.line(LineArtist(data: [Point(xi, targetsAt[i].value), Point(xi, predictionsAt[i].value)],
                                            color: Style.c1.withAlpha(0.5), widthPixels: s.lineWidth,
                                            dash: .dashed, snap: true)))
        }
        for i in lesson.x.indices where labelledPoints.contains(i) {
            let at = predictionsAt[i]
            let below = at.direction > 0 ? s.px(6) : s.px(2)
            var text = TextArtist(pointLossText(n, i), at: .data(Point(pointsAt[i].value, at.value)),
                                  offsetPixels: Point(s.px(4), below), fontSizePixels: annotationSize,
                                  color: Style.c1, horizontal: .left, vertical: .top, role: "point_loss", halo: true,
                                  droppable: true)
            text.alternatives = [TextPlacement(Point(-s.px(4), below), .right, .top),
                                 TextPlacement(Point(s.px(4), -s.px(2)), .left, .bottom),
                                 TextPlacement(Point(-s.px(4), -s.px(2)), .right, .bottom)]
            artists.append(.text(text))
        }
        artists.append(.text(weightOnLine(n.w, samples: xs)))
        return Axes(name: "model", frame: modelFrame, xLimits: limits.x, yLimits: limits.y,
                    xLabel: labels.timeAxis, yLabel: labels.amountAxis, title: modelTitle(n), titleColor: Style.c1,
                    artists: artists, legend: modelLegend)
    }

    /// Point `i`'s squared loss; pinned predictions crowd the edge, so theirs is written short.
    private func pointLossText(_ n: EpochNumbers, _ i: Int) -> String {
        Pin(n.predictions[i], limits.y).direction == 0 ? Self.number(n.pointLosses[i])
            : NumberText.label(n.pointLosses[i], limit: 100)
    }

    private func modelTitle(_ n: EpochNumbers) -> [String] {
        ["\(labels.iteration) \(n.epoch), \(labels.squaredLoss) = \(Self.number(n.loss))",
         "η = \(Self.rate(lesson.rate)): \(labels.regimes[lesson.regime] ?? lesson.regime.rawValue), "
            + "r = \(Self.number(lesson.contraction))"]
    }

    /// The weight written beside the model line, near its right end (the notebook puts it at
    /// x_range[-20]) but slid back along the line until it fits in the panel, on the side
    /// of the line the text does not cross: below-right of a rising line, above-right of a
    /// falling one. Other places along the line are tried when that one is taken.
    private func weightOnLine(_ w: Double, samples xs: [Double]) -> TextArtist {
        let s = style
        let text = "w = \(Self.number(w))"
        let width = (try? renderer.textWidth(text, fontSizePixels: annotationSize)) ?? 0
        let t = DataTransform(frame: modelFrame, x: limits.x, y: limits.y)
        let offset = s.px(6)
        let limit = limits.y
        var x = xs[xs.count - 20]
        let rightmost = t.dataX(modelFrame.maxX - 4 - width - offset)
        x = Swift.min(x, rightmost)
        // Where the line leaves the panel through the top or bottom, stay inside.
        if w != 0 {
            let exit = w > 0 ? limit.upper / w : limit.lower / w
            if exit.isFinite { x = Swift.min(x, exit - 0.05 * limits.x.span) }
        }
        let above = w < 0
        let y = Swift.min(Swift.max(w * x, limit.lower), limit.upper)
        var artist = TextArtist(text, at: .data(Point(x, y)), offsetPixels: Point(offset, above ? -s.px(3) : s.px(3)),
                                fontSizePixels: annotationSize, color: Style.text,
                                horizontal: .left, vertical: above ? .bottom : .top, role: "weight_on_line", halo: true,
                                droppable: true)
        // Further along the line, towards its start, on either side.
        let anchor = t.pixel(x, y)
        artist.alternatives = stride(from: 0.2, through: 0.8, by: 0.2).flatMap { share -> [TextPlacement] in
            let xx = x - share * (x - xs[0])
            let p = t.pixel(xx, w * xx) - anchor
            return [TextPlacement(p + Point(offset, above ? -s.px(3) : s.px(3)), .left, above ? .bottom : .top),
                    TextPlacement(p + Point(-offset, above ? s.px(3) : -s.px(3)), .right, above ? .top : .bottom)]
        }
        return artist
    }

    /// The update, as the left panel's title: the rule, then its numbers, negative operands
    /// in parentheses and the result a span of its own so that a narrow panel can break there.
    static func updateEquation(_ n: EpochNumbers, rate: LearningRate) -> [String] {
        ["$w_{new} = w - \\eta\\,\\dfrac{\\partial L}{\\partial w}$",
         "$= \(NumberText.operand(n.w)) - \(rateMath(rate)) \\times \(NumberText.operand(n.gradient))$ "
            + "$= \(NumberText.math(n.wNew))$"]
    }

    // MARK: Numbers

    /// The learning rate inside math: as the teacher wrote it when a plain decimal, else as
    /// a power of ten.
    static func rateMath(_ rate: LearningRate) -> String {
        rate.isPlainDecimal ? rate.text : NumberText.math(rate.value, alwaysScientific: true)
    }

    /// A number's shortest exact decimal form ("0.025", "2" for 2.0) when it is short
    /// (no exponent, below 10⁵), else nil.
    static func shortDecimal(_ v: Double) -> String? {
        var text = "\(v)"
        guard !text.contains("e"), abs(v) < 1e5 else { return nil }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Two decimals, or a power of ten when large or small (a math span), the true minus sign.
    public static func number(_ v: Double) -> String { NumberText.label(v) }

    /// The learning rate for people (alt text, transcripts): as written when a plain
    /// decimal, else as a power of ten in Unicode ("5×10⁻⁶").
    public static func rateText(_ rate: LearningRate) -> String {
        rate.isPlainDecimal ? rate.text : NumberText.compact(rate.value, limit: 0)
    }

    /// A data value for people: its shortest exact decimal when short, else a power of ten.
    public static func exactText(_ v: Double) -> String {
        shortDecimal(v) ?? NumberText.compact(v, limit: 0)
    }

    /// The learning rate in the figure's text: as written when a plain decimal, else a
    /// power of ten (a math span).
    public static func rate(_ rate: LearningRate) -> String {
        rate.isPlainDecimal ? rate.text : "$" + NumberText.math(rate.value, alwaysScientific: true) + "$"
    }
}
