/// The seams a lesson is made of: a model (parameters and a prediction), a loss on each
/// point's residual, and an optimizer's step. `Lesson` is the notebook's lesson on them:
/// `LineThroughOrigin`, `SquaredError`, `GradientDescent`. Another lesson plugs in another
/// model (y = w·x + b), another optimizer (momentum, Adam), and keeps the arithmetic here.

/// A model: named parameters, and the prediction they make at x.
public protocol Model: Sendable {
    /// The parameters' names, in their order ("w"; "w", "b").
    var parameterNames: [String] { get }
    /// The prediction at `x` with parameters `p`.
    func predict(_ x: Double, _ p: [Double]) -> Double
    /// ∂predict/∂pₖ at `x`, in the parameters' order.
    func sensitivities(_ x: Double, _ p: [Double]) -> [Double]
}

/// y = w·x, the notebook's model.
public struct LineThroughOrigin: Model {
    public init() {}
    public var parameterNames: [String] { ["w"] }
    public func predict(_ x: Double, _ p: [Double]) -> Double { x * p[0] }
    public func sensitivities(_ x: Double, _ p: [Double]) -> [Double] { [x] }
}

/// y = w·x + b: the line with an intercept, the lesson after the notebook's.
public struct AffineLine: Model {
    public init() {}
    public var parameterNames: [String] { ["w", "b"] }
    public func predict(_ x: Double, _ p: [Double]) -> Double { x * p[0] + p[1] }
    public func sensitivities(_ x: Double, _ p: [Double]) -> [Double] { [x, 1] }
}

/// The parameters of a loss written as an expression (`Formula`): named, predicting
/// nothing — there is no data to predict.
public struct FormulaParameters: Model {
    public let parameterNames: [String]
    public init(names: [String]) { parameterNames = names }
    public func predict(_ x: Double, _ p: [Double]) -> Double { 0 }
    public func sensitivities(_ x: Double, _ p: [Double]) -> [Double] { p.map { _ in 0 } }
}
