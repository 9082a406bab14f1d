/// SGD with momentum (`torch.optim.SGD(momentum=β, nesterov=…)`, no dampening, no weight
/// decay): buf = g at the first step, then buf = β·buf + g; the step is buf, or g + β·buf
/// with Nesterov; p ← p − lr·step.
public struct Momentum: Optimizer {
    /// Its hyper-parameters, PyTorch's defaults unless given. Guarantees: β in [0, 1).
    public struct Settings: Sendable, Equatable {
        public var beta: Double
        public var nesterov: Bool
        public init(beta: Double = 0.9, nesterov: Bool = false) {
            self.beta = beta
            self.nesterov = nesterov
        }
    }

    public let lr: Double
    public let settings: Settings

    public init(lr: Double, settings: Settings) {
        self.lr = lr
        self.settings = settings
    }

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let beta = settings.beta
        let buffer: [Double]
        if let previous = state.buffers[.momentumBuffer] {
            buffer = zip(previous, g).map { beta * $0 + $1 }
        } else {
            buffer = g
        }
        state.buffers[.momentumBuffer] = buffer
        state.steps += 1
        let direction = settings.nesterov ? zip(g, buffer).map { $0 + beta * $1 } : buffer
        return zip(p, direction).map { $0 + -lr * $1 }
    }
}
