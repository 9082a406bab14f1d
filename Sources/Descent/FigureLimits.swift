import Chart
import Foundation

/// Limits a scene sets itself (`limits: { weight: [a, b], loss: [a, b], x: [a, b], y: [a, b] }`);
/// an axis left nil takes limits from the lesson.
public struct LimitOverrides: Sendable, Equatable {
    public var weight: AxisLimits?
    public var loss: AxisLimits?
    public var x: AxisLimits?
    public var y: AxisLimits?
    /// The intercept b: the landscape's vertical axis (`model: affine`).
    public var intercept: AxisLimits?

    public init(weight: AxisLimits? = nil, loss: AxisLimits? = nil, x: AxisLimits? = nil, y: AxisLimits? = nil,
                intercept: AxisLimits? = nil) {
        self.weight = weight
        self.loss = loss
        self.x = x
        self.y = y
        self.intercept = intercept
    }

    /// The notebook's own: w over [−10, 15] and x over [−1, 4] with matplotlib's 5 % margins,
    /// the loss over [−200, 900], the amounts over [−10, 30].
    public static let notebook = LimitOverrides(weight: .padded(-10, 15), loss: AxisLimits(-200, 900),
                                                x: .padded(-1, 4), y: AxisLimits(-10, 30))

    /// The keys of a scene's `limits`.
    // Made on each use (only while reading a scene): key paths are not Sendable.
    package static var keys: [String: WritableKeyPath<LimitOverrides, AxisLimits?>] {
        [
            "weight": \.weight, "loss": \.loss, "x": \.x, "y": \.y, "intercept": \.intercept,
        ]
    }
}

/// The four axes' limits for a whole animation, chosen once so that nothing jumps between
/// frames. Unless the scene sets them:
///
/// - **weight**: symmetric about the least-squares minimum w*, 1.1 times as far as the
///   farthest weight covered, so the loss curve shows both arms; with matplotlib's 5 %
///   margins, ends rounded out to half the tick step.
/// - **loss**: from 0 (or from the curve's lowest loss when 0 is far below it) to the
///   highest loss shown, with a band under it (18 % of the range) where the weight stars sit.
/// - **x**: the data's inputs (stretched to 0 when 0 is nearer than their spread); **y**:
///   the targets and the covered epochs' predictions, likewise.
///
/// **Covered** epochs: from the first, while the loss stays within `coverFactor` times the
/// first epoch's. A diverging run's later epochs would squash the curve to a line; they
/// are pinned at the edge with an arrow and their true value instead.
public struct FigureLimits: Sendable, Equatable {
    public let weight: AxisLimits
    public let loss: AxisLimits
    public let x: AxisLimits
    public internal(set) var y: AxisLimits
    /// The intercept's axis on the landscape (`model: affine`); nil for one weight.
    public let intercept: AxisLimits?
    /// The lowest loss axis tick: 0 when the loss axis comes from the lesson (a squared
    /// loss cannot be negative; the band below 0 is the weight stars'), nil when the scene
    /// set it (the notebook's [−200, 900] shows −200).
    public var lossTickFloor: Double?
    /// A loss written as an expression (no data): `x` is then the epochs and `y` the loss
    /// over them, in powers of ten (log₁₀ of the loss) when `logHistory`.
    public var logHistory = false
    /// The lowest and highest loss along the path (an expression's), from which `y` is made.
    var historyLosses: ClosedRange<Double>?

    package static let coverFactor = 4.0
    /// The share of a padded axis that is margin on each side: 0.05 of the data range,
    /// which is 1/1.1 of the axis.
    static let marginShare = 0.05 / 1.1

    public init(weight: AxisLimits, loss: AxisLimits, x: AxisLimits, y: AxisLimits, intercept: AxisLimits? = nil) {
        self.weight = weight
        self.loss = loss
        self.x = x
        self.y = y
        self.intercept = intercept
    }

