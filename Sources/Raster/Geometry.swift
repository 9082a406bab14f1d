/// A point in pixel space: x grows to the right, y grows downwards, and pixel (i, j)
/// covers the unit square [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5).
public struct Point: Equatable, Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    public var length: Double { (x * x + y * y).squareRoot() }

    public func dot(_ other: Point) -> Double { x * other.x + y * other.y }
    public func cross(_ other: Point) -> Double { x * other.y - y * other.x }
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An axis-aligned rectangle in pixel space.
///
/// Guarantees: `minX <= maxX` and `minY <= maxY` (the initialiser orders its corners).
public struct Rect: Equatable, Hashable, Sendable {
    public private(set) var minX: Double
    public private(set) var minY: Double
    public private(set) var maxX: Double
    public private(set) var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = Swift.min(minX, maxX)
        self.maxX = Swift.max(minX, maxX)
        self.minY = Swift.min(minY, maxY)
        self.maxY = Swift.max(minY, maxY)
    }

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.init(minX: x, minY: y, maxX: x + width, maxY: y + height)
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Point { Point((minX + maxX) / 2, (minY + maxY) / 2) }
    public var area: Double { width * height }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    public func intersection(_ other: Rect) -> Rect? {
        let r = Rect(minX: Swift.max(minX, other.minX), minY: Swift.max(minY, other.minY),
                     maxX: Swift.min(maxX, other.maxX), maxY: Swift.min(maxY, other.maxY))
        guard Swift.max(minX, other.minX) < Swift.min(maxX, other.maxX),
              Swift.max(minY, other.minY) < Swift.min(maxY, other.maxY) else { return nil }
        return r
    }

    public func insetBy(_ d: Double) -> Rect {
        Rect(minX: minX + d, minY: minY + d, maxX: maxX - d, maxY: maxY - d)
    }

    public func offsetBy(dx: Double, dy: Double) -> Rect {
        Rect(minX: minX + dx, minY: minY + dy, maxX: maxX + dx, maxY: maxY + dy)
    }

}

/// A rectangle of whole pixels: columns `x ..< x + width`, rows `y ..< y + height`.
public struct PixelRect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
    }

    /// The smallest pixel rectangle that holds `rect`.
    public init(covering rect: Rect) {
        let x0 = Int(rect.minX.rounded(.down)), y0 = Int(rect.minY.rounded(.down))
        let x1 = Int(rect.maxX.rounded(.up)), y1 = Int(rect.maxY.rounded(.up))
        self.init(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func intersection(_ other: PixelRect) -> PixelRect {
        let x0 = Swift.max(x, other.x), y0 = Swift.max(y, other.y)
        let x1 = Swift.min(maxX, other.maxX), y1 = Swift.min(maxY, other.maxY)
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
