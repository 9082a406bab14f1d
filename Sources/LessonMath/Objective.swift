/// The data, a model and a loss: L(p) = Σᵢ loss(predict(xᵢ, p) − tᵢ), and its gradient; or
/// a loss written as an expression, with no data (`formula`).
public struct Objective: Sendable {
    public let x: [Double]
    public let t: [Double]
    public let model: any Model
    public let loss: any Loss
    /// The loss as an expression in the parameters (`objective:`), when it has no data.
    public let formula: Formula?

    public init(x: [Double], t: [Double], model: any Model = LineThroughOrigin(), loss: any Loss = SquaredError()) {
        self.x = x
        self.t = t
        self.model = model
        self.loss = loss
        formula = nil
    }

    /// A loss written as an expression: no data, the formula's parameters.
    public init(formula: Formula) {
        x = []
        t = []
        model = FormulaParameters(names: formula.parameterNames)
        loss = SquaredError()
        self.formula = formula
    }

    /// What the figure shows as the model's output at `x`: the prediction, or for a logistic
    /// model the probability σ(w·x + b).
    public func output(_ x: Double, _ p: [Double]) -> Double { loss.shown(model.predict(x, p)) }

    /// Each point's loss at `p`.
    public func pointLosses(_ p: [Double]) -> [Double] {
        zip(x, t).map { xi, ti in loss.value(prediction: model.predict(xi, p), target: ti) }
    }

    public func value(_ p: [Double]) -> Double {
        if let formula { return formula.value(p) }
        return pointLosses(p).reduce(0, +)
    }

    /// ∇L(p) = Σᵢ loss′(rᵢ)·∂predict/∂p at xᵢ.
    public func gradient(_ p: [Double]) -> [Double] {
        if let formula { return formula.gradient(p) }
        var sum = [Double](repeating: 0, count: p.count)
        for (xi, ti) in zip(x, t) {
            let slope = loss.slope(prediction: model.predict(xi, p), target: ti)
            for (k, d) in model.sensitivities(xi, p).enumerated() { sum[k] += slope * d }
        }
        return sum
    }

    /// The gradient a mini-batch gives: (n/k)·∇ of the batch's summed loss, so that its
    /// expectation over batches is the full gradient and the learning rate keeps its meaning.
    public func gradient(_ p: [Double], batch: [Int]) -> [Double] {
        if let formula { return formula.gradient(p) }
        var sum = [Double](repeating: 0, count: p.count)
        for i in batch {
            let slope = loss.slope(prediction: model.predict(x[i], p), target: t[i])
            for (k, d) in model.sensitivities(x[i], p).enumerated() { sum[k] += slope * d }
        }
        let scale = Double(x.count) / Double(batch.count)
        return sum.map { $0 * scale }
    }

    /// The parameters at the start of each of `epochs` steps of `optimizer` from `start`,
    /// and after the last.
    public func descend(from start: [Double], with optimizer: any Optimizer, epochs: Int) -> [[Double]] {
        trajectory(from: start, with: optimizer, epochs: epochs).path
    }

    /// The path as `descend` gives it, and the optimizer's state after each step; with
    /// `batches`, epoch e steps on the mini-batch gradient of `batches[e]`.
    public func trajectory(from start: [Double], with optimizer: any Optimizer, epochs: Int, batches: [[Int]]? = nil)
        -> (path: [[Double]], states: [OptimizerState]) {
        var path = [start]
        path.reserveCapacity(epochs + 1)
        var states: [OptimizerState] = []
        states.reserveCapacity(epochs)
        var state = OptimizerState()
        var p = start
        for e in 0..<epochs {
            let g = batches.map { gradient(p, batch: $0[e]) } ?? gradient(p)
            p = optimizer.step(p, gradient: g, state: &state)
            path.append(p)
            states.append(state)
        }
        return (path, states)
    }

    /// Mini-batches of `size` points for `epochs` steps: each pass through the data is a fresh
    /// shuffle of all the points (Fisher–Yates with `random`), cut into batches of `size` in
    /// order; a pass's last points that do not fill a batch wait for no one (PyTorch's
    /// `DataLoader(shuffle=True, drop_last=True)`).
    public static func batches(points n: Int, size: Int, epochs: Int, random: inout SplitMix64) -> [[Int]] {
        var batches: [[Int]] = []
        batches.reserveCapacity(epochs)
        while batches.count < epochs {
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(random.unit() * Double(i + 1))
                order.swapAt(i, j)
            }
            var start = 0
            while start + size <= n && batches.count < epochs {
                batches.append(Array(order[start..<(start + size)]))
                start += size
            }
        }
        return batches
    }
}