    /// Limits for `lesson`, the scene's own where it gives them; `bins` says how many tick
    /// intervals each axis will have, to round ends out to ticks.
    public init(lesson: Lesson, overrides: LimitOverrides, bins: TickBins = TickBins()) {
        if lesson.objective.formula != nil {
            self.init(formula: lesson, overrides: overrides, bins: bins)
            return
        }
        if lesson.isAffine {
            self.init(affine: lesson, overrides: overrides, bins: bins)
            return
        }
        let covered = FigureLimits.coveredWeights(lesson)
        let minimum = lesson.minimum
        var farthest = covered.map { abs($0 - minimum) }.max() ?? 0
        if !(farthest > 0) { farthest = Swift.max(abs(minimum) * 0.5, 1) }
        let weight = overrides.weight
            ?? FigureLimits.rounded(minimum - 1.1 * farthest, minimum + 1.1 * farthest, bins: bins[.weight])
        let inner = FigureLimits.inner(weight)
        var losses = covered.map(lesson.loss(at:))
        for w in FigureLimits.samples(inner.lower, inner.upper, count: 200) { losses.append(lesson.loss(at: w)) }
        let loss = overrides.loss ?? FigureLimits.lossLimits(losses.filter(\.isFinite), bins: bins[.loss])
        let xs = lesson.x
        let x = overrides.x ?? FigureLimits.rounded(FigureLimits.towardZero(xs.min()!, xs.max()!), bins: bins[.x])
        var amounts = lesson.t
        for w in covered { amounts += xs.map { $0 * w } }
        amounts = amounts.filter(\.isFinite)
        let y = overrides.y ?? FigureLimits.rounded(FigureLimits.towardZero(amounts.min()!, amounts.max()!), bins: bins[.y])
        self.init(weight: weight, loss: loss, x: x, y: y)
        if overrides.loss == nil { lossTickFloor = 0 }
    }

    /// Limits holding all of `limits`: each axis from the lowest lower end to the highest
    /// upper one (a race's runs).
    package static func union(_ limits: [FigureLimits]) -> FigureLimits {
        func join(_ axes: [AxisLimits]) -> AxisLimits {
            AxisLimits(axes.map(\.lower).min()!, axes.map(\.upper).max()!) ?? axes[0]
        }
        let intercepts = limits.compactMap(\.intercept)
        var union = FigureLimits(weight: join(limits.map(\.weight)), loss: join(limits.map(\.loss)), x: join(limits.map(\.x)),
                                 y: join(limits.map(\.y)), intercept: intercepts.isEmpty ? nil : join(intercepts))
        union.lossTickFloor = limits.allSatisfy { $0.lossTickFloor != nil } ? limits.compactMap(\.lossTickFloor).min() : nil
        let histories = limits.compactMap(\.historyLosses)
        if histories.count == limits.count, let low = histories.map(\.lowerBound).min(), let high = histories.map(\.upperBound).max() {
            // The runs' losses together decide the scale, so every run is drawn on the same one.
            union.historyLosses = low...high
            (union.y, union.logHistory) = FigureLimits.history(low...high, bins: 8)
        }
        return union
    }

    /// The (w, b) lesson's limits: w and b each symmetric about the least-squares minimum,
    /// 1.1 times as far as the farthest covered point (so the bowl shows round the path and
    /// the minimum), rounded as the others; x and y as for one weight, with the line's
    /// intercept; the loss from the minimum's to the highest covered (the colour scale).
    private init(affine lesson: Lesson, overrides: LimitOverrides, bins: TickBins) {
        let covered = FigureLimits.coveredPath(lesson)
        let best = lesson.bestFit ?? lesson.path[0]
        func symmetric(_ k: Int, bins: Int) -> AxisLimits {
            var farthest = covered.map { abs($0[k] - best[k]) }.max() ?? 0
            if !(farthest > 0) { farthest = Swift.max(abs(best[k]) * 0.5, 1) }
            return FigureLimits.rounded(best[k] - 1.1 * farthest, best[k] + 1.1 * farthest, bins: bins)
        }
        let weight = overrides.weight ?? symmetric(0, bins: bins[.weight])
        let intercept = overrides.intercept ?? symmetric(1, bins: bins[.loss])
        let losses = (covered + [best]).map(lesson.objective.value).filter(\.isFinite)
        let loss = overrides.loss ?? AxisLimits(losses.min() ?? 0, Swift.max(losses.max() ?? 1, (losses.min() ?? 0) + 1e-9))
            ?? AxisLimits(0, 1)!
        let xs = lesson.x
        let x = overrides.x ?? FigureLimits.rounded(FigureLimits.towardZero(xs.min()!, xs.max()!), bins: bins[.x])
        var amounts = lesson.t
        for p in covered { amounts += xs.map { lesson.objective.output($0, p) } }
        amounts = amounts.filter(\.isFinite)
        let y = overrides.y ?? FigureLimits.rounded(FigureLimits.towardZero(amounts.min()!, amounts.max()!), bins: bins[.y])
        self.init(weight: weight, loss: loss, x: x, y: y, intercept: intercept)
    }

