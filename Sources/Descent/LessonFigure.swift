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
    /// The (w, b) lesson's words: its y axis on the landscape, its model, its minimum, its path.
    public var interceptAxis = "Intercept"
    public var affineModel = "model: $y = w\\,x + b$"
    public var minimum = "least-squares minimum"
    public var path = "path"
    /// With mini-batches: the full gradient's tangent (dashed), and the points not drawn.
    public var fullTangent = "full-batch tangent"
    public var unsampled = "not in this batch"
    /// The note under a mini-batch lesson's title; {k} and {n} stand for the numbers.
    public var batchNote = "{k} of {n} points a step, gradient × {n}/{k}"
    /// The note after epochs left out (`show`); {a} and {b} stand for the first and last.
    public var notShown = "epochs {a}–{b} not shown"
    public var notShownOne = "epoch {a} not shown"
    public var regimes: [Regime: String] = [.monotone: "monotone", .oneStep: "one step", .oscillating: "oscillating",
                                            .diverging: "diverging", .stalled: "stalled"]
    /// How a run of another optimizer than gradient descent behaved.
    public var behaviours: [Behaviour: String] = [.converging: "converging", .oscillating: "oscillating", .diverging: "diverging"]

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
            interceptAxis = "Sesgo"
            affineModel = "modelo: $y = w\\,x + b$"
            minimum = "mínimo de mínimos cuadrados"
            path = "trayectoria"
            fullTangent = "tangente con todos los datos"
            unsampled = "fuera de este lote"
            batchNote = "{k} de {n} puntos por paso, gradiente × {n}/{k}"
            notShown = "épocas {a}–{b} sin mostrar"
            notShownOne = "época {a} sin mostrar"
            regimes = [.monotone: "monótona", .oneStep: "en un paso", .oscillating: "oscilante", .diverging: "divergente",
                       .stalled: "estancada"]
            behaviours = [.converging: "convergente", .oscillating: "oscilante", .diverging: "divergente"]
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
            "intercept": \.interceptAxis, "affine_model": \.affineModel, "minimum": \.minimum, "path": \.path,
            "full_tangent": \.fullTangent, "unsampled": \.unsampled, "batch_note": \.batchNote,
            "not_shown": \.notShown, "not_shown_one": \.notShownOne,
        ]
    }

    /// Every text of the figure's words, with the scene key that sets it.
    public var all: [(key: String, text: String)] {
        FigureLabels.keys.keys.sorted().map { ("labels.\($0)", self[keyPath: FigureLabels.keys[$0]!]) }
            + Regime.allCases.map { ("regime \($0.rawValue)", regimes[$0] ?? $0.rawValue) }
            + Behaviour.allCases.map { ("behaviour \($0.rawValue)", behaviours[$0] ?? $0.rawValue) }
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


/// A lesson's figure: its panels side by side, laid out once — limits, frames, legends and
/// each panel's own choices — so that nothing moves between frames but what the lesson
/// moves. The layout is a `Sendable` value: every drawing thread shares it, each drawing with
/// its own renderer. The notebook's lesson has two panels, `LossPanel` and `ModelPanel`.
public struct LessonFigure: Sendable {
    public let lesson: Lesson
    public let widthPixels: Int
    public let heightPixels: Int
    public let style: Style
    public let labels: FigureLabels
    public private(set) var limits: FigureLimits
    /// The panels, left to right, their frames and their legends.
    public private(set) var panels: [any LessonPanel]
    public private(set) var frames: [Rect]
    public private(set) var legends: [Legend]

    /// The values' font: matplotlib's 12 pt in panels of the notebook's width (about 290
    /// px) and wider, down to 70 % of it in narrow ones.
    public var annotationSize: Double {
        let width = frames.map(\.width).min() ?? 0
        return style.annotationFontSize * Swift.min(1, Swift.max(0.7, width / (290 * style.dpi / 100)))
    }

    /// The smallest panel that still reads, in font sizes.
    static let minimumPanel = (width: 6.0, height: 8.0)

    /// Lays the figure out; a size too small for the panels throws a `SceneError` for the
    /// field "size" naming the smallest size that fits (`minimumSize`). `renderer` measures text; drawing may use another.
    public init(lesson: Lesson, widthPixels: Int = 800, heightPixels: Int = 600,
                labels: FigureLabels = FigureLabels(), limits overrides: LimitOverrides = .notebook,
                renderer: FigureRenderer) throws {
        try self.init(lesson: lesson, runs: [], show: nil, widthPixels: widthPixels, heightPixels: heightPixels, labels: labels,
                      limits: overrides, renderer: renderer, searchMinimum: true)
    }

    /// A race: several optimizers' runs of one lesson (same data, model and start) on one
    /// figure, each in its colour.
    public init(race runs: [Lesson], show: [Int]? = nil, widthPixels: Int = 800, heightPixels: Int = 600,
                labels: FigureLabels = FigureLabels(), limits overrides: LimitOverrides = LimitOverrides(),
                renderer: FigureRenderer) throws {
        precondition(!runs.isEmpty, "a race has runs")
        try self.init(lesson: runs[0], runs: runs.count > 1 ? runs : [], show: show, widthPixels: widthPixels,
                      heightPixels: heightPixels, labels: labels, limits: overrides, renderer: renderer, searchMinimum: true)
    }

    /// The epochs drawn (nil: all), and for each shown epoch after epochs left out, the first
    /// and last left out.
    public let show: [Int]?
    public let gaps: [Int: ClosedRange<Int>]

    /// The runs of a race (empty for one lesson).
    public let runs: [Lesson]

    /// Limits that hold every run: each run's, joined axis by axis.
    private static func limits(_ lesson: Lesson, _ runs: [Lesson], _ overrides: LimitOverrides,
                               bins: (Int, Int, Int, Int) = (6, 8, 6, 8)) -> FigureLimits {
        guard !runs.isEmpty else { return FigureLimits(lesson: lesson, overrides: overrides, bins: bins) }
        return FigureLimits.union(runs.map { FigureLimits(lesson: $0, overrides: overrides, bins: bins) })
    }

    /// The lesson's panels for `limits`: the loss over the weight (one weight) or the loss
    /// landscape over (w, b), then the data and the model.
    private static func panels(_ lesson: Lesson, _ runs: [Lesson], _ labels: FigureLabels,
                               _ limits: FigureLimits, gaps: [Int: ClosedRange<Int>] = [:]) -> [any LessonPanel] {
        let left: any LessonPanel
        if lesson.isAffine {
            left = LandscapePanel(lesson: lesson, labels: labels, limits: limits, runs: runs)
        } else if !runs.isEmpty {
            left = RaceLossPanel(runs: runs, labels: labels, limits: limits)
        } else {
            left = LossPanel(lesson: lesson, labels: labels, limits: limits)
        }
        return [left, ModelPanel(lesson: lesson, labels: labels, limits: limits, runs: runs, gaps: gaps)]
    }

    private init(lesson: Lesson, runs: [Lesson], show: [Int]?, widthPixels: Int, heightPixels: Int, labels: FigureLabels,
                 limits overrides: LimitOverrides, renderer: FigureRenderer, searchMinimum: Bool) throws {
        self.lesson = lesson
        self.runs = runs
        var gaps: [Int: ClosedRange<Int>] = [:]
        if let show {
            for (previous, epoch) in zip([-1] + show, show) where epoch > previous + 1 { gaps[epoch] = (previous + 1)...(epoch - 1) }
        }
        self.gaps = gaps
        self.show = show
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.labels = labels
        style = renderer.style
        // Limits need tick steps, tick steps need frames, frames need tick labels: a
        // provisional round with nominal bins, then the final one with the frames' bins.
        limits = LessonFigure.limits(lesson, runs, overrides)
        panels = LessonFigure.panels(lesson, runs, labels, limits, gaps: gaps)
        let provisional = Rect(x: 0, y: 0, width: Double(widthPixels) * 0.35, height: Double(heightPixels) * 0.7)
        frames = panels.map { _ in provisional }
        legends = panels.map { _ in Legend() }
        frames = try columnFrames(renderer)
        let bins = (TickLocator.bins(lengthPixels: frames[0].width, fontSizePixels: style.fontSize, horizontal: true),
                    TickLocator.bins(lengthPixels: frames[0].height, fontSizePixels: style.fontSize, horizontal: false),
                    TickLocator.bins(lengthPixels: frames[1].width, fontSizePixels: style.fontSize, horizontal: true),
                    TickLocator.bins(lengthPixels: frames[1].height, fontSizePixels: style.fontSize, horizontal: false))
        limits = LessonFigure.limits(lesson, runs, overrides, bins: bins)
        panels = LessonFigure.panels(lesson, runs, labels, limits, gaps: gaps)
        // Legends fitted in each panel's fullest stage, then frames again (a legend below
        // its axes takes room from them).
        let columns = FigureRenderer.columns(frames, widthPixels: Double(widthPixels))
        let full = figure(for: Moment(epoch: 0, stage: .update), renderer: renderer)
        legends = try panels.indices.map {
            try renderer.fittedLegend(for: full.axes[$0], column: columns[$0], maxHeightShare: panels[$0].legendShare)
        }
        frames = try columnFrames(renderer)
        try checkSize(overrides: overrides, renderer: renderer, search: searchMinimum)
        for i in panels.indices {
            try panels[i].settle(in: context(i, renderer), epochs: sampleEpochs(limit: 40))
        }
        try chooseLegendLocations(renderer)
    }

    /// What panel `i` is drawn with.
    private func context(_ i: Int, _ renderer: FigureRenderer) -> PanelContext {
        PanelContext(frame: frames[i], legend: legends[i], style: style, annotationSize: annotationSize, renderer: renderer)
    }

    /// The panels' frames, from the room their decorations take in every epoch.
    private func columnFrames(_ renderer: FigureRenderer) throws -> [Rect] {
        // Titles after a gap carry a note: some of those epochs are measured too.
        let epochs = sampleEpochs(limit: 60) + gaps.keys.sorted().prefix(4)
        let full = figure(for: Moment(epoch: epochs[0], stage: .update), renderer: renderer)
        return try renderer.columnFrames(for: full.axes, titleSamples: panels.map { panel in epochs.map(panel.title) },
                                         widthPixels: widthPixels, heightPixels: heightPixels)
    }

    /// Up to `limit` epochs spread over the lesson, first and last included.
    private func sampleEpochs(limit: Int) -> [Int] {
        let count = Swift.min(lesson.epochs, limit)
        return (0..<count).map { count == 1 ? 0 : $0 * (lesson.epochs - 1) / (count - 1) }
    }

    /// Panels narrower or shorter than `minimumPanel` do not read: the error names the
    /// smallest size (before scaling, in steps of 10 px) at which the whole figure, laid out
    /// afresh, has panels large enough.
    private func checkSize(overrides: LimitOverrides, renderer: FigureRenderer, search: Bool) throws {
        let minW = LessonFigure.minimumPanel.width * style.fontSize, minH = LessonFigure.minimumPanel.height * style.fontSize
        guard !frames.allSatisfy({ $0.width >= minW && $0.height >= minH }) else { return }
        let scale = style.dpi / 100
        let width = Int((Double(widthPixels) / scale).rounded()), height = Int((Double(heightPixels) / scale).rounded())
        guard search else { throw SceneError.tooSmall(width: width, height: height, minimumWidth: 0, minimumHeight: 0) }
        func fits(_ w: Int, _ h: Int) -> Bool {
            (try? LessonFigure(lesson: lesson, runs: runs, show: show, widthPixels: Int((Double(w) * scale).rounded()),
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
        throw SceneError.tooSmall(width: width, height: height, minimumWidth: w, minimumHeight: h)
    }

    /// One legend place per panel for the whole animation — the one that hides least over
    /// a sample of epochs in their fullest stage — so legends never jump between frames.
    private mutating func chooseLegendLocations(_ renderer: FigureRenderer) throws {
        var totals = panels.map { _ in [Double](repeating: 0, count: LegendLocation.candidates.count) }
        for epoch in sampleEpochs(limit: 12) {
            let full = figure(for: Moment(epoch: epoch, stage: .update), renderer: renderer)
            for i in panels.indices {
                for (k, v) in (try renderer.legendBadness(full.axes[i]) ?? []).enumerated() { totals[i][k] += v }
            }
        }
        for i in panels.indices where !legends[i].below {
            legends[i].location = LegendLocation.candidates[totals[i].firstIndex(of: totals[i].min()!)!]
        }
    }

    /// The figure at `moment`, measured with `renderer` (the drawing thread's).
    public func figure(for moment: Moment, renderer: FigureRenderer) -> Figure {
        var drawn = panels
        if let tween = moment.tween {
            // In between: every lesson's parameters part of the way from the epoch before.
            // A race draws each epoch after its step: its moving point is one epoch on.
            let shift = runs.isEmpty ? 0 : 1
            let move = { (lesson: Lesson) -> Lesson in
                let from = lesson.path[tween.from + shift], to = lesson.path[moment.epoch + shift]
                return lesson.replacing(epoch: moment.epoch + shift, with: zip(from, to).map { $0 + tween.progress * ($1 - $0) })
            }
            drawn = panels.map { $0.moving(move) }
        }
        return Figure(widthPixels: widthPixels, heightPixels: heightPixels,
                      axes: drawn.indices.map { drawn[$0].axes(at: moment, in: context($0, renderer)) })
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
