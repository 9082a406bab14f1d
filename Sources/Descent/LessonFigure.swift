import Chart
import Raster

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
                               bins: TickBins = TickBins()) -> FigureLimits {
        guard !runs.isEmpty else { return FigureLimits(lesson: lesson, overrides: overrides, bins: bins) }
        return FigureLimits.union(runs.map { FigureLimits(lesson: $0, overrides: overrides, bins: bins) })
    }

    /// The lesson's panels for `limits`: the loss over the weight (one weight) or the loss
    /// landscape over (w, b), then the data and the model.
    private static func panels(_ lesson: Lesson, _ runs: [Lesson], _ labels: FigureLabels,
                               _ limits: FigureLimits, gaps: [Int: ClosedRange<Int>] = [:]) -> [any LessonPanel] {
        let drawn = runs.isEmpty ? [lesson] : runs
        let left: any LessonPanel = lesson.isAffine ? LandscapePanel(runs: drawn, labels: labels, limits: limits)
                                                    : LossPanel(runs: drawn, labels: labels, limits: limits)
        // A loss written as an expression has no data: its loss over the epochs instead.
        if lesson.objective.formula != nil { return [left, HistoryPanel(runs: drawn, labels: labels, limits: limits)] }
        return [left, ModelPanel(runs: drawn, labels: labels, limits: limits, gaps: gaps)]
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
        var bins = TickBins()
        for (panel, frame) in zip(panels, frames) {
            bins[panel.limitAxes.x] = TickLocator.bins(lengthPixels: frame.width, fontSizePixels: style.fontSize, horizontal: true)
            bins[panel.limitAxes.y] = TickLocator.bins(lengthPixels: frame.height, fontSizePixels: style.fontSize, horizontal: false)
        }
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
        /// The least size from `start` up, in steps of 10 px, at which `fits` holds: steps that
        /// double until it fits, then halving back between the last that did not and the
        /// first that did (a dozen layouts, where walking 10 px at a time took hundreds).
        func least(from start: Int, _ fits: (Int) -> Bool) -> Int {
            guard !fits(start) else { return start }
            var low = start, step = 10
            while low + step < 8192 && !fits(low + step) {
                low += step
                step *= 2
            }
            var high = Swift.min(low + step, 8192)
            if high == 8192 && !fits(high) { return 8192 }
            while high - low > 10 {
                let middle = low + ((high - low) / 20) * 10
                if fits(middle) { high = middle } else { low = middle }
            }
            return high
        }
        var w = Swift.max(100, (width / 10) * 10), h = Swift.max(100, (height / 10) * 10)
        w = least(from: w) { fits($0, Swift.max(h, 2000)) }
        h = least(from: h) { fits(w, $0) }
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
            let drawnFrom = runs.isEmpty ? tween.from : Race.stepsTaken(atEpoch: tween.from)
            let drawnNow = runs.isEmpty ? moment.epoch : Race.stepsTaken(atEpoch: moment.epoch)
            let move = { (lesson: Lesson) -> Lesson in
                let from = lesson.path[drawnFrom], to = lesson.path[drawnNow]
                return lesson.replacing(epoch: drawnNow, with: zip(from, to).map { $0 + tween.progress * ($1 - $0) })
            }
            drawn = panels.map { $0.moving(move) }
        }
        return Figure(widthPixels: widthPixels, heightPixels: heightPixels,
                      axes: drawn.indices.map { drawn[$0].axes(at: moment, in: context($0, renderer)) })
    }

    /// The update, as the left panel's title: the rule, then its numbers, negative operands
    /// in parentheses and the result a span of its own so that a narrow panel can break there.
    static func updateEquation(_ n: EpochNumbers, rate: String) -> [String] {
        ["$w_{new} = w - \\eta\\,\\dfrac{\\partial L}{\\partial w}$",
         "$= \(NumberText.operand(n.w)) - \(rate) \\times \(NumberText.operand(n.gradient))$ "
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
    package static func number(_ v: Double) -> String { NumberText.label(v) }

    /// The learning rate for people (alt text, transcripts): as written when a plain
    /// decimal, else as a power of ten in Unicode ("5×10⁻⁶").
    package static func rateText(_ rate: LearningRate) -> String {
        rate.isPlainDecimal ? rate.text : NumberText.compact(rate.value, limit: 0)
    }

    /// A data value for people: its shortest exact decimal when short, else a power of ten.
    package static func exactText(_ v: Double) -> String {
        shortDecimal(v) ?? NumberText.compact(v, limit: 0)
    }

    /// The learning rate in the figure's text: as written when a plain decimal, else a
    /// power of ten (a math span).
    package static func rate(_ rate: LearningRate) -> String {
        rate.isPlainDecimal ? rate.text : "$" + NumberText.math(rate.value, alwaysScientific: true) + "$"
    }
}
