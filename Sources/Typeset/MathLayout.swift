import Foundation
import Raster

/// A glyph placed relative to a baseline origin (y grows downwards).
struct PlacedGlyph {
    let font: Font
    let index: UInt32
    let x: Double
    let y: Double
    /// From a font standing in for a character the primary font lacks.
    var fallback = false
}

/// Laid-out math: ink relative to its baseline origin, and its extent.
struct MathBox {
    var width = 0.0
    var ascent = 0.0
    var descent = 0.0
    var glyphs: [PlacedGlyph] = []
    /// Filled rectangles (fraction bars).
    var rules: [Rect] = []
    /// Stroked polylines (radicals, tall delimiters) and their widths.
    var strokes: [(points: [Point], width: Double)] = []
    /// Characters no font had.
    var missing: [Unicode.Scalar] = []

    /// Appends `other` with its origin at (dx, dy) from this box's origin.
    mutating func place(_ other: MathBox, dx: Double, dy: Double) {
        glyphs += other.glyphs.map { PlacedGlyph(font: $0.font, index: $0.index, x: $0.x + dx, y: $0.y + dy, fallback: $0.fallback) }
        rules += other.rules.map { $0.offsetBy(dx: dx, dy: dy) }
        strokes += other.strokes.map { (points: $0.points.map { $0 + Point(dx, dy) }, width: $0.width) }
        missing += other.missing
        ascent = Swift.max(ascent, other.ascent - dy)
        descent = Swift.max(descent, other.descent + dy)
    }
}

/// Sets math the way TeX does, in a small way: atoms in sequence with TeX's spacing
/// between classes (binary operators 4 mu, relations 5 mu, punctuation 3 mu, none of it
/// in scripts), scripts shrunk by 0.7 per level and shifted by fractions of the x-height,
/// fraction bars on the math axis with 2t gaps, radicals and growing delimiters drawn.
struct MathTypesetter {
    let library: FontLibrary
    let size: Double

    /// Script sizes shrink by 0.7 per level, down to two levels.
    func sizePixels(_ level: Int) -> Double { size * [1, 0.7, 0.49][Swift.min(level, 2)] }

    func font(_ face: MathFace, _ level: Int) throws -> Font {
        try library.font(face == .italic ? .oblique : face == .bold ? .bold : .regular, sizePixels: sizePixels(level))
    }

    /// The rule thickness t at a level: fraction bars and radical strokes.
    func rule(_ level: Int) -> Double { Swift.max(1, 0.06 * sizePixels(level)) }

    func layout(_ node: MathNode, level: Int = 0) throws -> MathBox {
        switch node {
        case .symbol(let text, _, let face):
            return try symbol(text, face: face, level: level)
        case .group(let list):
            return try sequence(list, level: level)
        case .space(let mu):
            var box = MathBox()
            box.width = mu * sizePixels(level) / 18
            return box
        case .scripts(let base, let sub, let sup):
            return try scripts(try layout(base, level: level), sub: sub, sup: sup, level: level)
        case .fraction(let numerator, let denominator, let display):
            return try fraction(numerator, denominator, level: level, partsLevel: display ? level : level + 1)
        case .root(let content):
            return try root(try layout(content, level: level), level: level)
        case .largeOperator(let symbol, let sub, let sup):
            return try largeOperator(symbol, sub: sub, sup: sup, level: level)
        case .delimited(let open, let content, let close):
            return try delimited(open, try layout(content, level: level), close, level: level)
        case .accent(let base, let accent):
            return try accented(try layout(base, level: level), accent, level: level)
        case .matrix(let rows):
            return try matrix(rows, level: level)
        }
    }

