import XCTest
@testable import Chart

/// Breaking a label into lines: at spaces outside math, and a math span wider than a line
/// before its operators, each piece still math.
final class TextWrapTests: XCTestCase {
    func testAMathSpanIsCutBeforeItsOperatorsOutsideBraces() {
        XCTAssertEqual(TextWrap.mathPieces("$= (-214.37) - 0.0019 \\times (-1.7\\times10^{5})$"),
                       ["$= (-214.37)$", "${}- 0.0019$", "${}\\times (-1.7\\times10^{5})$"])
        XCTAssertNil(TextWrap.mathPieces("$\\dfrac{a - b}{2}$"), "inside braces: no cut")
        XCTAssertNil(TextWrap.mathPieces("$w = 2$ more"), "not one math span")
        XCTAssertNil(TextWrap.mathPieces("$-1.7\\times10^{5}$"), "operators without spaces round them stay")
    }

    func testOnlyAWordWiderThanTheLineIsCut() {
        let width = { (text: String) -> Double in Double(text.count) }
        let formula = "$= (1.00) - 0.5 \\times (3.00)$"
        XCTAssertEqual(TextWrap.lines(formula, maxWidth: 40, cuttingMath: true, width: width), [formula], "fits: whole")
        XCTAssertEqual(TextWrap.lines(formula, maxWidth: 14, cuttingMath: true, width: width),
                       ["$= (1.00)$", "${}- 0.5$", "${}\\times (3.00)$"])
        XCTAssertEqual(TextWrap.lines(formula, maxWidth: 14, width: width), [formula], "a legend's formula is not cut")
        XCTAssertEqual(TextWrap.lines("loss = 302.69 at w = 9", maxWidth: 14, width: width), ["loss = 302.69", "at w = 9"])
    }
}
