import LessonMath

/// A loss written as an expression, typeset as TeX for the figure's title: `(1 - w)^2 +
/// 100*(b - w^2)^2` as (1 − w)² + 100 (b − w²)², with parentheses only where precedence
/// needs them, products of a number and what follows written side by side, quotients as
/// fractions and the functions upright.
extension Expression {
    /// The TeX of the whole expression (without $…$).
    public var tex: String { terms.joined(separator: " ") }

    /// The TeX of its top-level terms, each after the first with its sign ("+ 100(b - w^{2})^{2}"):
    /// a title set in a narrow panel breaks between them.
    public var terms: [String] {
        var parts: [(sign: String, term: Expression)] = []
        func collect(_ e: Expression, _ sign: String) {
            if case .binary(let op, let a, let b) = e, op == .add || op == .subtract {
                collect(a, sign)
                parts.append((op == .add ? "+" : "-", b))
            } else {
                parts.append((sign, e))
            }
        }
        collect(self, "")
        return parts.enumerated().map { k, part in
            let body = part.term.tex(at: part.sign == "-" ? .product : .sum)
            // "{}" before the sign: a binary operator's spacing at the start of a span.
            return k == 0 ? body : "{}" + part.sign + " " + body
        }
    }

    /// How tightly the place an expression stands in binds: it is parenthesized when it
    /// binds more loosely.
    enum Binding: Int, Comparable {
        case sum, product, unary, power, atom

        static func < (a: Binding, b: Binding) -> Bool { a.rawValue < b.rawValue }
    }

    var binding: Binding {
        switch self {
        case .number(let v, _): return v < 0 ? .unary : .atom
        case .constant, .variable, .call: return .atom
        case .negate: return .unary
        case .binary(let op, _, _):
            switch op {
            case .add, .subtract: return .sum
            case .multiply, .divide: return .product
            case .power: return .power
            }
        }
    }

    func tex(at place: Binding) -> String {
        let body = plainTex
        return binding < place ? "\\left(" + body + "\\right)" : body
    }

    private var plainTex: String {
        switch self {
        case .number(let v, let text):
            if text.contains("e") || text.contains("E") {
                // 1e-3 as 10^{-3}, 2.5e4 as 2.5 \times 10^{4}.
                let parts = text.lowercased().split(separator: "e")
                let mantissa = String(parts[0]), exponent = Int(parts[1]) ?? 0
                let power = "10^{\(exponent)}"
                return Double(mantissa) == 1 ? power : mantissa + " \\times " + power
            }
            return v < 0 ? "-" + String(text.drop { $0 == "-" }) : text
        case .constant(let c): return c == .pi ? "\\pi" : "e"
        case .variable(let v): return v.rawValue
        case .negate(let a): return "-" + a.tex(at: .unary)
        case .binary(let op, let a, let b):
            switch op {
            case .add: return a.tex(at: .sum) + " + " + b.tex(at: .sum)
            case .subtract: return a.tex(at: .sum) + " - " + b.tex(at: .product)
            case .multiply:
                let left = a.tex(at: .product), right = b.tex(at: .power)
                // Side by side (100 (b − w²)², 2 w, w b), except before a digit: 2 × 3.
                return left + (right.first?.isNumber == true ? " \\times " : "\\,") + right
            case .divide:
                return "\\frac{" + a.tex + "}{" + b.tex + "}"
            case .power:
                let exponent: String
                if case .number(_, let text) = b, !text.contains("e") { exponent = b.plainTex } else { exponent = b.tex }
                return a.tex(at: .atom) + "^{" + exponent + "}"
            }
        case .call(let f, let a):
            switch f {
            case .sqrt: return "\\sqrt{" + a.tex + "}"
            case .abs: return "\\left|" + a.tex + "\\right|"
            case .tanh: return "\\operatorname{tanh}\\left(" + a.tex + "\\right)"
            default: return "\\" + f.rawValue + "\\left(" + a.tex + "\\right)"
            }
        }
    }
}
