import Raster
import Typeset

/// Draws figures into canvases. Holds the fonts and caches marker stamps, so one renderer
/// serves a whole animation (on one thread: FreeType is not thread-safe).
public final class FigureRenderer {
    public let style: Style
    public let fonts: FontLibrary
    var stamps: [StampKey: MarkerStamp] = [:]
    /// Every frame of an animation asks for the same ticks, several times (`xTicks`).
    var xTickCache: [TickKey: [Double]] = [:]
    /// Backgrounds drawn once and copied after (see `drawBackground`), by what they hold.
    var backgrounds: [(key: BackgroundKey, pixels: [UInt8])] = []
    /// Coverage masks, possibly shared with the renderers of other threads.
    public let masks: MaskCache
    /// Laid-out labels by text and size: a frame's texts are mostly the last frame's. Two
    /// generations: when the newer fills, it becomes the older and the oldest go, so the
    /// texts every frame asks for (ticks, titles, legends) outlive the numbers that change.
    private var layouts: [LayoutKey: TextLayout] = [:]
    private var olderLayouts: [LayoutKey: TextLayout] = [:]
    private static let layoutCacheCount = 512
    /// Titles fitted to a column, by their lines and the column: a title that does not
    /// change between frames is measured once.
    var fittedTitles: [FittedTitleKey: [FittedText]] = [:]

    struct FittedTitleKey: Hashable {
        let lines: [String]
        let lower: Double
        let upper: Double
    }

    private struct LayoutKey: Hashable {
        let text: String
        let size: Double
    }
    struct StampKey: Hashable {
        let shape: MarkerShape
        let size: Double
        let face: Color
        let edge: Color
        let edgeWidth: Double
    }

    /// `masks` may be shared by renderers on several threads (each with its own fonts).
    public init(style: Style, fonts: FontLibrary, masks: MaskCache = MaskCache()) {
        self.style = style
        self.fonts = fonts
        self.masks = masks
    }

    func cached(_ key: MaskCache.Key, _ make: () throws -> (CoverageMask, Double)?) rethrows -> (mask: AlphaMask, opacity: Double)? {
        try masks.mask(key, make)
    }

    /// `string` laid out at `sizePixels`, math spans set as math.
    func layout(_ string: String, sizePixels: Double) throws -> TextLayout {
        let key = LayoutKey(text: string, size: sizePixels)
        if let known = layouts[key] { return known }
        if layouts.count >= FigureRenderer.layoutCacheCount {
            olderLayouts = layouts
            layouts.removeAll(keepingCapacity: true)
        }
        if let older = olderLayouts[key] {
            layouts[key] = older
            return older
        }
        let made = try TextLayout.label(string, library: fonts, sizePixels: sizePixels)
        layouts[key] = made
        return made
    }

    /// Draws `string` at `sizePixels`, anchored as matplotlib anchors text; returns the box
    /// of its ink (for the layout export) — all of it, also where it leaves the canvas — nil
    /// when it has none.
    @discardableResult
    func text(_ string: String, sizePixels: Double, at anchor: Point, horizontal: HorizontalAlignment,
              vertical: VerticalAlignment, rotation: TextRotation = .none, color: Color, halo: Bool = false,
              on canvas: inout Canvas) throws -> PixelRect? {
        let key = MaskCache.Key.text(string, size: sizePixels, anchor: anchor, horizontal, vertical, rotation)
        let found = try cached(key) {
            let layout = try self.layout(string, sizePixels: sizePixels)
            return TextRenderer.mask(of: layout, at: anchor, horizontal: horizontal, vertical: vertical,
                                     rotation: rotation).map { ($0, 1) }
        }
        guard let found else { return nil }
        // On a transparent page every text has its halo: it is all the text can count on.
        if halo || style.transparentPage {
            let radius = haloRadius
            let gain = keepsContrast ? 2 : 1
            // Where the theme keeps contrast, no hole is left between glyphs set apart.
            let bridging = keepsContrast ? 2 * radius + 2 : 0
            if let ring = masks.derived(.halo(key, radius: radius, gain: gain), {
                found.mask.dilated(radius: radius, gain: gain, bridging: bridging)
            }) {
                canvas.composite(ring, color: style.theme.halo)
            }
        }
        canvas.composite(found.mask, color: color, opacity: found.opacity)
        // The whole ink, not clipped to the canvas: a text that leaves the figure must show it.
        return found.mask.bounds.isEmpty ? nil : found.mask.bounds
    }

    /// The halo's reach round a text's glyphs: matplotlib's `withStroke(linewidth=3)`,
    /// half of 3 pt on each side; a pixel more where the theme keeps contrast, so that the
    /// halo's anti-aliased edge stays clear of the glyphs' on a colour map (and its levels
    /// doubled: solid wherever a glyph pixel half covered is within reach).
    var haloRadius: Int { Swift.max(1, Int(style.px(1.5).rounded())) + (keepsContrast ? 1 : 0) }

    /// Halos are made to keep contrast in a theme that does, and on a transparent page.
    private var keepsContrast: Bool { style.theme.accessible || style.transparentPage }

    func stroke(_ polylines: [[Point]], style stroke: StrokeStyle, color: Color, clip: Rect, closed: Bool = false,
                on canvas: inout Canvas) {
        guard let region = clip.intersection(canvas.bounds) else { return }
        let key = MaskCache.Key.stroke(polylines, width: stroke.width, stroke.cap, stroke.join,
                                 dash: (stroke.dash?.lengths ?? []) + [stroke.dash?.offset ?? 0], clip: region, closed: closed)
        let found = cached(key) { Canvas.strokeCoverage(polylines, style: stroke, clip: region, closed: closed) }
        if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
    }

