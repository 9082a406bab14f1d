import Foundation

/// A number with its gradient with respect to the parameters (w, b): forward-mode
/// automatic differentiation. Each operation applies its derivative rule to both parts, so
/// an expression evaluated on `Dual`s gives its exact gradient along with its value.
public struct Dual: Equatable, Sendable {
    public var value: Double
    /// ∂/∂w and ∂/∂b.
    public var gradient: SIMD2<Double>

    public init(value: Double, gradient: SIMD2<Double>) {
        self.value = value
        self.gradient = gradient
    }

    /// A constant: its gradient is zero.
    public init(_ value: Double) {
        self.init(value: value, gradient: .zero)
    }

    /// Parameter `seed` (0 for w, 1 for b) at `value`: its own derivative is 1.
    public init(_ value: Double, seed: Int) {
        var g = SIMD2<Double>.zero
        g[seed] = 1
        self.init(value: value, gradient: g)
    }

    public static prefix func - (a: Dual) -> Dual { Dual(value: -a.value, gradient: -a.gradient) }

    public static func + (a: Dual, b: Dual) -> Dual { Dual(value: a.value + b.value, gradient: a.gradient + b.gradient) }

    public static func - (a: Dual, b: Dual) -> Dual { Dual(value: a.value - b.value, gradient: a.gradient - b.gradient) }

    public static func * (a: Dual, b: Dual) -> Dual {
        Dual(value: a.value * b.value, gradient: a.gradient * b.value + b.gradient * a.value)
    }

    public static func / (a: Dual, b: Dual) -> Dual {
        let q = a.value / b.value
        return Dual(value: q, gradient: (a.gradient - b.gradient * q) / b.value)
    }

    /// aᶜ for a constant c: c·aᶜ⁻¹·a′.
    public func raised(to c: Double) -> Dual {
        let v = Expression.power(value, c)
        let slope = c == 0 ? 0 : c == 2 ? 2 * value : c * Expression.power(value, c - 1)
        return Dual(value: v, gradient: gradient * slope)
    }

    /// aᵇ for an exponent that varies: aᵇ·(b′·ln a + b·a′/a).
    public func raised(toDual b: Dual) -> Dual {
        let v = Expression.power(value, b.value)
        let fromBase = value == 0 ? SIMD2<Double>.zero : gradient * (b.value / value)
        let fromExponent = b.gradient == .zero ? SIMD2<Double>.zero : b.gradient * Foundation.log(value)
        return Dual(value: v, gradient: (fromBase + fromExponent) * v)
    }
}
