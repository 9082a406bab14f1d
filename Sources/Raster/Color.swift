/// A straight (not premultiplied) 8-bit sRGB colour with alpha.
public struct Color: Equatable, Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// `0xRRGGBB`, opaque.
    public init(rgb: UInt32) {
        self.init(r: UInt8((rgb >> 16) & 0xFF), g: UInt8((rgb >> 8) & 0xFF), b: UInt8(rgb & 0xFF))
    }

    /// The same colour with its alpha multiplied by `factor` (clamped to 0...1).
    public func withAlpha(_ factor: Double) -> Color {
        let f = Swift.min(1, Swift.max(0, factor))
        return Color(r: r, g: g, b: b, a: UInt8((Double(a) * f).rounded()))
    }

    public static let white = Color(rgb: 0xFFFFFF)
    public static let black = Color(rgb: 0x000000)
    public static let clear = Color(r: 0, g: 0, b: 0, a: 0)
}
