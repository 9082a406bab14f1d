import XCTest
import Raster
@testable import Typeset

final class TextTests: XCTestCase {
    // XCTest runs a class's tests one at a time, on one thread.
    nonisolated(unsafe) private static let library = try! FontLibrary()

    private func font(_ size: Double = 13.9) throws -> Font {
        try TextTests.library.font(sizePixels: size)
    }

    func testKerningPullsAVTogether() throws {
        let f = try font()
        let a = f.glyphIndex(for: "A"), v = f.glyphIndex(for: "V")
        XCTAssertLessThan(f.kerning(a, v), 0)
        XCTAssertLessThan(TextLayout("AV", font: f).width, f.advance(of: a) + f.advance(of: v))
    }

    func testSpanishAndMathCharactersHaveGlyphs() throws {
        let f = try font()
        for scalar in "cantidad de lluvia ñ á ∂ η · × −".unicodeScalars where scalar != " " {
            XCTAssertNotEqual(f.glyphIndex(for: scalar), 0, "no glyph for \(scalar)")
        }
    }

    func testTextInkLiesInItsMeasuredBox() throws {
        let layout = TextLayout("cantidad de lluvia", font: try font())
        var canvas = Canvas(width: 200, height: 40)
        let anchor = Point(100, 20)
        TextRenderer.draw(layout, on: &canvas, at: anchor, horizontal: .center, vertical: .center, color: .black)
        let box = TextRenderer.box(of: layout, at: anchor, horizontal: .center, vertical: .center).insetBy(-1.5)
        var ink = 0
        for y in 0..<40 {
            for x in 0..<200 where canvas[x, y] != .white {
                ink += 1
                XCTAssertTrue(box.contains(Point(Double(x) + 0.5, Double(y) + 0.5)), "ink outside the box at \(x),\(y)")
            }
        }
        XCTAssertGreaterThan(ink, 100)
    }

    func testRotatedTextReadsBottomToTopInsideItsBox() throws {
        let layout = TextLayout("Loss", font: try font())
        var canvas = Canvas(width: 40, height: 80)
        let anchor = Point(30, 40)
        TextRenderer.draw(layout, on: &canvas, at: anchor, horizontal: .center, vertical: .bottom,
                          rotation: .counterClockwise, color: .black)
        let box = TextRenderer.box(of: layout, at: anchor, horizontal: .center, vertical: .bottom, rotation: .counterClockwise)
        XCTAssertEqual(box.maxX, 30, accuracy: 1e-9, "the text's bottom faces right")
        XCTAssertGreaterThan(box.height, box.width, "turned upright")
        var lowest = 0, highest = 80
        for y in 0..<80 { for x in 0..<40 where canvas[x, y] != .white { lowest = max(lowest, y); highest = min(highest, y) } }
        XCTAssertEqual(Double(highest + lowest) / 2, 40, accuracy: 2, "centred on the anchor")
        // "L" comes first, so it is at the bottom: its long stem is a tall column of ink.
        let stem = (0..<40).map { x in (lowest - 8...lowest).filter { canvas[x, $0] != .white }.count }.max()!
        XCTAssertGreaterThanOrEqual(stem, 8)
    }

    func testMissingFontsFolderIsAClearError() {
        XCTAssertThrowsError(try FontLibrary(directory: "/nonexistent/fonts")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/fonts"), "\(error)")
        }
    }
}
