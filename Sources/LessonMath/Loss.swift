import Foundation

/// A loss on one point: its prediction against its target; the lesson's loss is its sum over
/// the points (the notebook sums, it does not average).
public protocol Loss: Sendable {
    func value(prediction: Double, target: Double) -> Double
    /// d value / d prediction.
    func slope(prediction: Double, target: Double) -> Double
    /// What the figure shows of a prediction: itself, or the probability a logit stands for.
    func shown(_ prediction: Double) -> Double
    /// Whether its curvature is constant, so that a step's effect has a closed form (the
    /// regime from the Hessian): the squared error on a model linear in its parameters.
    var hasConstantCurvature: Bool { get }
}

extension Loss {
    public func shown(_ prediction: Double) -> Double { prediction }
    public var hasConstantCurvature: Bool { false }
}

/// r², r = prediction − target: the notebook's loss.
public struct SquaredError: Loss {
    public init() {}
    public func value(prediction: Double, target: Double) -> Double {
        let r = prediction - target
        return r * r
    }
    public func slope(prediction: Double, target: Double) -> Double { 2 * (prediction - target) }
    public var hasConstantCurvature: Bool { true }
}

/// The binary cross-entropy of a logit z against a target t in [0, 1] —
/// −t·log σ(z) − (1 − t)·log(1 − σ(z)) — computed as PyTorch's `BCEWithLogitsLoss` does, in
/// the form that never takes log 0: max(z, 0) − t·z + log(1 + e^(−|z|)). Its slope is σ(z) − t.
public struct BinaryCrossEntropy: Loss {
    public init() {}

    public func value(prediction z: Double, target t: Double) -> Double {
        Swift.max(z, 0) - t * z + log1p(exp(-abs(z)))
    }

    public func slope(prediction z: Double, target t: Double) -> Double { BinaryCrossEntropy.sigmoid(z) - t }

    public func shown(_ prediction: Double) -> Double { BinaryCrossEntropy.sigmoid(prediction) }

    /// σ(z) = 1/(1 + e^(−z)), without overflow for large |z|.
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}
