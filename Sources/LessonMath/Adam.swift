import Foundation

/// `torch.optim.Adam` (no amsgrad), in PyTorch's order: m ← m + (1 − β₁)(g − m) (a lerp),
/// v ← β₂·v + (1 − β₂)·g²; with bias corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ,
/// p ← p − (lr/c₁)·m/(√v/√c₂ + eps).
public struct Adam: Optimizer {
    /// Its hyper-parameters, PyTorch's defaults unless given. Guarantees: β₁, β₂ in [0, 1), eps > 0.
    public struct Settings: Sendable, Equatable {
        public var beta1: Double
        public var beta2: Double
        public var eps: Double
        public init(beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
            self.beta1 = beta1
            self.beta2 = beta2
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
        let (beta1, beta2) = (settings.beta1, settings.beta2)
        let zero = g.map { _ in 0.0 }
        let m = zip(state.buffers[.expAvg] ?? zero, g).map { $0 + (1 - beta1) * ($1 - $0) }
        let v = zip(state.buffers[.expAvgSq] ?? zero, g).map { beta2 * $0 + (1 - beta2) * ($1 * $1) }
        state.buffers[.expAvg] = m
        state.buffers[.expAvgSq] = v
        state.steps += 1
        let t = Double(state.steps)
        let c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t)
        let stepSize = lr / c1, c2Root = c2.squareRoot()
        return (0..<p.count).map { k in p[k] + -stepSize * (m[k] / (v[k].squareRoot() / c2Root + settings.eps)) }
    }
}
