/// What an optimizer carries from one step to the next, one value per parameter in each of
/// its buffers, and the steps taken.
public struct OptimizerState: Sendable, Equatable {
    /// A buffer, by PyTorch's name for it.
    public enum Buffer: String, Sendable, CaseIterable {
        /// Momentum's velocity.
        case momentumBuffer = "momentum_buffer"
        /// Adagrad's sum of squared gradients.
        case sum
        /// RMSprop's running mean of squared gradients.
        case squareAvg = "square_avg"
        /// Adam's first and second moments.
        case expAvg = "exp_avg"
        case expAvgSq = "exp_avg_sq"
    }

    public var steps = 0
    public var buffers: [Buffer: [Double]] = [:]

    public init() {}
}

/// One optimizer step: the new parameters from the old, the gradient and the state.
public protocol Optimizer: Sendable {
    func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double]
}

/// p ← p − η·∇L, the notebook's update.
public struct GradientDescent: Optimizer {
    public let lr: Double

    public init(rate: LearningRate) {
        lr = rate.value
    }

    /// At a rate a schedule gives (0 included).
    public init(lr: Double) {
        self.lr = lr
    }

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        state.steps += 1
        return zip(p, g).map { $0 - lr * $1 }
    }
}
