import Chart
import LessonMath

/// A schedule's rule in the figure, typeset once with its numbers: η_k = 0.1 · 0.5^⌊k/3⌋.
extension Schedule {
    public func tex(base: LearningRate) -> String {
        let eta = LessonFigure.rateMath(base)
        func n(_ v: Double) -> String { NumberText.math(v) }
        switch self {
        case .constant: return "$\\eta = \(eta)$"
        case .step(let s, let g): return "$\\eta_k = \(eta) \\cdot \(n(g))^{\\lfloor k/\(s) \\rfloor}$"
        case .multistep(let milestones, let g):
            return "$\\eta_k = \(eta) \\cdot \(n(g))^{m}$, m = " + "milestones ≤ k (" + milestones.map(String.init).joined(separator: ", ") + ")"
        case .exponential(let g): return "$\\eta_k = \(eta) \\cdot \(n(g))^{k}$"
        case .cosine(let t, let etaMin):
            return "$\\eta_k = \(n(etaMin)) + (\(eta) - \(n(etaMin)))\\,\\frac{1 + \\cos(\\pi k/\(t))}{2}$"
        case .linear(let f0, let f1, let total):
            return "$\\eta_k = \(eta) \\cdot (\(n(f0)) + \(n(f1 - f0))\\,\\min(k, \(total))/\(total))$"
        }
    }
}

extension LessonFigure {
    /// The rate epoch `epoch` steps with, inside math: as the teacher wrote it when constant.
    static func rateMath(_ lesson: Lesson, epoch: Int) -> String {
        lesson.schedule == .constant ? rateMath(lesson.rate) : NumberText.math(lesson.rate(epoch: epoch))
    }

    /// The rate epoch `epoch` steps with, in the figure's text.
    static func rate(_ lesson: Lesson, epoch: Int) -> String {
        lesson.schedule == .constant ? rate(lesson.rate) : "$" + NumberText.math(lesson.rate(epoch: epoch)) + "$"
    }

    /// The schedules under a title (a lesson's runs: one, or a race's): the one rule all runs
    /// share, once, or each run's own, named ("Adam: η_k = …"); none for a constant rate.
    static func scheduleLines(runs: [Lesson], methods: [WordKey: String]) -> [String] {
        let rules = runs.map { $0.schedule == .constant ? nil : $0.schedule.tex(base: $0.rate) }
        if let first = rules.first, rules.allSatisfy({ $0 == first }) { return first.map { [$0] } ?? [] }
        var lines: [String] = []
        for (run, rule) in zip(runs, rules) {
            guard let rule else { continue }
            let line = run.spec.name(methods) + ": " + rule
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }
}
