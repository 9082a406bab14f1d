/// The optimizers of `torch.optim` a lesson can take its steps with.
public enum OptimizerKind: String, Sendable, CaseIterable {
    case gd, momentum, adagrad, rmsprop, adam

    /// The hyper-parameters each takes, in PyTorch's order.
    public var hyperparameters: [Hyperparameter] {
        switch self {
        case .gd: return []
        case .momentum: return [.beta, .nesterov]
        case .adagrad: return [.eps]
        case .rmsprop: return [.alpha, .eps]
        case .adam: return [.beta1, .beta2, .eps]
        }
    }
}

/// A hyper-parameter, by the name a scene gives it.
public enum Hyperparameter: String, Sendable, CaseIterable {
    case beta, nesterov, beta1, beta2, alpha, eps
}

/// An optimizer as a scene names it: its method with every hyper-parameter, and, when it has
/// its own, its learning rate.
///
/// Guarantees (`init` checks them): β, β₁, β₂ and α in [0, 1); eps > 0 and finite.
public struct OptimizerSpec: Sendable, Equatable {
    /// How the steps are taken, with PyTorch's defaults for what the scene does not give.
    public enum Method: Sendable, Equatable {
        case gd
        case momentum(Momentum.Settings)
        case adagrad(Adagrad.Settings)
        case rmsprop(RMSprop.Settings)
        case adam(Adam.Settings)
    }

    public let method: Method
    /// A rate of its own, overriding the scene's `lr`.
    public let rate: LearningRate?
    /// A schedule of its own (a race's run), overriding the scene's `schedule`.
    public var schedule: Schedule?

    public init(_ method: Method, rate: LearningRate? = nil) {
        self.method = method
        self.rate = rate
    }

    /// `kind` with the hyper-parameters given by name (nesterov as 0 or 1), PyTorch's
    /// defaults for the others; a name the kind does not take, or a value out of range, is
    /// an error naming `optimizer.NAME`.
    public init(_ kind: OptimizerKind, parameters given: [String: Double] = [:], rate: LearningRate? = nil) throws(LessonError) {
        var values: [Hyperparameter: Double] = [:]
        for name in given.keys.sorted() {
            guard let parameter = Hyperparameter(rawValue: name), kind.hyperparameters.contains(parameter) else {
                let takes = kind.hyperparameters.map(\.rawValue)
                throw LessonError(field: "optimizer.\(name)", problem: "is not a hyper-parameter of \(kind.rawValue); "
                                  + (takes.isEmpty ? "gd takes none (only lr)" : "it takes " + (takes + ["lr"]).joined(separator: ", ")))
            }
            let value = given[name]!
            switch parameter {
            case .beta, .beta1, .beta2, .alpha:
                guard value.isFinite, value >= 0, value < 1 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be at least 0 and below 1 (got \(value))")
                }
            case .eps:
                guard value.isFinite, value > 0 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be a finite number greater than 0 (got \(value))")
                }
            case .nesterov:
                guard value == 0 || value == 1 else {
                    throw LessonError(field: "optimizer.\(name)", problem: "must be true or false")
                }
            }
            values[parameter] = value
        }
        switch kind {
        case .gd: method = .gd
        case .momentum:
            let d = Momentum.Settings()
            method = .momentum(Momentum.Settings(beta: values[.beta] ?? d.beta, nesterov: values[.nesterov].map { $0 == 1 } ?? d.nesterov))
        case .adagrad:
            method = .adagrad(Adagrad.Settings(eps: values[.eps] ?? Adagrad.Settings().eps))
        case .rmsprop:
            let d = RMSprop.Settings()
            method = .rmsprop(RMSprop.Settings(alpha: values[.alpha] ?? d.alpha, eps: values[.eps] ?? d.eps))
        case .adam:
            let d = Adam.Settings()
            method = .adam(Adam.Settings(beta1: values[.beta1] ?? d.beta1, beta2: values[.beta2] ?? d.beta2, eps: values[.eps] ?? d.eps))
        }
        self.rate = rate
    }

    /// Plain gradient descent.
    public static let gd = OptimizerSpec(.gd)

    public var kind: OptimizerKind {
        switch method {
        case .gd: return .gd
        case .momentum: return .momentum
        case .adagrad: return .adagrad
        case .rmsprop: return .rmsprop
        case .adam: return .adam
        }
    }

    /// A hyper-parameter's value, as a number.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case flag(Bool)
    }

    /// Every hyper-parameter with its value, in PyTorch's order.
    public var hyperparameters: [(name: Hyperparameter, value: Value)] {
        switch method {
        case .gd: return []
        case .momentum(let s): return [(.beta, .number(s.beta)), (.nesterov, .flag(s.nesterov))]
        case .adagrad(let s): return [(.eps, .number(s.eps))]
        case .rmsprop(let s): return [(.alpha, .number(s.alpha)), (.eps, .number(s.eps))]
        case .adam(let s): return [(.beta1, .number(s.beta1)), (.beta2, .number(s.beta2)), (.eps, .number(s.eps))]
        }
    }

    /// The optimizer at a rate a schedule gives (which may reach 0: cosine's η_min).
    public func optimizer(lr: Double) -> any Optimizer {
        switch method {
        case .gd: return GradientDescent(lr: lr)
        case .momentum(let s): return Momentum(lr: lr, settings: s)
        case .adagrad(let s): return Adagrad(lr: lr, settings: s)
        case .rmsprop(let s): return RMSprop(lr: lr, settings: s)
        case .adam(let s): return Adam(lr: lr, settings: s)
        }
    }

    /// The optimizer that takes the steps, at `rate` (its own when it has one).
    public func optimizer(rate sceneRate: LearningRate) -> any Optimizer {
        let lr = (rate ?? sceneRate).value
        switch method {
        case .gd: return GradientDescent(rate: rate ?? sceneRate)
        case .momentum(let s): return Momentum(lr: lr, settings: s)
        case .adagrad(let s): return Adagrad(lr: lr, settings: s)
        case .rmsprop(let s): return RMSprop(lr: lr, settings: s)
        case .adam(let s): return Adam(lr: lr, settings: s)
        }
    }
}
