/// `torch.optim.RMSprop` (not centred, no momentum): square_avg = α·square_avg + (1 − α)·g²;
/// p ← p − lr·g/(√square_avg + eps).
public struct RMSprop: Optimizer {
    /// Its hyper-parameters, PyTorch's defaults unless given. Guarantees: α in [0, 1), eps > 0.
    public struct Settings: Sendable, Equatable {
        public var alpha: Double
        public var eps: Double
        public init(alpha: Double = 0.99, eps: Double = 1e-8) {
            self.alpha = alpha
            self.eps = eps
        }
    }

    public let lr: Double
    public let settings: Settings

    public init(lr: Double, settings: Settings) {
        self.lr = lr
        self.settings = settings
    }

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let alpha = settings.alpha
        let average = zip(state.buffers[.squareAvg] ?? g.map { _ in 0 }, g).map { alpha * $0 + (1 - alpha) * ($1 * $1) }
        state.buffers[.squareAvg] = average
        state.steps += 1
        return (0..<p.count).map { k in p[k] + -lr * (g[k] / (average[k].squareRoot() + settings.eps)) }
    }
}
