import Chart
import Foundation

/// The optimizers of `torch.optim`, step for step as PyTorch's single-tensor implementations
/// compute them (weight decay 0, no maximize, no dampening, no amsgrad, not centred), so a
/// lesson's numbers are the ones a student gets from PyTorch. State lives in
/// `OptimizerState.buffers` under PyTorch's names.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case gd, momentum, adagrad, rmsprop, adam

    /// The hyper-parameters each takes, with PyTorch's defaults (nesterov as 0 or 1).
    public var defaults: [(name: String, value: Double)] {
        switch self {
        case .gd: return []
        case .momentum: return [("beta", 0.9), ("nesterov", 0)]
        case .adagrad: return [("eps", 1e-10)]
        case .rmsprop: return [("alpha", 0.99), ("eps", 1e-8)]
        case .adam: return [("beta1", 0.9), ("beta2", 0.999), ("eps", 1e-8)]
        }
    }

    /// How the figure names it.
    public var title: String {
        switch self {
        case .gd: return "gradient descent"
        case .momentum: return "momentum"
        case .adagrad: return "Adagrad"
        case .rmsprop: return "RMSprop"
        case .adam: return "Adam"
        }
    }
}

/// An optimizer as a scene names it: its kind, its hyper-parameters and, when it has its
/// own, its learning rate.
///
/// Guarantees (`init` checks them): every hyper-parameter is one its kind takes; β, β₁, β₂
/// and α in [0, 1); eps > 0 and finite; nesterov 0 or 1 (false or true).
public struct OptimizerSpec: Sendable, Equatable {
    public let kind: OptimizerKind
    /// Every hyper-parameter of the kind, the given ones in place of the defaults.
    public let parameters: [String: Double]
    /// A rate of its own, overriding the scene's `lr`.
    public let rate: LearningRate?

    public init(_ kind: OptimizerKind, parameters given: [String: Double] = [:], rate: LearningRate? = nil) throws(LessonError) {
        var parameters: [String: Double] = [:]
        for (name, value) in kind.defaults { parameters[name] = value }
        for name in given.keys.sorted() {
            guard parameters[name] != nil else {
                let takes = kind.defaults.map(\.name)
                throw LessonError(field: "optimizer.\(name)", problem: "is not a hyper-parameter of \(kind.rawValue); "
                                  + (takes.isEmpty ? "gd takes none (only lr)" : "it takes " + (takes + ["lr"]).joined(separator: ", ")))
            }
            let value = given[name]!
            switch name {
            case "beta", "beta1", "beta2", "alpha":
                guard value.isFinite, value >= 0, value < 1 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be at least 0 and below 1 (got \(value))")
                }
            case "eps":
                guard value.isFinite, value > 0 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be a finite number greater than 0 (got \(value))")
                }
            default: // nesterov
                guard value == 0 || value == 1 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be true or false")
                }
            }
            parameters[name] = value
        }
        self.kind = kind
        self.parameters = parameters
        self.rate = rate
    }

    /// Plain gradient descent.
    public static let gd = try! OptimizerSpec(.gd)

    public func value(_ name: String) -> Double { parameters[name] ?? 0 }

    /// The optimizer that takes the steps, at `rate` (its own when it has one).
    public func optimizer(rate sceneRate: LearningRate) -> any Optimizer {
        let lr = (rate ?? sceneRate).value
        switch kind {
        case .gd: return GradientDescent(rate: rate ?? sceneRate)
        case .momentum: return Momentum(lr: lr, beta: value("beta"), nesterov: value("nesterov") == 1)
        case .adagrad: return Adagrad(lr: lr, eps: value("eps"))
        case .rmsprop: return RMSprop(lr: lr, alpha: value("alpha"), eps: value("eps"))
        case .adam: return Adam(lr: lr, beta1: value("beta1"), beta2: value("beta2"), eps: value("eps"))
        }
    }
}

/// SGD with momentum (`torch.optim.SGD(momentum=β, nesterov=…)`): buf = g at the first step,
/// then buf = β·buf + g; the step is buf, or g + β·buf with Nesterov; p ← p − lr·step.
public struct Momentum: Optimizer {
    public let lr: Double
    public let beta: Double
    public let nesterov: Bool

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let buffer: [Double]
        if let previous = state.buffers["momentum_buffer"] {
            buffer = zip(previous, g).map { beta * $0 + $1 }
        } else {
            buffer = g
        }
        state.buffers["momentum_buffer"] = buffer
        state.steps += 1
        let direction = nesterov ? zip(g, buffer).map { $0 + beta * $1 } : buffer
        return zip(p, direction).map { $0 + -lr * $1 }
    }
}

/// `torch.optim.Adagrad` (lr_decay 0, initial accumulator 0): sum += g²;
/// p ← p − lr·g/(√sum + eps).
public struct Adagrad: Optimizer {
    public let lr: Double
    public let eps: Double

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let sum = zip(state.buffers["sum"] ?? g.map { _ in 0 }, g).map { $0 + $1 * $1 }
        state.buffers["sum"] = sum
        state.steps += 1
        return (0..<p.count).map { k in p[k] + -lr * (g[k] / (sum[k].squareRoot() + eps)) }
    }
}

