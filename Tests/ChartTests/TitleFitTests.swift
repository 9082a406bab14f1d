import XCTest
@testable import Chart
import Typeset

/// A title line too wide for its column: wrapped between its math spans at 70 % of the title's
/// size (an update's formula and its result), shrunk only when it cannot be wrapped.
final class TitleFitTests: XCTestCase {
    private let renderer = FigureRenderer(style: Style(), fonts: try! FontLibrary())

    func testAFormulaAndItsResultWrapRatherThanShrink() throws {
        let line = "$= (-1.00, 4.00) - 0.12 \\times (1.80, 10.20)$ $= (-1.22, 2.78)$"
        let style = renderer.style
        let full = try renderer.layout(line, sizePixels: 0.7 * style.titleFontSize).width
        let column = 0.0...(full * 0.75)
        let fitted = try AxesDecorations.fittedTitle([line], column: column, renderer: renderer)
        XCTAssertEqual(fitted.first?.lines, ["$= (-1.00, 4.00) - 0.12 \\times (1.80, 10.20)$", "$= (-1.22, 2.78)$"])
        XCTAssertEqual(fitted.first?.sizePixels ?? 0, 0.7 * style.titleFontSize, accuracy: 1e-9, "no smaller than 70 %")
        for piece in fitted.first?.lines ?? [] {
            XCTAssertLessThanOrEqual(try renderer.layout(piece, sizePixels: 0.7 * style.titleFontSize).width, column.upperBound - 4)
        }
        // One math span with no space to break at: it shrinks, never below the smallest text
        // size (8 pt), and there it is cut before its operators, each line still math.
        let single = "$= 500.00 - 0.0000025 \\times (-510000000.00) = 1786.98$"
        let slightly = 0.0...(try renderer.layout(single, sizePixels: 0.7 * style.titleFontSize).width * 0.98 + 4)
        let shrunk = try AxesDecorations.fittedTitle([single], column: slightly, renderer: renderer)
        XCTAssertEqual(shrunk.first?.lines, [single])
        XCTAssertLessThan(shrunk.first?.sizePixels ?? 99, 0.7 * style.titleFontSize)
        XCTAssertGreaterThanOrEqual(shrunk.first?.sizePixels ?? 0, style.smallestTextSize - 1e-9)
        let narrow = 0.0...(try renderer.layout(single, sizePixels: 0.7 * style.titleFontSize).width * 0.6)
        let cut = try AxesDecorations.fittedTitle([single], column: narrow, renderer: renderer)
        XCTAssertEqual(cut.first?.sizePixels ?? 0, style.smallestTextSize, accuracy: 1e-9)
        XCTAssertGreaterThan(cut.first?.lines.count ?? 0, 1)
        for piece in cut.first?.lines ?? [] {
            XCTAssertTrue(piece.hasPrefix("$") && piece.hasSuffix("$"), piece)
            XCTAssertLessThanOrEqual(try renderer.layout(piece, sizePixels: style.smallestTextSize).width, narrow.upperBound - 4)
        }
    }
}
