import Foundation
import XCTest
import PNG
import Raster
@testable import Typeset

final class MathTests: XCTestCase {
    /// `make golden` sets DESCENT_RECORD_GOLDEN to rewrite the goldens; never under CI, where a
    /// golden must be compared, not replaced.
    static var recordingGoldens: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["DESCENT_RECORD_GOLDEN"] != nil && environment["CI"] != "true"
    }

    // XCTest runs a class's tests one at a time, on one thread.
    nonisolated(unsafe) private static let library = try! FontLibrary()
    private let size = 20.0

    private func layout(_ label: String) throws -> TextLayout {
        try TextLayout.label(label, library: MathTests.library, sizePixels: size)
    }

    /// The placed glyph for `character` (the n-th occurrence).
    private func glyph(_ layout: TextLayout, _ character: Unicode.Scalar, _ occurrence: Int = 0) throws -> PlacedGlyph {
        let matches = layout.glyphs.filter { $0.index == $0.font.glyphIndex(for: character) }
        XCTAssertGreaterThan(matches.count, occurrence, "no \(character) in \(layout.text)")
        return matches[occurrence]
    }

    func testSuperscriptSitsAboveTheBaseAndSubscriptBelow() throws {
        let l = try layout("$x^2 y_3$")
        let two = try glyph(l, "2"), three = try glyph(l, "3"), x = try glyph(l, "x")
        XCTAssertLessThan(two.y, x.y - 0.5 * x.font.xHeight, "superscript raised")
        XCTAssertGreaterThan(three.y, x.y + 0.2 * x.font.xHeight, "subscript lowered")
        XCTAssertLessThan(two.font.sizePixels, x.font.sizePixels, "scripts are smaller")
    }

    func testBothScriptsOnOneBaseSpreadFurtherThanOne() throws {
        let single = try glyph(try layout("$x_1$"), "1")
        let both = try glyph(try layout("$x_1^2$"), "1")
        XCTAssertGreaterThan(both.y, single.y, "a subscript drops further when a superscript shares its base")
    }

    func testNestedScriptsShrinkAgain() throws {
        let l = try layout("$e^{x^2}$")
        let e = try glyph(l, "e"), x = try glyph(l, "x"), two = try glyph(l, "2")
        XCTAssertLessThan(x.font.sizePixels, e.font.sizePixels)
        XCTAssertLessThan(two.font.sizePixels, x.font.sizePixels)
        XCTAssertLessThan(two.y, x.y)
    }

    func testFractionPutsNumeratorAboveTheBarAndDenominatorBelowBothCentred() throws {
        let l = try layout("$\\frac{a}{bbb}$")
        XCTAssertEqual(l.rules.count, 1)
        let bar = l.rules[0]
        let a = try glyph(l, "a"), b0 = try glyph(l, "b", 0), b2 = try glyph(l, "b", 2)
        XCTAssertLessThan(a.y + a.font.ink(of: a.index).below, bar.minY, "numerator ink above the bar")
        XCTAssertGreaterThan(b0.y - b0.font.ink(of: b0.index).above, bar.maxY, "denominator ink below the bar")
        let numeratorCentre = a.x + a.font.advance(of: a.index) / 2
        let denominatorCentre = (b0.x + b2.x + b2.font.advance(of: b2.index)) / 2
        XCTAssertEqual(numeratorCentre, bar.center.x, accuracy: 0.5)
        XCTAssertEqual(denominatorCentre, bar.center.x, accuracy: 0.5)
        let font = try MathTests.library.font(sizePixels: size)
        XCTAssertEqual(-bar.center.y, font.axisHeight, accuracy: 0.01, "the bar sits on the math axis")
    }

    func testBinaryOperatorGetsTeXsMediumSpaceAndUnaryMinusNone() throws {
        let font = try MathTests.library.font(sizePixels: size)
        let italic = try MathTests.library.font(.oblique, sizePixels: size)
        let advances = italic.advance(of: italic.glyphIndex(for: "a")) + font.advance(of: font.glyphIndex(for: "+"))
            + italic.advance(of: italic.glyphIndex(for: "b"))
        XCTAssertEqual(try layout("$a+b$").width, advances + 2 * 4 * size / 18, accuracy: 1e-9)
        let unary = try layout("$-b$").width
        XCTAssertEqual(unary, font.advance(of: font.glyphIndex(for: "\u{2212}")) + italic.advance(of: italic.glyphIndex(for: "b")),
                       accuracy: 1e-9, "a leading minus is unary: no space")
        XCTAssertEqual(try layout("$a=b$").width - (try layout("$ab$").width),
                       font.advance(of: font.glyphIndex(for: "=")) + 2 * 5 * size / 18, accuracy: 1e-9, "relations: thick space")
    }

    func testVariablesAreObliqueAndDigitsUpright() throws {
        let l = try layout("$w2$")
        XCTAssertNotEqual(try glyph(l, "w").font.sizePixels, 0)
        // The files themselves, by name: DejaVu's oblique face for the variable, the
        // upright one for the digit.
        XCTAssertEqual((try glyph(l, "w").font.file.path as NSString).lastPathComponent, "DejaVuSans-Oblique.ttf")
        XCTAssertEqual((try glyph(l, "2").font.file.path as NSString).lastPathComponent, "DejaVuSans.ttf")
    }

    static let constructs = [
        "$x^2$", "$x_i$", "$x_i^2$", "$e^{x^{2}}$", "$\\frac{a}{b}$", "$\\dfrac{\\partial L}{\\partial w}$", "$\\sqrt{x}$",
        "$\\alpha\\beta\\gamma\\delta\\epsilon\\zeta\\eta\\theta\\iota\\kappa\\lambda\\mu\\nu\\xi\\pi\\rho\\sigma\\tau\\upsilon\\phi\\chi\\psi\\omega$",
        "$\\Gamma\\Delta\\Theta\\Lambda\\Xi\\Pi\\Sigma\\Upsilon\\Phi\\Psi\\Omega$", "$\\partial$", "$\\nabla f$", "$a \\cdot b$",
        "$a \\times b$", "$a \\pm b$", "$a \\leq b$", "$a \\geq b$", "$a \\approx b$", "$a \\neq b$", "$x \\to 0$",
        "$\\sum_{i=1}^{n} x_i$", "$\\left( \\frac{a}{b} \\right)$", "$\\left[ x \\right]$", "$\\left| x \\right|$",
        "$\\mathrm{d}x$", "$\\text{loss } L$", "$a\\,b\\;c\\quad d$", "$\\{a\\}$", "price \\$5", "$\\infty$",
    ]

    /// The constructs teachers write beyond the first subset, each with a golden of its own.
    static let newConstructs: [(name: String, label: String)] = [
        ("accents", "$\\hat{y} \\bar{x} \\tilde{w} \\vec{v} \\dot{x} \\ddot{x} \\widehat{ab}$"),
        ("styles", "$\\mathbf{w}^{\\top} \\mathbf{x} + \\boldsymbol{b},\\; \\mathit{loss},\\; \\mathcal{L},\\; \\mathbb{R}^{n}$"),
        ("limits", "$\\min_{w} L(w) = \\arg\\min_{w} \\sum_{i} \\ell_i,\\; \\max_{k} z_k,\\; \\lim_{n \\to \\infty} a_n,\\; \\prod_{i=1}^{n} p_i$"),
        ("operators", "$\\log p + \\exp(x) - \\ln y + \\sin \\theta \\cos \\phi,\\; \\operatorname{softmax}(z)$"),
        ("relations", "$w \\in \\mathbb{R},\\; A \\subset B,\\; y \\propto x,\\; a \\equiv b,\\; \\epsilon \\ll 1,\\; w \\gets w - \\eta g,\\; p \\Rightarrow q,\\; x \\mapsto x^2$"),
        ("norms", "$\\|x\\|,\\; \\lVert w \\rVert_2,\\; \\langle a, b \\rangle,\\; x_1, \\ldots, x_n,\\; a \\cdots b$"),
        ("primes", "$L'(w),\\; L''(w),\\; \\mathbf{X}^{\\top}$"),
        ("matrices", "$\\begin{pmatrix} 1 & w \\\\ -b & \\frac{1}{2} \\end{pmatrix} \\begin{bmatrix} x_1 \\\\ x_2 \\end{bmatrix}$"),
    ]

    /// Each new construct against its own golden (Fixtures/constructs/NAME.png, refreshed on
    /// purpose with `make golden`): any differing pixel counts, at most 1 % of the image and
    /// a mean difference of 8 levels, so losing any part of a construct fails.
    func testNewConstructsMatchTheirGoldens() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/constructs")
        for (name, label) in MathTests.newConstructs {
            let layout = try TextLayout.label(label, library: MathTests.library, sizePixels: 22)
            var canvas = Canvas(width: Int(layout.width.rounded(.up)) + 20, height: Int(layout.height.rounded(.up)) + 20)
            TextRenderer.draw(layout, on: &canvas, at: Point(10, 10 + layout.ascent), color: .black)
            let url = folder.appendingPathComponent(name + ".png")
            if MathTests.recordingGoldens {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(try PNGFile.encode(RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!)).write(to: url)
            }
            let golden = try PNGFile.read(path: url.path)
            XCTAssertEqual(golden.width, canvas.width, name)
            XCTAssertEqual(golden.height, canvas.height, name)
            guard golden.width == canvas.width, golden.height == canvas.height else { continue }
            var differing = 0, total = 0
            for i in stride(from: 0, to: canvas.pixels.count, by: 4) {
                let worst = (0..<3).map { abs(Int(golden.pixels[i + $0]) - Int(canvas.pixels[i + $0])) }.max()!
                if worst > 0 { differing += 1; total += worst }
            }
            XCTAssertLessThanOrEqual(Double(differing) / Double(canvas.width * canvas.height), 0.01, name)
            if differing > 0 { XCTAssertLessThanOrEqual(Double(total) / Double(differing), 8, name) }
            XCTAssertEqual(layout.missing, [], "\(name): every character has a glyph")
        }
    }

    func testNewConstructsParseIntoWhatTheyMean() throws {
        let accent = try LabelParser.parse("$\\hat{y}$")
        XCTAssertEqual(accent, [.math(.group([.accent(.group([.symbol("y", .ordinary, .italic)]), .hat)]))])
        let bold = try LabelParser.parse("$\\mathbf{w}$")
        XCTAssertEqual(bold, [.math(.group([.group([.symbol("w", .ordinary, .bold)])]))])
        let reals = try LabelParser.parse("$\\mathbb{R}$")
        XCTAssertEqual(reals, [.math(.group([.group([.symbol("ℝ", .ordinary, .upright)])]))])
        guard case .math(.group(let nodes)) = try LabelParser.parse("$\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$")[0],
              case .delimited("(", .matrix(let rows), ")") = nodes[0] else { return XCTFail("a pmatrix is a delimited matrix") }
        XCTAssertEqual(rows.map(\.count), [2, 2])
        guard case .math(.group(let limits)) = try LabelParser.parse("$\\min_{w} L$")[0],
              case .largeOperator("min", let sub, nil) = limits[0] else { return XCTFail("\\min takes limits") }
        XCTAssertNotNil(sub)
    }

    func testUnknownCommandsSuggestTheNearestKnownOne() throws {
        for (label, suggestion) in [("$\\hta{y}$", "\\hat"), ("$\\matbf{x}$", "\\mathbf"), ("$\\lgo x$", "\\log"),
                                    ("$\\alpah$", "\\alpha")] {
            XCTAssertThrowsError(try TextLayout.check(label)) { error in
                let problem = (error as? MathError)?.problem ?? ""
                XCTAssertTrue(problem.contains("did you mean \(suggestion)?") && problem.contains("README"), "\(label): \(problem)")
            }
        }
        XCTAssertThrowsError(try TextLayout.check("$\\zzzzzz$")) { error in
            XCTAssertFalse((error as? MathError)?.problem.contains("did you mean") ?? true, "nothing near: no guess")
        }
    }

    func testEverySupportedConstructLeavesInk() throws {
        for label in MathTests.constructs + MathTests.newConstructs.map(\.label) {
            let mask = try XCTUnwrap(try layout(label).mask(baselineAt: Point(0, 0)), label)
            XCTAssertGreaterThan(mask.area, 3, label)
        }
    }

    func testMalformedMathIsAnErrorWithAColumn() {
        let malformed: [(String, Int)] = [
            ("$\\frac{a}$", 10), ("$\\frac{a}{b$", 12), ("${a$", 4), ("$a}$", 3), ("$x^$", 4), ("$x_$", 4),
            ("$^2$", 2), ("$_2$", 2), ("$x^2^3$", 5), ("$x_1_2$", 5), ("$\\unknown$", 2), ("$\\$", 1),
            ("$a", 1), ("a $b", 3), ("$\\sqrt x$", 8), ("$\\sqrt$", 7), ("$\\left( x$", 10), ("$x \\right)$", 4),
            ("$\\left< x \\right>$", 7), ("$\\text x$", 8), ("$\\text{abc$", 11), ("$\\frac ab$", 8), ("$x^{}}$", 6),
            ("$" + String(repeating: "{", count: 40) + "x" + String(repeating: "}", count: 40) + "$", 34),
            ("$\\mathrm x$", 10), ("$x^}$", 4), ("$\\left($", 8), ("$\\frac{}{$", 10), ("$\\beta_$", 8),
            ("$a$ and $b", 9), ("$\\sum_{i$", 9), ("$x__y$", 4),
            ("$\\begin{foo} a \\end{foo}$", 2), ("$\\begin{pmatrix} a & b$", 23), ("$\\end{pmatrix}$", 2), ("$a & b$", 4),
            ("$\\mathbf x$", 10), ("$\\begin{pmatrix} a \\end{bmatrix}$", 33), ("$\\hat$", 6), ("$\\operatorname x$", 16),
        ]
        XCTAssertGreaterThanOrEqual(malformed.count, 30)
        for (label, column) in malformed {
            XCTAssertThrowsError(try TextLayout.check(label), label) { error in
                guard let e = error as? MathError else { return XCTFail("\(label): \(error)") }
                XCTAssertEqual(e.label, label)
                XCTAssertEqual(e.column, column, "\(label): \(e)")
                XCTAssertFalse(e.problem.isEmpty)
            }
        }
    }

    /// Every construct on one sheet, compared with the golden PNG (refresh on purpose with
    /// `make golden`, which sets DESCENT_RECORD_GOLDEN). At most 0.5 % of pixels may differ.
    func testEquationSheetMatchesGolden() throws {
        let rowHeight = 44
        var canvas = Canvas(width: 760, height: rowHeight * MathTests.constructs.count + 10)
        for (i, label) in MathTests.constructs.enumerated() {
            let l = try TextLayout.label(label, library: MathTests.library, sizePixels: 22)
            TextRenderer.draw(l, on: &canvas, at: Point(10, Double(i * rowHeight + 30)), color: .black)
        }
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/equations.png")
        if MathTests.recordingGoldens {
            let image = RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!
            try Data(try PNGFile.encode(image)).write(to: golden)
        }
        let expected = try PNGFile.read(path: golden.path)
        XCTAssertEqual(expected.width, canvas.width)
        XCTAssertEqual(expected.height, canvas.height)
        let pixels = expected.pixels
        let differing = stride(from: 0, to: min(pixels.count, canvas.pixels.count), by: 4).filter { i in
            (0..<3).contains { abs(Int(pixels[i + $0]) - Int(canvas.pixels[i + $0])) > 8 }
        }.count
        XCTAssertLessThanOrEqual(Double(differing) / Double(canvas.width * canvas.height), 0.005)
        // Construct by construct: in each one's row, the pixels that differ by more than 8
        // levels stay under a twentieth of the golden's ink there (FreeType versions move
        // edges by a level or two; a construct that vanished or moved differs in most of it).
        let rows = MathTests.rowComparison(expected: pixels, actual: canvas.pixels, width: canvas.width, rowHeight: rowHeight,
                                           rows: MathTests.constructs.count)
        for (i, row) in rows.enumerated() {
            XCTAssertGreaterThan(row.ink, 20, "construct \(i) (\(MathTests.constructs[i])) has ink in the golden")
            XCTAssertLessThanOrEqual(row.differing, MathTests.allowed(ink: row.ink),
                                     "construct \(i) (\(MathTests.constructs[i])): \(row.differing) pixels differ, of \(row.ink) ink")
        }
        // The comparison can fail: with any one construct erased (its row left white), its
        // row would differ in all its ink.
        let white = [UInt8](repeating: 255, count: pixels.count)
        let erased = MathTests.rowComparison(expected: pixels, actual: white, width: canvas.width, rowHeight: rowHeight,
                                             rows: MathTests.constructs.count)
        for (i, row) in erased.enumerated() {
            XCTAssertGreaterThan(row.differing, MathTests.allowed(ink: row.ink), "erasing construct \(i) would go unseen")
        }
    }

    /// Differing pixels for each tolerance of a row: a twentieth of its ink, at least 3.
    static func allowed(ink: Int) -> Int { max(3, ink / 20) }

    /// For each row band of `rowHeight`: pixels where some channel differs by more than 8
    /// levels, and the expected image's ink (pixels darker than 160 in some channel).
    static func rowComparison(expected: [UInt8], actual: [UInt8], width: Int, rowHeight: Int, rows: Int) -> [(differing: Int, ink: Int)] {
        (0..<rows).map { r in
            var differing = 0, ink = 0
            let start = r * rowHeight * width * 4, end = min(expected.count, actual.count, (r + 1) * rowHeight * width * 4)
            for i in stride(from: start, to: end, by: 4) {
                if (0..<3).contains(where: { abs(Int(expected[i + $0]) - Int(actual[i + $0])) > 8 }) { differing += 1 }
                if (0..<3).contains(where: { expected[i + $0] < 160 }) { ink += 1 }
            }
            return (differing, ink)
        }
    }
}
