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
        // One math span has nowhere to break: it shrinks, as before.
        let single = "$= 500.00 - 0.0000025 \\times (-510000000.00) = 1786.98$"
        let narrow = 0.0...(try renderer.layout(single, sizePixels: 0.7 * style.titleFontSize).width * 0.8)
        let shrunk = try AxesDecorations.fittedTitle([single], column: narrow, renderer: renderer)
        XCTAssertEqual(shrunk.first?.lines.count, 1)
        XCTAssertLessThan(shrunk.first?.sizePixels ?? 99, 0.7 * style.titleFontSize)
    }
}
