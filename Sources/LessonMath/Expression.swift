import Foundation

/// A loss written as an expression in the parameters w and b: what a teacher types after
/// `objective:` (`(1 - w)^2 + 100*(b - w^2)^2`), parsed by `ExpressionParser`. Evaluated as
/// a number, or with its exact gradient by forward-mode automatic differentiation
/// (`Dual`): every operation carries its derivative along, so the gradient is the
/// expression's own, not a difference quotient.
public indirect enum Expression: Equatable, Sendable {
    /// A number, and the text it was written as ("1e-3"), which the figure shows.
    case number(Double, text: String)
    case constant(Constant)
    case variable(Variable)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(Function, Expression)

    /// A parameter the loss depends on: the weight w and the intercept b.
    public enum Variable: String, CaseIterable, Sendable, Comparable {
        case w, b

        public var index: Int { self == .w ? 0 : 1 }

        public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
    }

    public enum Constant: String, CaseIterable, Sendable {
        case pi, e

        public var value: Double { self == .pi ? Double.pi : M_E }
    }

    public enum BinaryOperator: Character, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// The functions an expression may call, each of one argument.
    public enum Function: String, CaseIterable, Sendable {
        case exp, log, sqrt, sin, cos, tan, tanh, abs
    }

    /// The variables it uses, in their order (w before b).
    public var variables: [Variable] {
        var found = Set<Variable>()
        func visit(_ e: Expression) {
            switch e {
            case .number, .constant: break
            case .variable(let v): found.insert(v)
            case .negate(let a), .call(_, let a): visit(a)
            case .binary(_, let a, let b): visit(a); visit(b)
            }
        }
        visit(self)
        return found.sorted()
    }

    /// Its value with w = p[0] and b = p[1] (when it has b).
    public func value(_ p: [Double]) -> Double {
        switch self {
        case .number(let v, _): return v
        case .constant(let c): return c.value
        case .variable(let v): return v.index < p.count ? p[v.index] : 0
        case .negate(let a): return -a.value(p)
        case .binary(let op, let a, let b):
            let x = a.value(p), y = b.value(p)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            case .power: return Expression.power(x, y)
            }
        case .call(let f, let a): return f.apply(a.value(p))
        }
    }

    /// Its value and its exact gradient with respect to w and b at `p`.
    public func dual(_ p: [Double]) -> Dual {
        switch self {
        case .number(let v, _): return Dual(v)
        case .constant(let c): return Dual(c.value)
        case .variable(let v): return Dual(v.index < p.count ? p[v.index] : 0, seed: v.index)
        case .negate(let a): return -a.dual(p)
        case .binary(let op, let a, let b):
            let x = a.dual(p)
            switch op {
            case .add: return x + b.dual(p)
            case .subtract: return x - b.dual(p)
            case .multiply: return x * b.dual(p)
            case .divide: return x / b.dual(p)
            case .power:
                // A constant exponent takes the power rule (defined for a negative base);
                // an exponent that varies, d(aᵇ) = aᵇ (b′ ln a + b a′/a).
                if b.variables.isEmpty { return x.raised(to: b.value(p)) }
                return x.raised(toDual: b.dual(p))
            }
        case .call(let f, let a): return f.apply(a.dual(p))
        }
    }

    /// xʸ, with a whole exponent computed by repeated multiplication where that is exact
    /// (pow agrees; this keeps (−2)³ negative whatever libm does).
    static func power(_ x: Double, _ y: Double) -> Double {
        if y == 2 { return x * x }
        return Foundation.pow(x, y)
    }
}

extension Expression.Function {
    public func apply(_ x: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .tanh: return Foundation.tanh(x)
        case .abs: return Swift.abs(x)
        }
    }

    /// f(x) and f′(x)·x′: the chain rule.
    public func apply(_ x: Dual) -> Dual {
        let v = apply(x.value)
        let slope: Double
        switch self {
        case .exp: slope = v
        case .log: slope = 1 / x.value
        case .sqrt: slope = 1 / (2 * v)
        case .sin: slope = Foundation.cos(x.value)
        case .cos: slope = -Foundation.sin(x.value)
        case .tan: slope = 1 + v * v
        case .tanh: slope = 1 - v * v
        // |x|′ = sign(x), 0 at 0 (sympy's sign).
        case .abs: slope = x.value > 0 ? 1 : x.value < 0 ? -1 : 0
        }
        return Dual(value: v, gradient: x.gradient * slope)
    }
}
