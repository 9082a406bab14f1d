import XCTest
@testable import Chart
import Raster

/// Tick values against matplotlib's MaxNLocator on the figure's own axes (the values in
/// the notebook's reference frames, shared/reference/*.png).
final class TickTests: XCTestCase {
    func testTicksMatchMatplotlibForTheFiguresAxes() {
        XCTAssertEqual(TickLocator.ticks(AxisLimits(-11.25, 16.25)!, bins: 6), [-10, -5, 0, 5, 10, 15])
        XCTAssertEqual(TickLocator.ticks(AxisLimits(-200, 900)!, bins: 9), [-200, 0, 200, 400, 600, 800])
        XCTAssertEqual(TickLocator.ticks(AxisLimits(-1.25, 4.25)!, bins: 6), [-1, 0, 1, 2, 3, 4])
        XCTAssertEqual(TickLocator.ticks(AxisLimits(-10, 30)!, bins: 9), [-10, -5, 0, 5, 10, 15, 20, 25, 30])
        XCTAssertEqual(TickLocator.ticks(AxisLimits(0, 1)!, bins: 4), [0, 0.25, 0.5, 0.75, 1])
    }

    func testBinsFollowTheAxisLength() {
        XCTAssertEqual(TickLocator.bins(lengthPixels: 282, fontSizePixels: 13.89, horizontal: true), 6)
        XCTAssertEqual(TickLocator.bins(lengthPixels: 462, fontSizePixels: 13.89, horizontal: false), 9)
        XCTAssertEqual(TickLocator.bins(lengthPixels: 10, fontSizePixels: 13.89, horizontal: true), 1)
    }

    func testLabelsUseTheTrueMinusAndNoMoreDecimalsThanTheStepNeeds() {
        XCTAssertEqual(TickLabels([-10, -5, 0, 5]).labels, ["\u{2212}10", "\u{2212}5", "0", "5"])
        XCTAssertEqual(TickLabels([0, 0.25, 0.5]).labels, ["0.00", "0.25", "0.50"])
        XCTAssertNil(TickLabels([-200, 0, 200, 400, 600, 800]).offsetText, "the notebook's ticks are written whole")
    }

    func testLongTickLabelsShareAMultiplierAtTheAxisEnd() {
        // matplotlib's ScalarFormatter: 0, 2e5, 4e5 -> 0, 2, 4 and "×10⁵".
        let large = TickLabels([0, 200_000, 400_000])
        XCTAssertEqual(large.labels, ["0", "2", "4"])
        XCTAssertEqual(large.offsetText, "$\\times10^{5}$")
        let small = TickLabels([0, 0.0001, 0.0002, 0.0003])
        XCTAssertEqual(small.labels, ["0", "1", "2", "3"])
        XCTAssertEqual(small.offsetText, "$\\times10^{-4}$")
        let fractional = TickLabels([100_000, 150_000, 200_000])
        XCTAssertEqual(fractional.labels, ["1.0", "1.5", "2.0"])
    }

    func testTicksSharingTheirLeadingDigitsGetAnOffset() {
        // 1000.1, 1000.2, 1000.3: every tick shares four leading digits -> "+1×10³" and 0.1, 0.2, 0.3.
        let ticks = TickLabels([1000.1, 1000.2, 1000.3])
        XCTAssertEqual(ticks.labels, ["0.1", "0.2", "0.3"])
        XCTAssertEqual(ticks.offsetText, "$+10^{3}$")
    }

    func testLinesAreClippedToTheFrame() {
        let pieces = LineClipper.clip([Point(-10, 5), Point(30, 5), Point(30, -50)], to: Rect(x: 0, y: 0, width: 20, height: 20))
        XCTAssertEqual(pieces, [[Point(0, 5), Point(20, 5)]])
    }
}
