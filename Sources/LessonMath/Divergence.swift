import Foundation

/// A loss written as an expression can leave the finite numbers (exp(w) overflows, log(w)
/// of a negative w): its lesson refuses a start where the loss or its gradient is not
/// finite, and a run that leaves the finite numbers is an error naming the epoch and a
/// smaller rate that stays finite — there is nothing to draw past an infinity.
extension Lesson {
    static func checkStart(_ objective: Objective, _ start: [Double]) throws(LessonError) {
        let value = objective.value(start), gradient = objective.gradient(start)
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            let names = objective.model.parameterNames
            throw LessonError(field: names.count == 1 ? "w0" : "start",
                              problem: "the loss or its gradient is not finite at the start " + point(names, start)
                                + " (L = \(value), ∇L = (" + gradient.map { "\($0)" }.joined(separator: ", ")
                                + ")); start where the loss is defined")
        }
    }

    /// The first epoch whose parameters, loss or gradient are not finite, if any.
    static func firstNonFinite(_ objective: Objective, _ path: [[Double]]) -> Int? {
        path.indices.first { e in
            !path[e].allSatisfy(\.isFinite) || !objective.value(path[e]).isFinite
                || (e < path.count - 1 && !objective.gradient(path[e]).allSatisfy(\.isFinite))
        }
    }

    static func leftTheNumbers(_ objective: Objective, start: [Double], spec: OptimizerSpec, rate: LearningRate,
                               schedule: Schedule, epochs: Int, at epoch: Int, path: [[Double]]) -> LessonError {
        let names = objective.model.parameterNames
        let last = path[Swift.max(epoch - 1, 0)]
        var suggestion = ""
        for k in 1...12 {
            guard let smaller = try? LearningRate(rate.value / pow(10, Double(k))) else { break }
            let run = objective.trajectory(from: start, with: ScheduledOptimizer(base: smaller.value, schedule: schedule,
                                                                                 spec: OptimizerSpec(spec.method)), epochs: epochs).path
            if firstNonFinite(objective, run) == nil {
                suggestion = "; a smaller rate stays finite, such as \(smaller.text)"
                break
            }
        }
        let field = spec.rate == nil ? "lr" : "optimizer.lr"
        return LessonError(field: field, problem: "at \(rate.text) the run leaves the finite numbers at epoch \(epoch) (from "
                           + point(names, last) + ", L = " + short(objective.value(last)) + ")" + suggestion)
    }

    static func point(_ names: [String], _ p: [Double]) -> String {
        (names.count == 1 ? names[0] : "(" + names.joined(separator: ", ") + ")") + " = "
            + (p.count == 1 ? short(p[0]) : "(" + p.map(short).joined(separator: ", ") + ")")
    }

    /// Six significant digits: what a message needs of a number.
    static func short(_ v: Double) -> String { String(format: "%.6g", v) }
}
