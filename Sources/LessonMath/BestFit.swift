/// The parameters of least loss, however the loss is made: the normal equations for the
/// squared error, Newton's method for the cross-entropy (none when the data are separable:
/// the loss then only falls as the line steepens, and has no minimum).
extension Lesson {
    /// Whether a gradient-descent step's effect has a closed form (the regime from the
    /// Hessian, rᵢ = 1 − η·λᵢ): the squared error on data. Otherwise runs are judged from
    /// their path, as other optimizers' are.
    public var hasClosedFormRegime: Bool { objective.formula == nil && objective.loss.hasConstantCurvature }

    public var bestFit: [Double]? {
        if objective.loss.hasConstantCurvature { return leastSquares }
        guard objective.formula == nil, path[0].count == 2 else { return nil }
        // Newton's method on the cross-entropy, H = Σ σ(1 − σ) s sᵀ, from (0, 0) (the usual start).
        var p = [0.0, 0.0]
        for _ in 0..<100 {
            let g = objective.gradient(p)
            var h = [[0.0, 0.0], [0.0, 0.0]]
            for xi in x {
                let s = objective.model.sensitivities(xi, p)
                let sigma = BinaryCrossEntropy.sigmoid(objective.model.predict(xi, p))
                let weight = sigma * (1 - sigma)
                for i in 0..<2 { for j in 0..<2 { h[i][j] += weight * s[i] * s[j] } }
            }
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0]
            guard det > 1e-300, det.isFinite else { return nil }
            let step = [(h[1][1] * g[0] - h[0][1] * g[1]) / det, (h[0][0] * g[1] - h[1][0] * g[0]) / det]
            p = [p[0] - step[0], p[1] - step[1]]
            guard p.allSatisfy(\.isFinite), abs(p[0]) < 1e8, abs(p[1]) < 1e8 else { return nil }
            if abs(step[0]) + abs(step[1]) < 1e-12 * (1 + abs(p[0]) + abs(p[1])) {
                let gradient = objective.gradient(p)
                return abs(gradient[0]) + abs(gradient[1]) < 1e-8 * Double(x.count) ? p : nil
            }
        }
        return nil
    }
}
