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
        XCTAssertEqual(TickFormatter.labels([-10, -5, 0, 5]), ["\u{2212}10", "\u{2212}5", "0", "5"])
        XCTAssertEqual(TickFormatter.labels([0, 0.25, 0.5]), ["0.00", "0.25", "0.50"])
        XCTAssertEqual(TickFormatter.labels([0, 200_000, 400_000]), ["0.00", "2e5", "4e5"])
    }

    func testLinesAreClippedToTheFrame() {
        let pieces = LineClipper.clip([Point(-10, 5), Point(30, 5), Point(30, -50)], to: Rect(x: 0, y: 0, width: 20, height: 20))
        XCTAssertEqual(pieces, [[Point(0, 5), Point(20, 5)]])
    }
}
