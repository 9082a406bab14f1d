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
