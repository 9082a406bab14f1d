/// What is wrong with a lesson's numbers, naming the field.
public struct LessonError: Error, CustomStringConvertible, Equatable {
    public let field: String
    public let problem: String

    public var description: String { "\(field): \(problem)" }
}

/// The numbers of one epoch, as the notebook computes them.
public struct EpochNumbers: Equatable, Sendable {
    public let epoch: Int
    public let w: Double
    public let loss: Double
    public let gradient: Double
    public let wNew: Double
    public let predictions: [Double]
    public let pointLosses: [Double]
}

/// Gradient descent on the one-weight model y = w·x with the squared loss summed over the
/// points (the notebook's arithmetic: a sum, not a mean).
///
/// Guarantees: x and t are non-empty, of equal length and finite; w0 finite; the learning
/// rate finite and > 0 (a `LearningRate`); epochs in 1...maximumEpochs.
public struct Lesson: Sendable {
    public let x: [Double]
    public let t: [Double]
    public let w0: Double
    public let rate: LearningRate
    public let epochs: Int
    /// w at the start of each epoch, and the weight after the last one.
    public let weights: [Double]

    public var learningRate: Double { rate.value }

    /// The notebook's lesson: three points, w0 = 9, lr = 0.025, ten epochs.
    public static let seed = try! Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, rate: LearningRate("0.025"), epochs: 10)

    /// More epochs than any lesson shows (at 15 s an epoch, 41 hours).
    public static let maximumEpochs = 10_000

    public init(x: [Double], t: [Double], w0: Double, rate: LearningRate, epochs: Int) throws(LessonError) {
        try Lesson.check(x: x, t: t, w0: w0, epochs: epochs)
        self.x = x
        self.t = t
        self.w0 = w0
        self.rate = rate
        self.epochs = epochs
        let learningRate = rate.value
        var weights = [w0]
        weights.reserveCapacity(epochs + 1)
        var w = w0
        for _ in 0..<epochs {
            w = w - learningRate * Lesson.gradient(x: x, t: t, w: w)
            weights.append(w)
        }
        self.weights = weights
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
        guard (1...maximumEpochs).contains(epochs) else {
            throw LessonError(field: "epochs", problem: "must be between 1 and \(maximumEpochs) (got \(epochs))")
        }
    }

    /// Σ (w·xᵢ − tᵢ)²
    public func loss(at w: Double) -> Double {
        pointLosses(at: w).reduce(0, +)
    }

    /// (w·xᵢ − tᵢ)² for each point.
    public func pointLosses(at w: Double) -> [Double] {
        zip(x, t).map { xi, ti in
            let residual = xi * w - ti
            return residual * residual
        }
    }

    /// dL/dw = Σ 2 (w·xᵢ − tᵢ) xᵢ
    public func gradient(at w: Double) -> Double {
        Lesson.gradient(x: x, t: t, w: w)
    }

    private static func gradient(x: [Double], t: [Double], w: Double) -> Double {
        var sum = 0.0
        for (xi, ti) in zip(x, t) { sum += 2 * (xi * w - ti) * xi }
        return sum
    }

    public func numbers(epoch: Int) -> EpochNumbers {
        let w = weights[epoch]
        let losses = pointLosses(at: w)
        return EpochNumbers(epoch: epoch, w: w, loss: losses.reduce(0, +), gradient: gradient(at: w),
                            wNew: weights[epoch + 1], predictions: x.map { $0 * w }, pointLosses: losses)
    }
}
