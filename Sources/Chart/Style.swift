import Raster

/// matplotlib's default look, the one the course's audience knows, at a given resolution.
/// Lengths are given in points and converted with the figure's dpi (100 × scale).
public struct Style: Sendable {
    public let dpi: Double

    public init(scale: Double = 1) {
        dpi = 100 * scale
    }

    /// Points to pixels.
    public func px(_ points: Double) -> Double { points * dpi / 72 }

    // The default colour cycle.
    public static let c0 = Color(rgb: 0x1F77B4)
    public static let c1 = Color(rgb: 0xFF7F0E)
    public static let c2 = Color(rgb: 0x2CA02C)
    public static let c3 = Color(rgb: 0xD62728)
    /// The rest of matplotlib's tab10 cycle, and all ten in order.
    public static let c4 = Color(rgb: 0x9467BD)
    public static let c5 = Color(rgb: 0x8C564B)
    public static let c6 = Color(rgb: 0xE377C2)
    public static let c7 = Color(rgb: 0x7F7F7F)
    public static let c8 = Color(rgb: 0xBCBD22)
    public static let c9 = Color(rgb: 0x17BECF)
    public static let cycle = [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9]
    public static let text = Color.black
    public static let legendEdge = Color(rgb: 0xCCCCCC)

    public var lineWidth: Double { px(1.5) }
    public var markerSize: Double { px(6) }
    public var markerEdgeWidth: Double { px(1) }
    public var spineWidth: Double { px(0.8) }
    public var tickLength: Double { px(3.5) }
    public var tickWidth: Double { px(0.8) }
    public var tickPad: Double { px(3.5) }
    public var labelPad: Double { px(4) }
    public var titlePad: Double { px(6) }
    public var fontSize: Double { px(10) }
    public var annotationFontSize: Double { px(12) }
    public var titleFontSize: Double { px(12) }
    /// tight_layout's padding round the figure, in font sizes.
    public var figurePad: Double { 1.08 * fontSize }

    // Legend metrics, in font sizes (matplotlib's rcParams).
    public var legendBorderPad: Double { 0.4 * fontSize }
    public var legendLabelSpacing: Double { 0.5 * fontSize }
    public var legendHandleLength: Double { 2.0 * fontSize }
    public var legendHandleTextPad: Double { 0.8 * fontSize }
    public var legendBorderAxesPad: Double { 0.5 * fontSize }
    public var legendCornerRadius: Double { 0.2 * fontSize }
    public var legendFrameAlpha: Double { 0.8 }
    public var legendFrameWidth: Double { px(1) }
}
