import Foundation

/// A learning-rate schedule as `torch.optim.lr_scheduler` computes it, stepped once per
/// epoch after the update: the rate epoch k steps with is the base rate η times `factor(k)`.
/// Closed forms, which PyTorch's chained updates equal: step η·γ^⌊k/s⌋; multistep η·γ^(the
/// milestones ≤ k); exponential η·γᵏ; cosine η_min + (η − η_min)(1 + cos(πk/T))/2;
/// linear (a warm-up) η·(f₀ + (f₁ − f₀)·min(k, n)/n).
public enum Schedule: Sendable, Equatable {
    case constant
    case step(stepSize: Int, gamma: Double)
    case multistep(milestones: [Int], gamma: Double)
    case exponential(gamma: Double)
    case cosine(tMax: Int, etaMin: Double)
    case linear(startFactor: Double, endFactor: Double, totalIters: Int)

    /// The names a scene writes, PyTorch's schedulers' without "LR".
    public static let names = ["step", "multistep", "exponential", "cosine", "linear"]

    /// The rate epoch `k` (from 0) steps with, for base rate `base`.
    public func rate(_ base: Double, epoch k: Int) -> Double {
        switch self {
        case .constant: return base
        case .step(let s, let gamma): return base * pow(gamma, Double(k / s))
        case .multistep(let milestones, let gamma): return base * pow(gamma, Double(milestones.filter { $0 <= k }.count))
        case .exponential(let gamma): return base * pow(gamma, Double(k))
        case .cosine(let t, let etaMin): return etaMin + (base - etaMin) * (1 + cos(Double.pi * Double(k) / Double(t))) / 2
        case .linear(let f0, let f1, let n): return base * (f0 + (f1 - f0) * Double(Swift.min(k, n)) / Double(n))
        }
    }

    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .multistep: return "multistep"
        case .exponential: return "exponential"
        case .cosine: return "cosine"
        case .linear: return "linear"
        }
    }

    /// Its settings by PyTorch's names, for transcripts.
    public var parameters: [(name: String, value: Double)] {
        switch self {
        case .constant: return []
        case .step(let s, let g): return [("step_size", Double(s)), ("gamma", g)]
        case .multistep(_, let g): return [("gamma", g)]
        case .exponential(let g): return [("gamma", g)]
        case .cosine(let t, let m): return [("t_max", Double(t)), ("eta_min", m)]
        case .linear(let a, let b, let n): return [("start_factor", a), ("end_factor", b), ("total_iters", Double(n))]
        }
    }

    /// A schedule by name with its settings (PyTorch's names; its defaults where it has them:
    /// γ = 0.1 for step and multistep, η_min = 0, start_factor = 1/3, end_factor = 1,
    /// total_iters = 5). Errors name the setting and what is accepted.
    public init(name: String, numbers: [String: Double], milestones: [Int]? = nil) throws(LessonError) {
        func allow(_ keys: [String]) throws(LessonError) {
            for key in numbers.keys.sorted() where !keys.contains(key) {
                throw LessonError(field: "schedule.\(key)", problem: "is not a setting of the \(name) schedule (it takes "
                                  + (keys.isEmpty ? "none" : keys.joined(separator: ", ")) + ")")
            }
        }
        func whole(_ key: String, _ value: Double?, least: Int) throws(LessonError) -> Int {
            guard let value else { throw LessonError(field: "schedule.\(key)", problem: "is missing: the \(name) schedule needs it") }
            guard value == value.rounded(), value >= Double(least), value <= 1e9 else {
                throw LessonError(field: "schedule.\(key)", problem: "must be a whole number of epochs, at least \(least) (got \(value))")
            }
            return Int(value)
        }
        func positive(_ key: String, _ value: Double?, default fallback: Double?) throws(LessonError) -> Double {
            guard let value = value ?? fallback else {
                throw LessonError(field: "schedule.\(key)", problem: "is missing: the \(name) schedule needs it")
            }
            guard value.isFinite, value > 0 else {
                throw LessonError(field: "schedule.\(key)", problem: "must be a number greater than 0 (got \(value))")
            }
            return value
        }
        switch name {
        case "step":
            try allow(["step_size", "gamma"])
            self = .step(stepSize: try whole("step_size", numbers["step_size"], least: 1),
                         gamma: try positive("gamma", numbers["gamma"], default: 0.1))
        case "multistep":
            try allow(["gamma"])
            guard let milestones, !milestones.isEmpty else {
                throw LessonError(field: "schedule.milestones", problem: "is missing: the epochs at which the rate is multiplied by gamma, like [5, 8]")
            }
            guard milestones.allSatisfy({ $0 >= 1 }), zip(milestones, milestones.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw LessonError(field: "schedule.milestones", problem: "must be increasing whole numbers of epochs, at least 1 (got "
                                  + milestones.map(String.init).joined(separator: ", ") + ")")
            }
            self = .multistep(milestones: milestones, gamma: try positive("gamma", numbers["gamma"], default: 0.1))
        case "exponential":
            try allow(["gamma"])
            self = .exponential(gamma: try positive("gamma", numbers["gamma"], default: nil))
        case "cosine":
            try allow(["t_max", "eta_min"])
            let etaMin = numbers["eta_min"] ?? 0
            guard etaMin.isFinite, etaMin >= 0 else {
                throw LessonError(field: "schedule.eta_min", problem: "must be a number at least 0 (got \(etaMin))")
            }
            self = .cosine(tMax: try whole("t_max", numbers["t_max"], least: 1), etaMin: etaMin)
        case "linear":
            try allow(["start_factor", "end_factor", "total_iters"])
            let start = numbers["start_factor"] ?? 1.0 / 3, end = numbers["end_factor"] ?? 1
            guard start.isFinite, start > 0, start <= 1 else {
                throw LessonError(field: "schedule.start_factor", problem: "must be greater than 0 and at most 1 (got \(start))")
            }
            guard end.isFinite, end >= 0, end <= 1 else {
                throw LessonError(field: "schedule.end_factor", problem: "must be from 0 to 1 (got \(end))")
            }
            self = .linear(startFactor: start, endFactor: end, totalIters: try whole("total_iters", numbers["total_iters"] ?? 5, least: 1))
        default:
            throw LessonError(field: "schedule", problem: "must be one of " + Schedule.names.joined(separator: ", ") + " (got \(name))")
        }
    }
}

/// An optimizer whose rate follows a schedule: epoch k's step is the optimizer's at the
/// rate the schedule gives for k (its state carried on as ever).
public struct ScheduledOptimizer: Optimizer {
    public let base: Double
    public let schedule: Schedule
    public let spec: OptimizerSpec

    public func step(_ p: [Double], gradient g: [Double], state: inout OptimizerState) -> [Double] {
        spec.optimizer(lr: schedule.rate(base, epoch: state.steps)).step(p, gradient: g, state: &state)
    }
}