/// `torch.optim.RMSprop` (not centred, no momentum): square_avg = α·square_avg + (1 − α)·g²;
/// p ← p − lr·g/(√square_avg + eps).
public struct RMSprop: Optimizer {
    public let lr: Double
    public let alpha: Double
    public let eps: Double

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let average = zip(state.buffers["square_avg"] ?? g.map { _ in 0 }, g).map { alpha * $0 + (1 - alpha) * ($1 * $1) }
        state.buffers["square_avg"] = average
        state.steps += 1
        return (0..<p.count).map { k in p[k] + -lr * (g[k] / (average[k].squareRoot() + eps)) }
    }
}

/// `torch.optim.Adam` (no amsgrad), in PyTorch's order: m ← m + (1 − β₁)(g − m) (a lerp),
/// v ← β₂·v + (1 − β₂)·g²; with bias corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ,
/// p ← p − (lr/c₁)·m/(√v/√c₂ + eps).
public struct Adam: Optimizer {
    public let lr: Double
    public let beta1: Double
    public let beta2: Double
    public let eps: Double

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        let zero = g.map { _ in 0.0 }
        let m = zip(state.buffers["exp_avg"] ?? zero, g).map { $0 + (1 - beta1) * ($1 - $0) }
        let v = zip(state.buffers["exp_avg_sq"] ?? zero, g).map { beta2 * $0 + (1 - beta2) * ($1 * $1) }
        state.buffers["exp_avg"] = m
        state.buffers["exp_avg_sq"] = v
        state.steps += 1
        let t = Double(state.steps)
        let c1 = 1 - pow(beta1, t), c2 = 1 - pow(beta2, t)
        let stepSize = lr / c1, c2Root = c2.squareRoot()
        return (0..<p.count).map { k in p[k] + -stepSize * (m[k] / (v[k].squareRoot() / c2Root + eps)) }
    }
}

extension OptimizerSpec {
    /// For the figure's title: "Adam (β₁ = 0.9, β₂ = 0.999, ε = 1×10⁻⁸)".
    public var title: String {
        func number(_ name: String) -> String {
            name == "eps" ? NumberText.compact(value(name), limit: 0) : LessonFigure.exactText(value(name))
        }
        let symbols = ["beta": "β", "beta1": "β₁", "beta2": "β₂", "alpha": "α", "eps": "ε"]
        let shown = kind.defaults.map(\.name).filter { $0 != "nesterov" }.map { "\(symbols[$0]!) = \(number($0))" }
        let name = kind == .momentum && value("nesterov") == 1 ? "Nesterov momentum" : kind.title
        return shown.isEmpty ? name : name + " (" + shown.joined(separator: ", ") + ")"
    }

    /// The update, typeset in two lines: how the state moves, with its new value, then the
    /// step with its numbers — `p`, `next` and `state` for one parameter or two (shown as pairs).
    public func updateLines(from p: [Double], to next: [Double], state: OptimizerState) -> [String] {
        func shown(_ v: [Double]) -> String {
            v.count == 1 ? NumberText.math(v[0]) : "(" + v.map { NumberText.math($0) }.joined(separator: ", ") + ")"
        }
        func operand(_ v: [Double]) -> String { v.count == 1 ? NumberText.operand(v[0]) : shown(v) }
        let buffer = { (name: String) in shown(state.buffers[name] ?? p.map { _ in 0 }) }
        let w = p.count == 1 ? "w" : "(w, b)"
        let numbers = "$= \(operand(p)) - \(operand(zip(p, next).map { $0 - $1 }))$ $= \(shown(next))$"
        switch kind {
        case .gd:
            return ["$\(w)_{new} = \(w) - \\eta\\,g$ " + numbers]
        case .momentum:
            let step = value("nesterov") == 1 ? "\\eta\\,(g + \\beta v)" : "\\eta\\,v"
            return ["$v \\leftarrow \\beta v + g = \(buffer("momentum_buffer"))$",
                    "$\(w)_{new} = \(w) - \(step)$ " + numbers]
        case .adagrad:
            return ["$s \\leftarrow s + g^2 = \(buffer("sum"))$",
                    "$\(w)_{new} = \(w) - \\eta\\,g/(\\sqrt{s} + \\epsilon)$ " + numbers]
        case .rmsprop:
            return ["$s \\leftarrow \\alpha s + (1 - \\alpha)\\,g^2 = \(buffer("square_avg"))$",
                    "$\(w)_{new} = \(w) - \\eta\\,g/(\\sqrt{s} + \\epsilon)$ " + numbers]
        case .adam:
            return ["$m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\,g = \(buffer("exp_avg"))$ "
                        + "$v \\leftarrow \\beta_2 v + (1 - \\beta_2)\\,g^2 = \(buffer("exp_avg_sq"))$",
                    "$\(w)_{new} = \(w) - \\eta\\,\\hat{m}/(\\sqrt{\\hat{v}} + \\epsilon)$ " + numbers]
        }
    }

    /// The state the transcript names, by PyTorch buffer: "velocity", "sum_sq", "m", "v".
    public static let transcriptNames = ["momentum_buffer": "velocity", "sum": "sum_sq", "square_avg": "v",
                                         "exp_avg": "m", "exp_avg_sq": "v"]
}