    func fillRoundedRectangle(_ rect: Rect, radius: Double, color: Color, on canvas: inout Canvas) {
        let found = cached(.roundedRectangle(rect, radius: radius)) {
            Coverage.mask(of: .roundedRectangle(rect, radius: radius), clip: canvas.bounds).map { ($0, 1) }
        }
        if let found { canvas.composite(found.mask, color: color, opacity: found.opacity) }
    }

    public func render(_ figure: Figure) throws -> Canvas {
        var canvas = Canvas(width: figure.widthPixels, height: figure.heightPixels, background: style.page)
        try draw(figure, on: &canvas)
        return canvas
    }

    /// Draws `figure` into `canvas` from a clean page, reusing its memory (the canvas must
    /// have the figure's size).
    public func render(_ figure: Figure, into canvas: inout Canvas) throws {
        precondition(canvas.width == figure.widthPixels && canvas.height == figure.heightPixels, "canvas size")
        canvas.clear(to: style.page)
        try draw(figure, on: &canvas)
    }

    /// Draws `figure` as `render(_:into:)` does and returns what it drew: the layout export
    /// of one frame.
    public func renderRecording(_ figure: Figure, into canvas: inout Canvas) throws -> [DrawnElement] {
        let was = recording
        recording = true
        defer { recording = was }
        try render(figure, into: &canvas)
        return drawn
    }

    public func draw(_ figure: Figure, on canvas: inout Canvas) throws {
        if recording { drawn = [] }
        let columns = FigureRenderer.columns(figure.axes.map(\.frame), widthPixels: Double(figure.widthPixels))
        for (axes, column) in zip(figure.axes, columns) {
            try draw(axes, column: column, on: &canvas)
        }
    }

    // MARK: Recording what is drawn

    /// When set, every render lists what it drew in `drawn`: the layout export.
    public var recording = false
    /// What the last render drew, when `recording`.
    public private(set) var drawn: [DrawnElement] = []

    func record(_ kind: DrawnElement.Kind, _ role: Role, text: String? = nil, size: Double? = nil, box: PixelRect?,
                color: Color? = nil, axes: Axes, shape: MarkerShape? = nil, edge: Color? = nil, casing: Theme.Casing? = nil) {
        guard recording, let box, !box.isEmpty else { return }
        var element = DrawnElement(kind: kind, role: role, text: text, box: box, color: color, axes: axes.name)
        element.size = size
        element.shape = shape?.code
        element.edge = edge
        element.casing = casing.map { [$0.inner, $0.outer] } ?? []
        drawn.append(element)
    }

    /// A line with a role: its pieces, clipped to the axes frame.
    func record(line pieces: [[Point]], role: Role, width: Double, color: Color, casing: Theme.Casing?, dash: LineDash,
                axes: Axes) {
        let inside = pieces.flatMap { LineClipper.clip($0, to: axes.frame) }
        let points = inside.flatMap { $0 }
        guard recording, !points.isEmpty else { return }
        let box = Rect(minX: points.map(\.x).min()!, minY: points.map(\.y).min()!,
                       maxX: points.map(\.x).max()!, maxY: points.map(\.y).max()!)
        var element = DrawnElement(kind: .line, role: role, text: nil, box: PixelRect(covering: box.insetBy(-width / 2)),
                                   color: color, axes: axes.name)
        element.casing = casing.map { [$0.inner, $0.outer] } ?? []
        element.points = inside
        element.width = width + 2 * (casing?.reach ?? 0)
        element.dash = dash.code
        drawn.append(element)
    }

    // MARK: Measuring text

    /// Text broken at spaces to fit `maxWidth`, set smaller (down to `floor` of its size, and
    /// never below `Style.smallestTextSize`) while it still takes more than `maxLines` lines
    /// or a word is wider than `maxWidth`; at that size it takes as many lines as it needs.
    public func fit(_ text: String, maxWidth: Double, sizePixels: Double, floor: Double = 0.7,
                    maxLines: Int = 2) throws -> FittedText {
        if try layout(text, sizePixels: sizePixels).width <= maxWidth { return FittedText(lines: [text], sizePixels: sizePixels) }
        var size = sizePixels
        // Never below the smallest text size: there it takes more lines instead.
        let least = Swift.min(sizePixels, Swift.max(sizePixels * floor, style.smallestTextSize))
        if maxLines == 1 {
            // One line: it fits when all its words side by side fit (a word's advance only adds
            // to a line's), so only that line is measured at each size, and the text is broken
            // into lines once, at the size found — as breaking it at every size would find.
            let whole = TextWrap.words(text).joined(separator: " ")
            while try layout(whole, sizePixels: size).width > maxWidth && size > least + 1e-9 {
                size = Swift.max(least, size * 0.92)
            }
            return FittedText(lines: try TextWrap.lines(text, maxWidth: maxWidth) { try layout($0, sizePixels: size).width },
                              sizePixels: size)
        }
        while true {
            let lines = try TextWrap.lines(text, maxWidth: maxWidth) { try layout($0, sizePixels: size).width }
            let widest = try lines.map { try layout($0, sizePixels: size).width }.max() ?? 0
            if (lines.count <= maxLines && widest <= maxWidth) || size <= least + 1e-9 {
                return FittedText(lines: lines, sizePixels: size)
            }
            size = Swift.max(least, size * 0.92)
        }
    }

    /// The advance width of `text` at `fontSizePixels`.
    public func textWidth(_ text: String, fontSizePixels: Double) throws -> Double {
        try layout(text, sizePixels: fontSizePixels).width
    }

    /// The height of `text`'s line box at `fontSizePixels`.
    public func textHeight(_ text: String, fontSizePixels: Double) throws -> Double {
        try layout(text, sizePixels: fontSizePixels).height
    }
}