    private func symbol(_ text: String, face: MathFace, level: Int) throws -> MathBox {
        let primary = try font(face, level)
        var box = MathBox()
        if text.unicodeScalars.count > 1 {
            // Words (\text, operator names) are shaped and ordered as plain text is.
            let run = TextLayout.run(text, font: primary, from: 0, library: library)
            box.glyphs = run.glyphs
            box.width = run.end
            box.missing = run.missing
            for glyph in run.glyphs {
                let ink = glyph.font.ink(of: glyph.index)
                box.ascent = Swift.max(box.ascent, ink.above - glyph.y)
                box.descent = Swift.max(box.descent, ink.below + glyph.y)
            }
            return box
        }
        for scalar in text.unicodeScalars {
            let chosen = library.font(for: scalar, primary: primary)
            if chosen == nil { box.missing.append(scalar) }
            let f = chosen ?? primary
            let index = f.glyphIndex(for: scalar)
            let ink = f.ink(of: index)
            box.glyphs.append(PlacedGlyph(font: f, index: index, x: box.width, y: 0, fallback: f !== primary))
            box.width += f.advance(of: index)
            box.ascent = Swift.max(box.ascent, ink.above)
            box.descent = Swift.max(box.descent, ink.below)
        }
        return box
    }

    /// The class an atom takes part in spacing with.
    private func atomClass(_ node: MathNode) -> MathClass? {
        switch node {
        case .symbol(_, let kind, _): return kind
        case .scripts(let base, _, _): return atomClass(base) ?? .ordinary
        case .largeOperator: return .largeOperator
        case .space: return nil
        default: return .ordinary
        }
    }

    private func sequence(_ list: [MathNode], level: Int) throws -> MathBox {
        var classes = list.map(atomClass)
        // A binary operator with nothing to its left (or after another operator) is unary.
        var previous: MathClass?
        for i in classes.indices {
            guard let kind = classes[i] else { continue }
            if kind == .binary {
                let next = classes[(i + 1)...].compactMap { $0 }.first
                if previous == nil || [.binary, .relation, .open, .punctuation, .largeOperator].contains(previous!)
                    || next == nil || [.relation, .close, .punctuation].contains(next!) {
                    classes[i] = .ordinary
                }
            }
            previous = classes[i]
        }
        var box = MathBox()
        var left: MathClass?
        let mu = sizePixels(level) / 18
        for (node, kind) in zip(list, classes) {
            if let kind, let l = left { box.width += spacing(l, kind, level: level) * mu }
            let child = try layout(node, level: level)
            box.place(child, dx: box.width, dy: 0)
            box.width += child.width
            if let kind { left = kind }
        }
        return box
    }

    /// TeX's spacing between atom classes, in mu.
    private func spacing(_ left: MathClass, _ right: MathClass, level: Int) -> Double {
        let scripted = level > 0
        if left == .binary || right == .binary { return scripted ? 0 : 4 }
        if left == .relation && right == .relation { return 0 }
        if left == .relation || right == .relation { return scripted ? 0 : 5 }
        if left == .punctuation { return scripted ? 0 : 3 }
        if (left == .largeOperator && right != .open) || (right == .largeOperator && left != .open) { return 3 }
        return 0
    }

    private func scripts(_ base: MathBox, sub: MathNode?, sup: MathNode?, level: Int) throws -> MathBox {
        let xHeight = try font(.upright, level).xHeight
        var box = base
        let x = base.width + 0.03 * sizePixels(level)
        var extra = 0.0
        if let sup {
            let s = try layout(sup, level: level + 1)
            let shift = Swift.max(0.7 * xHeight, base.ascent - 0.6 * s.ascent)
            box.place(s, dx: x, dy: -shift)
            extra = Swift.max(extra, s.width)
        }
        if let sub {
            let s = try layout(sub, level: level + 1)
            let shift = Swift.max(sup == nil ? 0.3 * xHeight : 0.5 * xHeight, s.ascent - 0.8 * xHeight)
            box.place(s, dx: x, dy: shift)
            extra = Swift.max(extra, s.width)
        }
        box.width = x + extra + 0.05 * sizePixels(level)
        return box
    }

