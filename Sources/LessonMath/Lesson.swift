
/// The numbers of one epoch, as the notebook computes them.
public struct EpochNumbers: Equatable, Sendable {
    public let epoch: Int
    public let w: Double
    public let loss: Double
    public let gradient: Double
    public let wNew: Double
    public let predictions: [Double]
    public let pointLosses: [Double]

    public init(epoch: Int, w: Double, loss: Double, gradient: Double, wNew: Double, predictions: [Double],
                pointLosses: [Double]) {
        self.epoch = epoch
        self.w = w
        self.loss = loss
        self.gradient = gradient
        self.wNew = wNew
        self.predictions = predictions
        self.pointLosses = pointLosses
    }
}

/// Gradient descent on the one-weight model y = w·x with the squared loss summed over the
/// points (the notebook's arithmetic: a sum, not a mean), made of the seams in Model.swift, Loss.swift and Optimizer.swift:
/// an `Objective` (data, `LineThroughOrigin`, `SquaredError`) descended by `GradientDescent`.
///
/// Guarantees: x and t are non-empty, of equal length and finite; w0 finite; the learning
/// rate finite and > 0 (a `LearningRate`); epochs in 1...maximumEpochs.
public struct Lesson: Sendable {
    /// The data, the model and the loss.
    public let objective: Objective
    /// How each step is taken.
    public let optimizer: any Optimizer
    public let rate: LearningRate
    public let epochs: Int
    /// The parameters at the start of each epoch, and after the last one.
    public private(set) var path: [[Double]]
    /// The weight (the first parameter) at the start of each epoch, and after the last one.
    public private(set) var weights: [Double]
    /// The optimizer as the scene named it (gradient descent unless it said otherwise).
    public let spec: OptimizerSpec
    /// The optimizer's state after each epoch's step (empty buffers for gradient descent).
    public let states: [OptimizerState]
    /// The points each epoch's step used, when it used a mini-batch (nil: every point).
    public let batches: [[Int]]?
    /// How the rate changes from epoch to epoch (constant unless the scene says).
    public let schedule: Schedule

    /// The rate epoch `epoch` stepped with: the lesson's rate, or the schedule's for that epoch.
    public func rate(epoch: Int) -> Double { schedule.rate(learningRate, epoch: epoch) }

    public var x: [Double] { objective.x }
    public var t: [Double] { objective.t }
    public var w0: Double { weights[0] }
    public var learningRate: Double { rate.value }

