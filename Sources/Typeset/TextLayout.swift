import Raster

/// Horizontal anchor of a text box, as matplotlib's `ha`.
public enum HorizontalAlignment: Sendable {
    case left, center, right
}

/// Vertical anchor of a text box, as matplotlib's `va`.
public enum VerticalAlignment: Sendable {
    case top, center, baseline, bottom
}

/// A line of text — plain, or with `$…$` math spans — shaped and measured before it is
/// drawn, so that layout can keep it inside the figure.
public struct TextLayout {
    /// The font of the plain text, whose line box (ascent of "l", descent of "p") every
    /// label has at least.
    public let font: Font
    public let text: String
    let glyphs: [PlacedGlyph]
    let rules: [Rect]
    let strokes: [(points: [Point], width: Double)]
    /// The advance width of the whole line.
    public let width: Double
    /// How far the line reaches above and below its baseline.
    public let ascent: Double
    public let descent: Double
    /// Characters no font had (drawn as the primary font's empty box).
    public let missing: [Unicode.Scalar]

    /// Plain text in one font, kerned.
    public init(_ text: String, font: Font) {
        let run = TextLayout.run(text, font: font, from: 0)
        self.init(text: text, font: font, glyphs: run.glyphs, width: run.end, missing: run.missing)
    }

    private init(text: String, font: Font, glyphs: [PlacedGlyph], rules: [Rect] = [],
                 strokes: [(points: [Point], width: Double)] = [], width: Double,
                 ascent: Double = 0, descent: Double = 0, missing: [Unicode.Scalar] = []) {
        self.text = text
        self.font = font
        self.glyphs = glyphs
        self.rules = rules
        self.strokes = strokes
        self.width = width
        self.missing = missing
        // Glyphs from fallback fonts (CJK, say) may stand taller than DejaVu's "l".
        let others = glyphs.filter(\.fallback).map(\.font)
        self.ascent = others.reduce(Swift.max(font.lineAscent, ascent)) { Swift.max($0, $1.fallbackAscent) }
        self.descent = others.reduce(Swift.max(font.lineDescent, descent)) { Swift.max($0, $1.fallbackDescent) }
    }

