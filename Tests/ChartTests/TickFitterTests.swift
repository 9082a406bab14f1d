import XCTest
import Chart
import Raster

/// `TickFitter` on its own, with labels of known widths: MaxNLocator's ticks while the
/// labels fit, fewer as they grow, never two labels closer than half a font size.
final class TickFitterTests: XCTestCase {
    private let font = 12.0

    private func fitter(pixelsPerCharacter: Double) -> TickFitter {
        TickFitter(fontSizePixels: font) { Double($0.count) * pixelsPerCharacter }
    }

    /// The gap between neighbouring labels centred on their ticks.
    private func gaps(_ ticks: [Double], width: (String) -> Double, pixel: (Double) -> Double) -> [Double] {
        let labels = TickLabels(ticks).labels
        return ticks.indices.dropFirst().map { k in
            abs(pixel(ticks[k]) - pixel(ticks[k - 1])) - (width(labels[k]) + width(labels[k - 1])) / 2
        }
    }

    func testNarrowLabelsGetMaxNLocatorsTicksForTheLength() {
        let limits = AxisLimits(0, 10)!
        let ticks = fitter(pixelsPerCharacter: 0).horizontalTicks(limits, lengthPixels: 400) { $0 * 40 }
        XCTAssertEqual(ticks, TickLocator.ticks(limits, bins: TickLocator.bins(lengthPixels: 400, fontSizePixels: font, horizontal: true)))
        XCTAssertGreaterThan(ticks.count, 4)
    }

    func testWiderLabelsGetFewerTicksThatNeverTouch() {
        let limits = AxisLimits(-0.0015, 0.0035)!
        let pixel = { (v: Double) in (v + 0.0015) / 0.005 * 300 }
        var counts: [Int] = []
        for perCharacter in [2.0, 10, 30, 60] {
            let width = { (s: String) in Double(s.count) * perCharacter }
            let ticks = TickFitter(fontSizePixels: font, labelWidth: width).horizontalTicks(limits, lengthPixels: 300, pixel: pixel)
            counts.append(ticks.count)
            XCTAssertFalse(ticks.isEmpty)
            for gap in gaps(ticks, width: width, pixel: pixel) {
                XCTAssertGreaterThanOrEqual(gap + 1e-9, font * 0.5, "\(perCharacter) px a character: labels half a font size apart")
            }
        }
        XCTAssertEqual(counts, counts.sorted(by: >), "wider labels, no more ticks: \(counts)")
        XCTAssertLessThan(counts.last!, counts.first!)
    }

    func testAnAxisTooShortForTwoLabelsKeepsEveryKthTick() {
        let limits = AxisLimits(0, 100)!
        let pixel = { (v: Double) in v * 0.6 }
        let ticks = fitter(pixelsPerCharacter: 20).horizontalTicks(limits, lengthPixels: 60, pixel: pixel)
        let all = TickLocator.ticks(limits, bins: 1)
        XCTAssertFalse(ticks.isEmpty)
        XCTAssertEqual(ticks.first, all.first, "counted from the first tick")
        XCTAssertTrue(Set(ticks).isSubset(of: Set(all)))
        XCTAssertLessThan(ticks.count, all.count)
    }

    func testVerticalTicksFollowTheLengthOnly() {
        let limits = AxisLimits(0, 1)!
        let short = fitter(pixelsPerCharacter: 100).verticalTicks(limits, lengthPixels: 100)
        let tall = fitter(pixelsPerCharacter: 100).verticalTicks(limits, lengthPixels: 800)
        XCTAssertEqual(tall, TickLocator.ticks(limits, bins: TickLocator.bins(lengthPixels: 800, fontSizePixels: font, horizontal: false)))
        XCTAssertLessThan(short.count, tall.count)
    }
}
