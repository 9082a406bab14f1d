/// `torch.optim.Adagrad` (lr_decay 0, initial accumulator 0): sum += g²;
/// p ← p − lr·g/(√sum + eps).
public struct Adagrad: Optimizer {
    /// Its hyper-parameters, PyTorch's defaults unless given. Guarantees: eps > 0.
    public struct Settings: Sendable, Equatable {
        public var eps: Double
        public init(eps: Double = 1e-10) { self.eps = eps }
    }

    public let lr: Double
    public let settings: Settings

    public init(lr: Double, settings: Settings) {
        self.lr = lr
        self.settings = settings
    }

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let sum = zip(state.buffers[.sum] ?? g.map { _ in 0 }, g).map { $0 + $1 * $1 }
        state.buffers[.sum] = sum
        state.steps += 1
        return (0..<p.count).map { k in p[k] + -lr * (g[k] / (sum[k].squareRoot() + settings.eps)) }
    }
}