    /// A loss written as an expression: w (and b) over the covered path and the minimum
    /// nearest its end, or the named function's view; the loss over the curve (one
    /// variable) or the path (two); the epochs and the path's loss for the history.
    private init(formula lesson: Lesson, overrides: LimitOverrides, bins: TickBins) {
        let formula = lesson.objective.formula!
        let covered = FigureLimits.coveredPath(lesson)
        let two = formula.variables.count == 2
        // The minimum nearest the path's end, looked for round the path.
        // A curve shows its other minima near the path too (which one the start decides).
        func around(_ k: Int) -> ClosedRange<Double> {
            let values = covered.map { $0[k] }
            let low = values.min()!, high = values.max()!
            let reach = Swift.max(3 * (high - low), abs(low), abs(high), 3)
            return (low - reach)...(high + reach)
        }
        let end = covered.last!
        let minima = formula.minima(w: overrides.weight.map { $0.lower...$0.upper } ?? around(0),
                                    b: two ? overrides.intercept.map { $0.lower...$0.upper } ?? around(1) : nil)
        func distance(_ p: [Double]) -> Double { zip(p, end).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
        let nearest = two ? minima.min { distance($0) < distance($1) }.map { [$0] } ?? [] : Array(minima.prefix(4))
        let shown = covered + nearest
        func axis(_ k: Int, bins: Int) -> AxisLimits {
            let values = shown.map { $0[k] }
            let low = values.min()!, high = values.max()!
            let margin = Swift.max(high - low, Swift.max(abs(low), abs(high)) * 0.2, 0.5) * 0.15
            return FigureLimits.rounded(low - margin, high + margin, bins: bins)
        }
        let weight = overrides.weight ?? axis(0, bins: bins[.weight])
        let intercept = two ? (overrides.intercept ?? axis(1, bins: bins[.loss])) : nil
        var losses = covered.map(lesson.objective.value)
        if !two {
            let inner = FigureLimits.inner(weight)
            for w in FigureLimits.samples(inner.lower, inner.upper, count: 200) { losses.append(lesson.loss(at: w)) }
        }
        losses = losses.filter(\.isFinite)
        let loss: AxisLimits
        if two {
            loss = overrides.loss ?? AxisLimits(losses.min() ?? 0, Swift.max(losses.max() ?? 1, (losses.min() ?? 0) + 1e-9)) ?? AxisLimits(0, 1)!
        } else {
            loss = overrides.loss ?? FigureLimits.lossLimits(losses, bins: bins[.loss], mayBeNegative: true)
        }
        let x = overrides.x ?? FigureLimits.rounded(0, Double(lesson.epochs), bins: bins[.x])
        let path = lesson.path.map(lesson.objective.value).filter(\.isFinite)
        let history = (path.min() ?? 0)...(path.max() ?? 1)
        let (y, log) = FigureLimits.history(history, bins: bins[.y])
        self.init(weight: weight, loss: loss, x: x, y: overrides.y ?? y, intercept: intercept)
        logHistory = overrides.y == nil && log
        historyLosses = history
        if overrides.loss == nil, !two { lossTickFloor = Swift.min(0, losses.min() ?? 0) }
    }

    /// The history's axis: log₁₀ of the loss, from whole powers of ten, when the losses are
    /// positive and span two decades or more; else the losses themselves, with margins.
    static func history(_ losses: ClosedRange<Double>, bins: Int) -> (AxisLimits, log: Bool) {
        let low = losses.lowerBound, high = losses.upperBound
        if low > 0, high / low >= 100 {
            let a = Foundation.log10(low).rounded(.down), b = Foundation.log10(high).rounded(.up)
            return (AxisLimits(a - 0.05 * (b - a), b + 0.05 * (b - a)) ?? AxisLimits(a - 1, b + 1)!, true)
        }
        return (FigureLimits.rounded(low, high, bins: bins), false)
    }

    /// The parameters at the start of each covered epoch and after it.
    static func coveredPath(_ lesson: Lesson) -> [[Double]] {
        let ceiling = FigureLimits.ceiling(lesson.objective.value(lesson.path[0]))
        var covered: [[Double]] = []
        for p in lesson.path {
            let loss = lesson.objective.value(p)
            guard p.allSatisfy(\.isFinite), loss <= ceiling else { break }
            covered.append(p)
        }
        return covered.isEmpty ? [lesson.path[0]] : covered
    }

    /// The highest loss a covered epoch may have: `coverFactor` times the first, and for a
    /// first loss below zero (an expression's) as far above it as that would be above |L₀|.
    static func ceiling(_ first: Double) -> Double {
        first + (coverFactor - 1) * abs(first)
    }

    /// The weights at the start of each covered epoch and after it.
    static func coveredWeights(_ lesson: Lesson) -> [Double] {
        let ceiling = FigureLimits.ceiling(lesson.loss(at: lesson.w0))
        var covered: [Double] = []
        for w in lesson.weights {
            guard w.isFinite, lesson.loss(at: w) <= ceiling else { break }
            covered.append(w)
        }
        return covered.isEmpty ? [lesson.w0] : covered
    }

    /// The part of padded limits that holds the data: what a curve or line is drawn over.
    package static func inner(_ limits: AxisLimits) -> (lower: Double, upper: Double) {
        let m = limits.span * marginShare
        return (limits.lower + m, limits.upper - m)
    }

    /// `count` evenly spaced values from `lower` to `upper`, like numpy's linspace.
    static func samples(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
        (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
    }

    /// A range stretched to 0 when 0 lies nearer to it than its own spread.
    static func towardZero(_ lower: Double, _ upper: Double) -> (Double, Double) {
        let spread = upper - lower
        if lower > 0, lower < spread { return (0, upper) }
        if upper < 0, -upper < spread { return (lower, 0) }
        return (lower, upper)
    }

    /// `range` with matplotlib's 5 % margins, its ends rounded out to half the tick step for `bins`.
    static func rounded(_ range: (Double, Double), bins: Int) -> AxisLimits {
        rounded(range.0, range.1, bins: bins)
    }

    static func rounded(_ lower: Double, _ upper: Double, bins: Int) -> AxisLimits {
        var lo = lower, hi = upper
        let size = Swift.max(abs(lo), abs(hi))
        if !(hi - lo > size * 1e-9) || !(hi - lo > 0) {
            let half = size > 0 ? size * 0.1 : 1
            lo -= half
            hi += half
        }
        guard let padded = AxisLimits.padded(lo, hi) else { return AxisLimits(-1, 1)! }
        // Rounded to half the tick step (ticks for twice the bins): whole ticks could add
        // most of a step each side, and leave the data in two thirds of the axis.
        let ticks = TickLocator.ticks(padded, bins: 2 * bins)
        guard ticks.count >= 2 else { return padded }
        let step = ticks[1] - ticks[0]
        let a = (padded.lower / step).rounded(.down) * step, b = (padded.upper / step).rounded(.up) * step
        return AxisLimits(a, b) ?? padded
    }

    static func lossLimits(_ losses: [Double], bins: Int, mayBeNegative: Bool = false) -> AxisLimits {
        let low = losses.min() ?? 0, high = losses.max() ?? 1
        // From 0 when the loss comes near it; a loss that can be negative from its lowest.
        let base = mayBeNegative && low < 0 ? low : low < 0.25 * high ? 0 : low
        var top = high
        if !(top - base > Swift.max(abs(base), 1e-300) * 1e-9) { top = base + Swift.max(abs(base) * 0.1, 1) }
        let upper = top + 0.05 * (top - base)
        let lower = base - 0.18 * (top - base)
        let ticks = TickLocator.ticks(AxisLimits(lower, upper) ?? AxisLimits(-1, 1)!, bins: bins)
        guard ticks.count >= 2 else { return AxisLimits(lower, upper) ?? AxisLimits(-1, 1)! }
        let step = ticks[1] - ticks[0]
        return AxisLimits((lower / step).rounded(.down) * step, (upper / step).rounded(.up) * step)
            ?? AxisLimits(lower, upper) ?? AxisLimits(-1, 1)!
    }
}

extension Lesson {
    /// Whether the model has an intercept as well as a weight (y = w·x + b).
    public var isAffine: Bool { objective.model.parameterNames.count == 2 }

    /// The weight of least loss, w* = Σxᵢtᵢ / Σxᵢ² (w0 when every input is 0 and the
    /// loss does not depend on w).
    public var minimum: Double {
        let xx = x.reduce(0) { $0 + $1 * $1 }
        guard xx > 0 else { return w0 }
        let w = zip(x, t).reduce(0) { $0 + $1.0 * $1.1 } / xx
        return w.isFinite ? w : w0
    }
}

/// An axis of the figure's limits: what a panel's horizontal or vertical axis shows.
public enum LimitAxis: Sendable, CaseIterable {
    case weight, loss, intercept, x, y
}

/// How many tick intervals each of the figure's axes has room for (MaxNLocator's bins, from
/// the length its panel gives it): limits are rounded out to ticks for that many.
public struct TickBins: Sendable, Equatable {
    private var bins: [LimitAxis: Int] = [:]

    /// The notebook's proportions until frames are known: 6 across, 8 up.
    public init() {}

    public subscript(axis: LimitAxis) -> Int {
        get { bins[axis] ?? (axis == .weight || axis == .x ? 6 : 8) }
        set { bins[axis] = newValue }
    }
}
