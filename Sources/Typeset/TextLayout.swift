import Raster

/// Horizontal anchor of a text box, as matplotlib's `ha`.
public enum HorizontalAlignment: Sendable {
    case left, center, right
}

/// Vertical anchor of a text box, as matplotlib's `va`.
public enum VerticalAlignment: Sendable {
    case top, center, baseline, bottom
}

/// A line of text shaped with one font: glyphs and their pen positions, measured before
/// it is drawn so that layout can keep it inside the figure.
public struct TextLayout {
    public let font: Font
    public let text: String
    /// Glyph indices and their pen x positions along the baseline, in pixels.
    let glyphs: [(index: UInt32, x: Double)]
    /// The advance width of the whole line.
    public let width: Double

    public init(_ text: String, font: Font) {
        self.text = text
        self.font = font
        var placed: [(index: UInt32, x: Double)] = []
        var pen = 0.0
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            let index = font.glyphIndex(for: scalar)
            if let previous { pen += font.kerning(previous, index) }
            placed.append((index, pen))
            pen += font.advance(of: index)
            previous = index
        }
        glyphs = placed
        width = pen
    }

    /// Height of the line box (ascent of "l" plus descent of "p").
    public var height: Double { font.lineAscent + font.lineDescent }

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
        case .top: y = font.lineAscent
        case .center: y = (font.lineAscent - font.lineDescent) / 2
        case .baseline: y = 0
        case .bottom: y = -font.lineDescent
        }
        return Point(x, y)
    }

    /// The line box relative to the anchor point (before any rotation).
    public func box(horizontal: HorizontalAlignment, vertical: VerticalAlignment) -> Rect {
        let o = baselineOrigin(horizontal: horizontal, vertical: vertical)
        return Rect(minX: o.x, minY: o.y - font.lineAscent, maxX: o.x + width, maxY: o.y + font.lineDescent)
    }

    /// Coverage of the line with its baseline starting at `origin`; the baseline is put on
    /// a whole pixel row (vertical hinting), the pen keeps quarter-pixel positions.
    public func mask(baselineAt origin: Point) -> CoverageMask? {
        let baseline = Int(origin.y.rounded())
        var pieces: [(x: Int, y: Int, glyph: Font.Glyph)] = []
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        for (index, penX) in glyphs {
            let x = origin.x + penX
            let whole = x.rounded(.down)
            var phase = Int(((x - whole) * Double(Font.subpixelSteps)).rounded())
            var column = Int(whole)
            if phase == Font.subpixelSteps { phase = 0; column += 1 }
            let g = font.glyph(index, phase: phase)
            guard g.width > 0 else { continue }
            let gx = column + g.left, gy = baseline - g.top
            pieces.append((gx, gy, g))
            minX = Swift.min(minX, gx); minY = Swift.min(minY, gy)
            maxX = Swift.max(maxX, gx + g.width); maxY = Swift.max(maxY, gy + g.height)
        }
        guard !pieces.isEmpty else { return nil }
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
        return CoverageMask(bounds: bounds, values: values)
    }
}