    /// The line shaped as the page shows it: split into bidirectional runs (FriBidi), each
    /// into pieces of one font — `font`, or the library's fallback for characters it lacks — and each
    /// piece shaped by HarfBuzz (kerning, ligatures, marks, Arabic joining).
    static func run(_ text: String, font: Font, from start: Double, library: FontLibrary? = nil)
        -> (glyphs: [PlacedGlyph], end: Double, missing: [Unicode.Scalar]) {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return ([], start, []) }
        var fonts: [Font] = []
        var missing: [Unicode.Scalar] = []
        for scalar in scalars {
            let has = font.glyphIndex(for: scalar) != 0 || scalar.properties.isWhitespace || scalar.value < 0x20
            let chosen = has ? font : library?.font(for: scalar, primary: font)
            if chosen == nil { missing.append(scalar) }
            fonts.append(chosen ?? font)
        }
        var placed: [PlacedGlyph] = []
        var pen = start
        for (range, level) in Bidi.visualRuns(Bidi.levels(scalars)) {
            let rightToLeft = level % 2 == 1
            var pieces: [Range<Int>] = []
            var pieceStart = range.lowerBound
            for i in range.dropFirst() where fonts[i] !== fonts[pieceStart] {
                pieces.append(pieceStart..<i)
                pieceStart = i
            }
            pieces.append(pieceStart..<range.upperBound)
            if rightToLeft { pieces.reverse() }
            for piece in pieces {
                let f = fonts[piece.lowerBound]
                for glyph in f.shape(Array(scalars[piece]), rightToLeft: rightToLeft) {
                    placed.append(PlacedGlyph(font: f, index: glyph.index, x: pen + glyph.dx, y: glyph.dy, fallback: f !== font))
                    pen += glyph.advance
                }
            }
        }
        return (placed, pen, missing)
    }

    /// A label: text in DejaVu Sans at `sizePixels`, `$…$` spans set as math. Labels
    /// without a `$` are plain text.
    public static func label(_ text: String, library: FontLibrary, sizePixels: Double) throws -> TextLayout {
        let font = try library.font(.regular, sizePixels: sizePixels)
        guard text.contains("$") else {
            let run = TextLayout.run(text, font: font, from: 0, library: library)
            return TextLayout(text: text, font: font, glyphs: run.glyphs, width: run.end, missing: run.missing)
        }
        var glyphs: [PlacedGlyph] = []
        var missing: [Unicode.Scalar] = []
        var math = MathBox()
        var pen = 0.0
        let typesetter = MathTypesetter(library: library, size: sizePixels)
        for segment in try LabelParser.parse(text) {
            switch segment {
            case .text(let plain):
                let run = TextLayout.run(plain, font: font, from: pen, library: library)
                glyphs += run.glyphs
                missing += run.missing
                pen = run.end
            case .math(let node):
                let box = try typesetter.layout(node)
                math.place(box, dx: pen, dy: 0)
                missing += box.missing
                pen += box.width
            }
        }
        return TextLayout(text: text, font: font, glyphs: glyphs + math.glyphs, rules: math.rules,
                          strokes: math.strokes, width: pen, ascent: math.ascent, descent: math.descent,
                          missing: missing)
    }

    /// Checks a label's math without drawing it: the error names the label and the column.
    public static func check(_ text: String) throws {
        _ = try LabelParser.parse(text)
    }

    /// Height of the line box.
    public var height: Double { ascent + descent }

    /// The offset from the anchor point to the baseline's start for an alignment.
    public func baselineOrigin(horizontal: HorizontalAlignment, vertical: VerticalAlignment) -> Point {
        let x: Double
        switch horizontal {
        case .left: x = 0
        case .center: x = -width / 2
        case .right: x = -width
        }
        let y: Double
        switch vertical {
        case .top: y = ascent
        case .center: y = (ascent - descent) / 2
        case .baseline: y = 0
        case .bottom: y = -descent
        }
        return Point(x, y)
    }

    /// The line box relative to the anchor point (before any rotation).
    public func box(horizontal: HorizontalAlignment, vertical: VerticalAlignment) -> Rect {
        let o = baselineOrigin(horizontal: horizontal, vertical: vertical)
        return Rect(minX: o.x, minY: o.y - ascent, maxX: o.x + width, maxY: o.y + descent)
    }

    /// Coverage of the line with its baseline starting at `origin`; the baseline is put on
    /// a whole pixel row (vertical hinting), the pen keeps quarter-pixel positions.
    public func mask(baselineAt origin: Point) -> CoverageMask? {
        var pieces: [(x: Int, y: Int, glyph: Font.Glyph)] = []
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        for placed in glyphs {
            let x = origin.x + placed.x
            let whole = x.rounded(.down)
            var phase = Int(((x - whole) * Double(Font.subpixelSteps)).rounded())
            var column = Int(whole)
            if phase == Font.subpixelSteps { phase = 0; column += 1 }
            let g = placed.font.glyph(placed.index, phase: phase)
            guard g.width > 0 else { continue }
            let baseline = Int((origin.y + placed.y).rounded())
            let gx = column + g.left, gy = baseline - g.top
            pieces.append((gx, gy, g))
            minX = Swift.min(minX, gx); minY = Swift.min(minY, gy)
            maxX = Swift.max(maxX, gx + g.width); maxY = Swift.max(maxY, gy + g.height)
        }
        // Rules and strokes (fraction bars, radicals, tall delimiters) in the same mask.
        var shapes = Path()
        for rule in rules { shapes.append(.rectangle(rule.offsetBy(dx: origin.x, dy: origin.y))) }
        for stroke in strokes {
            if let style = StrokeStyle(width: stroke.width, cap: .butt, join: .miter) {
                shapes.append(Stroker.outline(of: stroke.points.map { $0 + origin }, style: style))
            }
        }
        let drawn = shapes.bounds.flatMap { Coverage.mask(of: shapes, clip: $0.insetBy(-1)) }
        if let drawn {
            minX = Swift.min(minX, drawn.bounds.x); minY = Swift.min(minY, drawn.bounds.y)
            maxX = Swift.max(maxX, drawn.bounds.maxX); maxY = Swift.max(maxY, drawn.bounds.maxY)
        }
        guard minX < maxX, minY < maxY else { return nil }
        let bounds = PixelRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
        var values = [Float](repeating: 0, count: bounds.width * bounds.height)
        for (gx, gy, g) in pieces {
            for row in 0..<g.height {
                let target = (gy - minY + row) * bounds.width + (gx - minX)
                for column in 0..<g.width {
                    let v = values[target + column] + g.coverage[row * g.width + column]
                    values[target + column] = Swift.min(1, v)
                }
            }
        }
        if let drawn {
            for y in drawn.bounds.y..<drawn.bounds.maxY {
                for x in drawn.bounds.x..<drawn.bounds.maxX {
                    let i = (y - minY) * bounds.width + (x - minX)
                    values[i] = Swift.min(1, values[i] + drawn[x, y])
                }
            }
        }
        return CoverageMask(bounds: bounds, values: values)
    }
}
