import Foundation

/// y = w·x + b: the line with an intercept, the lesson after the notebook's.
public struct AffineLine: Model {
    public init() {}
    public var parameterNames: [String] { ["w", "b"] }
    public func predict(_ x: Double, _ p: [Double]) -> Double { x * p[0] + p[1] }
    public func sensitivities(_ x: Double, _ p: [Double]) -> [Double] { [x, 1] }
}

/// The project's own random numbers, the same on every machine: SplitMix64 (Steele, Lea
/// and Flood, 2014) for 64-bit words, 53-bit uniforms in [0, 1), and normals by the
/// Box–Muller transform (the cosine branch, one normal per two uniforms). Anyone can
/// reproduce a draw from this description; `scripts/affine_fixtures.py` does, in Python.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits over 2⁵³.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal: √(−2 ln u₁)·cos(2π u₂), with u₁ = 1 − unit() in (0, 1].
    public mutating func normal() -> Double {
        let u1 = 1 - unit(), u2 = unit()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// The notebook's start (`create_computation_graph_linear`): w ~ N(0, 1) + 1, then
    /// b ~ 5·N(0, 1); the linear model draws w only.
    public static func notebookStart(seed: UInt64, parameters: Int) -> [Double] {
        var random = SplitMix64(seed: seed)
        let w = random.normal() + 1
        return parameters == 1 ? [w] : [w, 5 * random.normal()]
    }
}

extension Lesson {
    /// The curvature of the loss: H = Σᵢ loss″·sᵢsᵢᵀ with sᵢ = ∂ŷ/∂p at xᵢ — for the squared
    /// error on a model linear in its parameters, 2XᵀX (X the inputs with a column of ones
    /// for the intercept). Constant, so taken at the start.
    public var hessian: [[Double]] {
        let p = path[0]
        let n = p.count
        var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for xi in x {
            let s = objective.model.sensitivities(xi, p)
            for i in 0..<n { for j in 0..<n { h[i][j] += 2 * s[i] * s[j] } }
        }
        return h
    }

    /// The Hessian's eigenvalues, largest first (closed form for one and two parameters).
    public var curvatures: [Double] {
        let h = hessian
        if h.count == 1 { return [h[0][0]] }
        let mean = (h[0][0] + h[1][1]) / 2
        let radius = (((h[0][0] - h[1][1]) / 2) * ((h[0][0] - h[1][1]) / 2) + h[0][1] * h[1][0]).squareRoot()
        return [mean + radius, mean - radius]
    }

    /// rᵢ = 1 − η·λᵢ: along each eigen-direction of the Hessian, the factor each step applies
    /// to the distance from the minimum (largest curvature first).
    public var contractions: [Double] {
        curvatures.map { 1 - learningRate * $0 }
    }

    /// λmax/λmin: elongated bowls (large values) zig-zag across the valley. Infinite when
    /// the loss is flat along a direction.
    public var conditionNumber: Double {
        let c = curvatures
        guard let low = c.last, low > 0 else { return .infinity }
        return c[0] / low
    }

    /// The parameters of least loss, from the normal equations (Σ sᵢsᵢᵀ) p = Σ sᵢtᵢ; nil when
    /// they have no single solution (every x the same, for the line with an intercept).
    public var leastSquares: [Double]? {
        let p = path[0]
        var a = [[Double]](repeating: [Double](repeating: 0, count: p.count), count: p.count)
        var v = [Double](repeating: 0, count: p.count)
        for (xi, ti) in zip(x, t) {
            let s = objective.model.sensitivities(xi, p)
            for i in s.indices {
                v[i] += s[i] * ti
                for j in s.indices { a[i][j] += s[i] * s[j] }
            }
        }
        if p.count == 1 {
            guard a[0][0] > 0 else { return nil }
            return [v[0] / a[0][0]]
        }
        let det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
        // Relative to the entries: a determinant lost in rounding is no solution either.
        guard abs(det) > 1e-12 * Swift.max(a[0][0] * a[1][1], 1e-300) else { return nil }
        return [(v[0] * a[1][1] - a[0][1] * v[1]) / det, (a[0][0] * v[1] - a[1][0] * v[0]) / det]
    }
}