    private func fraction(_ numerator: MathNode, _ denominator: MathNode, level: Int, partsLevel: Int) throws -> MathBox {
        let num = try layout(numerator, level: partsLevel)
        let den = try layout(denominator, level: partsLevel)
        let axis = try font(.upright, level).axisHeight
        let t = rule(level)
        let pad = 0.12 * sizePixels(level)
        let inner = Swift.max(num.width, den.width)
        var box = MathBox()
        box.width = inner + 2 * pad
        let up = axis + t / 2 + 2 * t + num.descent
        let down = -axis + t / 2 + 2 * t + den.ascent
        box.place(num, dx: pad + (inner - num.width) / 2, dy: -up)
        box.place(den, dx: pad + (inner - den.width) / 2, dy: down)
        box.rules.append(Rect(minX: pad * 0.5, minY: -axis - t / 2, maxX: box.width - pad * 0.5, maxY: -axis + t / 2))
        box.ascent = Swift.max(box.ascent, axis + t / 2)
        return box
    }

    private func root(_ content: MathBox, level: Int) throws -> MathBox {
        let em = sizePixels(level)
        let t = rule(level)
        let top = content.ascent + 3 * t
        let bottom = -(content.descent + 0.08 * em)
        let middle = bottom + 0.45 * (top - bottom)
        let hook = 0.55 * em
        var box = MathBox()
        // The surd, in y-up terms, drawn with the y axis flipped to the screen's.
        let surd = [Point(0, middle - 0.04 * em), Point(0.12 * em, middle), Point(0.3 * em, bottom),
                    Point(hook, top), Point(hook + content.width + 0.1 * em, top)]
        box.strokes.append((points: surd.map { Point($0.x, -$0.y) }, width: t))
        box.place(content, dx: hook + 0.05 * em, dy: 0)
        box.width = hook + content.width + 0.15 * em
        box.ascent = Swift.max(box.ascent, top + t / 2)
        box.descent = Swift.max(box.descent, -bottom + t / 2)
        return box
    }

    private func largeOperator(_ symbol: String, sub: MathNode?, sup: MathNode?, level: Int) throws -> MathBox {
        var op = MathBox()
        if symbol.unicodeScalars.count > 1 {
            // A word (min, max, lim): upright at the text's size, on the baseline.
            op = try self.symbol(symbol, face: .upright, level: level)
        } else {
            let f = try library.font(.regular, sizePixels: sizePixels(level) * 1.3)
            let index = f.glyphIndex(for: symbol.unicodeScalars.first!)
            let ink = f.ink(of: index)
            let axis = try font(.upright, level).axisHeight
            // Centre the operator on the math axis.
            let shift = (ink.above - ink.below) / 2 - axis
            op.glyphs = [PlacedGlyph(font: f, index: index, x: 0, y: shift)]
            op.width = f.advance(of: index)
            op.ascent = ink.above - shift
            op.descent = ink.below + shift
        }
        let gap = 0.12 * sizePixels(level)
        let above = try sup.map { try layout($0, level: level + 1) }
        let below = try sub.map { try layout($0, level: level + 1) }
        let width = Swift.max(op.width, above?.width ?? 0, below?.width ?? 0)
        var box = MathBox()
        box.place(op, dx: (width - op.width) / 2, dy: 0)
        if let above { box.place(above, dx: (width - above.width) / 2, dy: -(op.ascent + gap + above.descent)) }
        if let below { box.place(below, dx: (width - below.width) / 2, dy: op.descent + gap + below.ascent) }
        box.width = width
        return box
    }

    /// `base` with its accent above: a rule as wide as the base for \bar, else the accent's
    /// glyph (a small arrow for \vec) centred over it, its ink a little above the base's.
    private func accented(_ base: MathBox, _ accent: Accent, level: Int) throws -> MathBox {
        let em = sizePixels(level)
        let gap = 0.1 * em
        var box = MathBox()
        box.place(base, dx: 0, dy: 0)
        box.width = base.width
        if accent == .bar {
            let t = rule(level)
            let y = -(base.ascent + gap + t)
            box.rules.append(Rect(minX: 0.05 * em, minY: y, maxX: Swift.max(base.width - 0.05 * em, 0.3 * em), maxY: y + t))
            box.ascent = Swift.max(box.ascent, base.ascent + gap + t)
            return box
        }
        let f = try font(.upright, accent == .vec ? level + 1 : level)
        let index = f.glyphIndex(for: accent.rawValue.unicodeScalars.first!)
        let ink = f.ink(of: index)
        // The accent's ink bottom (−ink.below above its baseline) sits `gap` above the base.
        let dy = -(base.ascent + gap) - ink.below
        let dx = (base.width - f.advance(of: index)) / 2
        box.glyphs.append(PlacedGlyph(font: f, index: index, x: dx, y: dy))
        box.ascent = Swift.max(box.ascent, -dy + ink.above)
        return box
    }

