/// How gradient descent behaves on this loss at a learning rate.
///
/// The loss Σ (w·xᵢ − tᵢ)² is a parabola in w with curvature 2Σxᵢ², so each step
/// multiplies the weight's distance to the minimum by r = 1 − η·2Σxᵢ². With an intercept
/// the loss is a bowl: along each eigen-direction of its Hessian the factor is 1 − η·λᵢ,
/// and the regime is named from the factor of largest size.
public enum Regime: String, Sendable, CaseIterable {
    /// 0 < r < 1: straight to the minimum, slowing down.
    case monotone
    /// r = 0: the first step lands on the minimum.
    case oneStep = "one-step"
    /// −1 < r < 0: jumps across the minimum, closing in.
    case oscillating
    /// r ≤ −1, or r > 1: moves away.
    case diverging
    /// r = 1: the loss is flat along the weight (every x is 0), so the weight never moves.
    case stalled

    public init(ratio r: Double) {
        if r == 1 {
            self = .stalled
        } else if abs(r) < 1e-12 {
            self = .oneStep
        } else if r > 0 && r < 1 {
            self = .monotone
        } else if r < 0 && r > -1 {
            self = .oscillating
        } else {
            self = .diverging
        }
    }
}

extension Lesson {
    /// The factor each step applies to the distance from the minimum along the direction
    /// where it is largest in size: among `contractions` (rᵢ = 1 − η·λᵢ), the one of largest
    /// |rᵢ|. For one weight, r = 1 − η·2Σxᵢ².
    public var contraction: Double {
        contractions.max { abs($0) < abs($1) }!
    }

    public var regime: Regime { Regime(ratio: contraction) }
}

/// How a run behaved, judged from its losses — for optimizers other than gradient descent,
/// whose regime has no closed form: **diverging** when the last loss is not finite or above
/// the first; else **oscillating** when the loss rose in any of the last five epochs; else
/// **converging**.
public enum Behaviour: String, Sendable, CaseIterable {
    case converging, oscillating, diverging
}

extension Lesson {
    public var behaviour: Behaviour {
        // Only the first loss and the last six are needed (the figure asks on every frame).
        let tail = path.suffix(6).map(objective.value)
        guard let last = tail.last, last.isFinite, last <= objective.value(path[0]) else { return .diverging }
        return zip(tail, tail.dropFirst()).contains { $1 > $0 } ? .oscillating : .converging
    }
}
