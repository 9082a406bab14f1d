import Raster

/// Inclusive data limits along one axis.
///
/// Guarantees: both ends finite and `lower < upper`.
public struct AxisLimits: Equatable, Sendable {
    public let lower: Double
    public let upper: Double

    public init?(_ lower: Double, _ upper: Double) {
        guard lower.isFinite, upper.isFinite, lower < upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    /// Limits that hold `lower...upper` with matplotlib's 5 % data margin on each side.
    public static func padded(_ lower: Double, _ upper: Double, margin: Double = 0.05) -> AxisLimits? {
        let span = upper - lower
        return AxisLimits(lower - span * margin, upper + span * margin)
    }

    public var span: Double { upper - lower }
}

/// Maps data coordinates into an axes' pixel frame (y up in data, down on screen).
public struct DataTransform: Sendable {
    public let frame: Rect
    public let x: AxisLimits
    public let y: AxisLimits

    public init(frame: Rect, x: AxisLimits, y: AxisLimits) {
        self.frame = frame
        self.x = x
        self.y = y
    }

    public func pixelX(_ v: Double) -> Double {
        frame.minX + (v - x.lower) / x.span * frame.width
    }

    public func pixelY(_ v: Double) -> Double {
        frame.maxY - (v - y.lower) / y.span * frame.height
    }

    public func pixel(_ dx: Double, _ dy: Double) -> Point { Point(pixelX(dx), pixelY(dy)) }

    public func dataX(_ px: Double) -> Double { x.lower + (px - frame.minX) / frame.width * x.span }
    public func dataY(_ py: Double) -> Double { y.upper - (py - frame.minY) / frame.height * y.span }
}
