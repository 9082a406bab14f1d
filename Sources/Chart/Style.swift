import Raster

/// matplotlib's default look, the one the course's audience knows, at a given resolution, in
/// a theme's colours.
/// Lengths are given in points and converted with the figure's dpi (100 × scale).
public struct Style: Sendable {
    public let dpi: Double
    /// Every colour the figure is drawn in.
    public let theme: Theme

    /// The page left transparent (for slides of any colour): every text then stands on a
    /// halo of the theme's page colour, which keeps its contrast whatever lies beneath.
    public let transparentPage: Bool

    public init(scale: Double = 1, theme: Theme = .light, transparentPage: Bool = false) {
        dpi = 100 * scale
        self.theme = theme
        self.transparentPage = transparentPage
    }

    /// What a frame starts from: the theme's page, or nothing (its colour at alpha 0).
    public var page: Color { transparentPage ? theme.background.withAlpha(0) : theme.background }

    /// Points to pixels.
    public func px(_ points: Double) -> Double { points * dpi / 72 }

    /// Casings in pixels: the theme's rings round marks on a colour map, and a ring of the
    /// page's colour round markers elsewhere (none in a theme that does not keep contrast).
    public var mapCasing: Theme.Casing? {
        theme.mapCasing.map { Theme.Casing(inner: $0.inner, outer: $0.outer, width: px($0.width)) }
    }

    public var markerHalo: Theme.Casing? {
        theme.accessible ? Theme.Casing(inner: theme.halo, outer: theme.halo, width: px(0.35)) : nil
    }

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
    /// The smallest text a projector at the back of a classroom shows: 8 pt (11.1 px at the
    /// notebook's 100 dpi). Nothing shrinks below it — not a value making room, a title in a
    /// narrow column nor a legend; what does not fit at this size wraps, moves or is dropped.
    public var smallestTextSize: Double { px(8) }
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
