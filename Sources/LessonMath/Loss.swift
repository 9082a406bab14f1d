/// A loss on one point's residual r = prediction − target; the lesson's loss is its sum
/// over the points (the notebook sums, it does not average).
public protocol Loss: Sendable {
    func value(residual r: Double) -> Double
    /// d value / d r.
    func slope(residual r: Double) -> Double
}

/// r², the notebook's loss.
public struct SquaredError: Loss {
    public init() {}
    public func value(residual r: Double) -> Double { r * r }
    public func slope(residual r: Double) -> Double { 2 * r }
}