    /// The notebook's lesson: three points, w0 = 9, lr = 0.025, ten epochs.
    public static let seed = try! Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, rate: LearningRate("0.025"), epochs: 10)

    /// More epochs than any lesson shows (at 15 s an epoch, 41 hours).
    public static let maximumEpochs = 10_000

    /// The notebook's lesson on other numbers: y = w·x, squared error, gradient descent.
    public init(x: [Double], t: [Double], w0: Double, rate: LearningRate, epochs: Int) throws(LessonError) {
        try self.init(objective: Objective(x: x, t: t), start: [w0], optimizer: GradientDescent(rate: rate),
                      rate: rate, epochs: epochs)
    }

    /// A lesson on any model and loss, with an optimizer a scene names (`rate` is the scene's;
    /// the optimizer's own, when it has one, wins).
    public init(objective: Objective, start: [Double], spec: OptimizerSpec, rate: LearningRate,
                epochs: Int, batches: [[Int]]? = nil, schedule: Schedule = .constant) throws(LessonError) {
        let base = spec.rate ?? rate
        let optimizer: any Optimizer = schedule == .constant ? spec.optimizer(rate: rate)
            : ScheduledOptimizer(base: base.value, schedule: schedule, spec: spec)
        try self.init(objective: objective, start: start, optimizer: optimizer, rate: base,
                      epochs: epochs, spec: spec, batches: batches, schedule: schedule)
    }

    /// A lesson on any model, loss and optimizer; `rate` is the one the figure names.
    public init(objective: Objective, start: [Double], optimizer: any Optimizer, rate: LearningRate,
                epochs: Int, spec: OptimizerSpec = .gd, batches: [[Int]]? = nil, schedule: Schedule = .constant) throws(LessonError) {
        if objective.formula == nil {
            try Lesson.check(x: objective.x, t: objective.t, w0: start.first ?? .nan, epochs: epochs)
        } else {
            try Lesson.check(epochs: epochs)
        }
        guard start.count == objective.model.parameterNames.count, start.allSatisfy(\.isFinite) else {
            throw LessonError(field: "start", problem: "needs one finite value for each of "
                              + objective.model.parameterNames.joined(separator: ", "))
        }
        if objective.formula != nil { try Lesson.checkStart(objective, start) }
        self.objective = objective
        self.optimizer = optimizer
        self.rate = rate
        self.epochs = epochs
        if let batches {
            guard batches.count >= epochs, batches.allSatisfy({ !$0.isEmpty && $0.allSatisfy(objective.x.indices.contains) }) else {
                throw LessonError(field: "batch", problem: "needs a non-empty batch of the data's points for every epoch")
            }
        }
        (path, states) = objective.trajectory(from: start, with: optimizer, epochs: epochs, batches: batches)
        if objective.formula != nil, let epoch = Lesson.firstNonFinite(objective, path) {
            throw Lesson.leftTheNumbers(objective, start: start, spec: spec, rate: rate, schedule: schedule, epochs: epochs,
                                        at: epoch, path: path)
        }
        weights = path.map { $0[0] }
        self.spec = spec
        self.batches = batches
        self.schedule = schedule
    }

    /// A lesson whose rate is a number (its text the number's shortest form).
    public init(x: [Double], t: [Double], w0: Double, learningRate: Double, epochs: Int) throws(LessonError) {
        try self.init(x: x, t: t, w0: w0, rate: LearningRate(learningRate), epochs: epochs)
    }

    /// The one check of a lesson's numbers (besides the rate's own): what a scene is
    /// validated with too, so the wording is the same wherever the numbers came from.
    public static func check(x: [Double], t: [Double], w0: Double, epochs: Int) throws(LessonError) {
        guard !x.isEmpty else { throw LessonError(field: "data.x", problem: "needs at least one value") }
        guard x.count == t.count else {
            throw LessonError(field: "data", problem: "x has \(x.count) values and t has \(t.count); each x needs its t")
        }
        guard x.allSatisfy(\.isFinite) else { throw LessonError(field: "data.x", problem: "every value must be a finite number") }
        guard t.allSatisfy(\.isFinite) else { throw LessonError(field: "data.t", problem: "every value must be a finite number") }
        guard w0.isFinite else { throw LessonError(field: "w0", problem: "must be a finite number (got \(w0))") }
        try check(epochs: epochs)
    }

    static func check(epochs: Int) throws(LessonError) {
        guard (1...maximumEpochs).contains(epochs) else {
            throw LessonError(field: "epochs", problem: "must be between 1 and \(maximumEpochs) (got \(epochs))")
        }
    }

    /// Σ (w·xᵢ − tᵢ)², at weight w (any other parameters as they start).
    public func loss(at w: Double) -> Double {
        objective.value(parameters(w))
    }

    /// (w·xᵢ − tᵢ)² for each point.
    public func pointLosses(at w: Double) -> [Double] {
        objective.pointLosses(parameters(w))
    }

    /// dL/dw = Σ 2 (w·xᵢ − tᵢ) xᵢ
    public func gradient(at w: Double) -> Double {
        objective.gradient(parameters(w))[0]
    }

    /// The parameters with the weight set to `w`.
    private func parameters(_ w: Double) -> [Double] {
        var p = path[0]
        p[0] = w
        return p
    }

    /// The same lesson with the parameters at the start of `epoch` moved to `p`: what an
    /// in-between frame of smooth motion draws.
    public func replacing(epoch: Int, with p: [Double]) -> Lesson {
        var copy = self
        copy.path[epoch] = p
        copy.weights[epoch] = p[0]
        return copy
    }

    /// The gradient epoch `epoch`'s step used: the full one, or its mini-batch's.
    public func gradient(epoch: Int) -> [Double] {
        batches.map { objective.gradient(path[epoch], batch: $0[epoch]) } ?? objective.gradient(path[epoch])
    }

    public func numbers(epoch: Int) -> EpochNumbers {
        let p = path[epoch]
        let losses = objective.pointLosses(p)
        return EpochNumbers(epoch: epoch, w: p[0], loss: objective.formula == nil ? losses.reduce(0, +) : objective.value(p), gradient: gradient(epoch: epoch)[0],
                            wNew: weights[epoch + 1], predictions: x.map { objective.output($0, p) },
                            pointLosses: losses)
    }
}
