import Raster

/// The colours a figure is drawn in, as a matplotlib style sheet gives them: the page, the
/// ink of texts and spines, the colour cycle's positions the notebook names (C0 … C3, C7),
/// a race's runs, and how marks keep their contrast. Every colour of every theme is in the
/// table at the end of this file; panels name roles, never colours.
public struct Theme: Sendable, Hashable {
    public enum Name: String, CaseIterable, Sendable {
        /// The notebook's look and hues, meeting WCAG 2.1 AA: the default.
        case light
        /// The same on a dark page, for dark course sites.
        case dark
        /// The seed's exact colours (matplotlib's tab10 on white); orange text is 2.5:1, so
        /// it does not meet WCAG 1.4.3.
        case notebook
    }

    /// Two rings round a mark, inside out, each `width` points wide: on a colour map one
    /// ring dark and one light, so that one of them contrasts with any colour beneath.
    public struct Casing: Sendable, Hashable {
        public var inner: Color
        public var outer: Color
        public var width: Double

        public init(inner: Color, outer: Color, width: Double) {
            self.inner = inner
            self.outer = outer
            self.width = width
        }

        /// What to draw beneath a mark, in order: each ring's colour and how much wider
        /// than the mark it is, all told (outer first, so the inner ring lies on it).
        public var layers: [(color: Color, grow: Double)] {
            [(outer, 4 * width), (inner, 2 * width)]
        }

        /// How far the casing reaches beyond the mark on each side.
        public var reach: Double { 2 * width }
    }

    public let name: Name
    public let background: Color
    /// Texts, spines, ticks, guides.
    public let foreground: Color
    /// Under texts that cross lines (matplotlib's `withStroke`), and round markers.
    public let halo: Color
    public let legendFace: Color
    public let legendEdge: Color
    /// matplotlib's C0, C1, C2, C3 and C7: the notebook's loss and data, weight and
    /// prediction, slope, update, and a step not taken.
    public let c0: Color, c1: Color, c2: Color, c3: Color, c7: Color
    /// A race's runs: each a colour, a marker and a dash of its own (cycled past the end).
    public let runs: [Color]
    public let runMarkers: [MarkerShape]
    public let runDashes: [LineDash]
    /// Whether marks keep WCAG's ratios: full-strength colours instead of faded ones,
    /// markers ringed in the page's colour, the new weight hollow where the current one is
    /// filled, and `mapCasing` round marks on a colour map.
    public let accessible: Bool
    /// Round every mark drawn on a colour map (the landscape's path, points and arrows).
    public let mapCasing: Casing?

    /// A colour at `alpha` where the theme fades it (the notebook's), at full strength in a
    /// theme that keeps contrast.
    public func faded(_ color: Color, _ alpha: Double) -> Color {
        accessible ? color : color.withAlpha(alpha)
    }

    public func run(_ k: Int) -> Color { runs[k % runs.count] }
    public func runMarker(_ k: Int) -> MarkerShape { runMarkers[k % runMarkers.count] }
    public func runDash(_ k: Int) -> LineDash { runDashes[k % runDashes.count] }

    public static func named(_ name: Name) -> Theme {
        switch name {
        case .light: return .light
        case .dark: return .dark
        case .notebook: return .notebook
        }
    }

    // The table.

    /// matplotlib's default look, as the notebook drew it.
    public static let notebook = Theme(
        name: .notebook, background: .white, foreground: .black, halo: .white,
        legendFace: .white, legendEdge: Color(rgb: 0xCCCCCC),
        c0: Color(rgb: 0x1F77B4), c1: Color(rgb: 0xFF7F0E), c2: Color(rgb: 0x2CA02C), c3: Color(rgb: 0xD62728),
        c7: Color(rgb: 0x7F7F7F),
        // tab10 without its blue (the data's) and grey.
        runs: [0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0xBCBD22, 0x17BECF].map { Color(rgb: $0) },
        runMarkers: [.circle], runDashes: [.solid], accessible: false, mapCasing: nil)

    /// The notebook's hues darkened until each reaches 5.3:1 on white, so that a text keeps
    /// 4.5:1 on the anti-aliased edge of its halo too; runs from Okabe–Ito's vermillion, blue and
    /// black, with three more chosen so that every pair stays 17 CIEDE2000 apart under
    /// deuteranopia, protanopia and tritanopia, each at least 3.8:1 on white.
    public static let light = Theme(
        name: .light, background: .white, foreground: .black, halo: .white,
        legendFace: .white, legendEdge: Color(rgb: 0xCCCCCC),
        c0: Color(rgb: 0x1D70AA), c1: Color(rgb: 0xA85409), c2: Color(rgb: 0x227B22), c3: Color(rgb: 0xCF2627),
        c7: Color(rgb: 0x6B6B6B),
        runs: [0xD55E00, 0x0072B2, 0x000000, 0x324903, 0x8D3656, 0x4B027B].map { Color(rgb: $0) },
        runMarkers: [.circle, .square, .triangle, .diamond, .triangleDown, .pentagon],
        runDashes: [.solid, .dashed, .dashDot, .dotted],
        accessible: true, mapCasing: Casing(inner: .black, outer: .white, width: 0.8))

    /// The same roles lightened on #1b1b1b: every text colour at least 5.5:1 on the page
    /// (and on the legend's #262626), runs from Okabe–Ito's orange and sky blue and white,
    /// with three more, every pair at least 15.5 CIEDE2000 apart under each simulation, each
/// at least 3.5:1 on the page.
    public static let dark = Theme(
        name: .dark, background: Color(rgb: 0x1B1B1B), foreground: Color(rgb: 0xE6E6E6), halo: Color(rgb: 0x1B1B1B),
        legendFace: Color(rgb: 0x262626), legendEdge: Color(rgb: 0x555555),
        c0: Color(rgb: 0x5FA8DC), c1: Color(rgb: 0xFF9E4A), c2: Color(rgb: 0x4CC24C), c3: Color(rgb: 0xFF6F6F),
        c7: Color(rgb: 0xA0A0A0),
        runs: [0xE69F00, 0x56B4E9, 0xFFFFFF, 0xD60B97, 0x1F8C69, 0xAEED98].map { Color(rgb: $0) },
        runMarkers: [.circle, .square, .triangle, .diamond, .triangleDown, .pentagon],
        runDashes: [.solid, .dashed, .dashDot, .dotted],
        accessible: true, mapCasing: Casing(inner: .black, outer: .white, width: 0.8))
}
