import Chart

/// How the figure names and typesets each optimizer: its title, the term of its step and
/// its update in two lines. The numbers are `OptimizerSpec`'s (LessonMath); the words are here.
extension OptimizerSpec {
    /// How the figure names the kind ("gradient descent", "Adam"), gradient descent and
    /// momentum in the lesson's words.
    func name(_ methods: [WordKey: String]) -> String {
        func word(_ key: WordKey) -> String { methods[key] ?? Words.english[key] }
        switch method {
        case .gd: return word(.methodGD)
        case .momentum(let s): return s.nesterov ? word(.methodNesterov) : word(.methodMomentum)
        case .adagrad: return "Adagrad"
        case .rmsprop: return "RMSprop"
        case .adam: return "Adam"
        }
    }

    /// For the figure's title, in English: "Adam (β₁ = 0.9, β₂ = 0.999, ε = 1×10⁻⁸)".
    public var title: String { title([:]) }

    /// For the figure's title, its name in the lesson's words (`FigureLabels.methods`).
    public func title(_ methods: [WordKey: String]) -> String {
        let name = self.name(methods)
        return parameterList.map { name + " (" + $0 + ")" } ?? name
    }

    /// Its hyper-parameters as the figure writes them ("β₁ = 0.9, β₂ = 0.999, ε = 1×10⁻⁸"),
    /// nil when it has none to show.
    var parameterList: String? {
        let shown: [String] = hyperparameters.compactMap { parameter in
            guard case .number(let value) = parameter.value else { return nil }
            switch parameter.name {
            case .eps: return "ε = " + NumberText.compact(value, limit: 0)
            case .beta: return "β = " + LessonFigure.exactText(value)
            case .beta1: return "β₁ = " + LessonFigure.exactText(value)
            case .beta2: return "β₂ = " + LessonFigure.exactText(value)
            case .alpha: return "α = " + LessonFigure.exactText(value)
            case .nesterov: return nil
            }
        }
        return shown.isEmpty ? nil : shown.joined(separator: ", ")
    }

    /// The step it takes, as TeX: −ηg, −ηv, −η m̂/(√v̂ + ε)…
    var stepTerm: String {
        switch method {
        case .gd: return "\\eta\\,g"
        case .momentum(let s): return s.nesterov ? "\\eta\\,(g + \\beta v)" : "\\eta\\,v"
        case .adagrad, .rmsprop: return "\\eta\\,g/(\\sqrt{s} + \\epsilon)"
        case .adam: return "\\eta\\,\\hat{m}/(\\sqrt{\\hat{v}} + \\epsilon)"
        }
    }

    /// How its state moves, as TeX, with `shown` giving a buffer's new value.
    private func stateLines(_ shown: (OptimizerState.Buffer) -> String) -> [String] {
        switch method {
        case .gd: return []
        case .momentum: return ["$v \\leftarrow \\beta v + g = \(shown(.momentumBuffer))$"]
        case .adagrad: return ["$s \\leftarrow s + g^2 = \(shown(.sum))$"]
        case .rmsprop: return ["$s \\leftarrow \\alpha s + (1 - \\alpha)\\,g^2 = \(shown(.squareAvg))$"]
        case .adam:
            return ["$m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\,g = \(shown(.expAvg))$ "
                    + "$v \\leftarrow \\beta_2 v + (1 - \\beta_2)\\,g^2 = \(shown(.expAvgSq))$"]
        }
    }

    /// The update, typeset in two lines: how the state moves, with its new value, then the
    /// step with its numbers — `p`, `next` and `state` for one parameter or two (shown as pairs).
    public func updateLines(from p: [Double], to next: [Double], state: OptimizerState) -> [String] {
        func shown(_ v: [Double]) -> String {
            v.count == 1 ? NumberText.math(v[0]) : "(" + v.map { NumberText.math($0) }.joined(separator: ", ") + ")"
        }
        func operand(_ v: [Double]) -> String { v.count == 1 ? NumberText.operand(v[0]) : shown(v) }
        let w = p.count == 1 ? "w" : "(w, b)"
        let numbers = "$= \(operand(p)) - \(operand(zip(p, next).map { $0 - $1 }))$ $= \(shown(next))$"
        let buffer = { (name: OptimizerState.Buffer) in shown(state.buffers[name] ?? p.map { _ in 0 }) }
        return stateLines(buffer) + ["$\(w)_{new} = \(w) - \(stepTerm)$ " + numbers]
    }
}