    /// Cells centred in columns as wide as their widest, rows a quarter em apart, the whole
    /// centred on the math axis; columns 1 em apart, 0.15 em inside the delimiters.
    private func matrix(_ rows: [[MathNode]], level: Int) throws -> MathBox {
        let em = sizePixels(level)
        let cells = try rows.map { try $0.map { try layout($0, level: level) } }
        let columns = cells.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in cells.map { c < $0.count ? $0[c].width : 0 }.max() ?? 0 }
        let ascents = cells.map { row in Swift.max(row.map(\.ascent).max() ?? 0, 0.7 * em) }
        let descents = cells.map { row in Swift.max(row.map(\.descent).max() ?? 0, 0.25 * em) }
        let rowGap = 0.25 * em, columnGap = em
        let height = zip(ascents, descents).reduce(0) { $0 + $1.0 + $1.1 } + Double(rows.count - 1) * rowGap
        let axis = try font(.upright, level).axisHeight
        var box = MathBox()
        let margin = 0.15 * em
        var top = -(axis + height / 2)
        for (r, row) in cells.enumerated() {
            let baseline = top + ascents[r]
            var x = margin
            for (c, cell) in row.enumerated() {
                box.place(cell, dx: x + (widths[c] - cell.width) / 2, dy: baseline)
                x += widths[c] + columnGap
            }
            top = baseline + descents[r] + rowGap
        }
        box.width = widths.reduce(0, +) + Double(Swift.max(0, columns - 1)) * columnGap + 2 * margin
        box.ascent = axis + height / 2
        box.descent = height / 2 - axis
        return box
    }

    private func delimited(_ open: String, _ content: MathBox, _ close: String, level: Int) throws -> MathBox {
        let f = try font(.upright, level)
        let paren = f.ink(of: f.glyphIndex(for: "("))
        let em = sizePixels(level)
        var box = MathBox()
        let tall = content.ascent + content.descent > 1.05 * (paren.above + paren.below)
        let top = Swift.max(content.ascent + 0.1 * em, paren.above)
        let bottom = Swift.max(content.descent + 0.1 * em, paren.below)
        func delimiter(_ d: String) throws -> MathBox {
            if d == "." {
                var empty = MathBox()
                empty.width = 0.1 * em
                return empty
            }
            let glyph = d.hasPrefix("\\") ? String(d.dropFirst()) : d
            if !tall || !["(", ")", "[", "]", "|"].contains(glyph) { return try symbol(glyph, face: .upright, level: level) }
            var shape = MathBox()
            let w = 0.3 * em, stroke = rule(level) * 1.3
            var points: [Point]
            switch glyph {
            case "(", ")":
                points = (0...24).map { i in
                    let s = Double(i) / 24
                    let bulge = 0.22 * em * sin(Double.pi * s)
                    let x = glyph == "(" ? w - bulge - 0.04 * em : 0.04 * em + bulge
                    return Point(x, -top + (top + bottom) * s)
                }
            case "[":
                points = [Point(w, -top), Point(0.08 * em, -top), Point(0.08 * em, bottom), Point(w, bottom)]
            case "]":
                points = [Point(0, -top), Point(w - 0.08 * em, -top), Point(w - 0.08 * em, bottom), Point(0, bottom)]
            default:
                points = [Point(w / 2, -top), Point(w / 2, bottom)]
            }
            shape.strokes = [(points: points, width: stroke)]
            shape.width = w
            shape.ascent = top
            shape.descent = bottom
            return shape
        }
        let left = try delimiter(open)
        box.place(left, dx: 0, dy: 0)
        box.width = left.width
        box.place(content, dx: box.width, dy: 0)
        box.width += content.width
        let right = try delimiter(close)
        box.place(right, dx: box.width, dy: 0)
        box.width += right.width
        return box
    }
}
