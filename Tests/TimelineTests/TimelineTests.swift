import XCTest
import Timeline

final class TimelineTests: XCTestCase {
    func testDelaysAreRoundedOnCumulativeTimeSoTheTotalIsExact() {
        // Thirds of a second cannot be whole centiseconds; rounding each would lose 1 cs.
        let stages = (0..<3).map { Stage($0, durationSeconds: 1.0 / 3)! }
        let frames = Timeline(stages).keyframes
        XCTAssertEqual(frames.map(\.delayCentiseconds).reduce(0, +), 100)
        XCTAssertEqual(frames.map(\.startCentiseconds), [0, 33, 67])
    }

    func testIdenticalConsecutiveStatesMergeAndKeepTheirTime() {
        let stages = ["a", "a", "b", "a"].map { Stage($0, durationSeconds: 2)! }
        let frames = Timeline(stages).mergedKeyframes
        XCTAssertEqual(frames.map(\.state), ["a", "b", "a"])
        XCTAssertEqual(frames.map(\.delayCentiseconds), [400, 200, 200])
    }

    func testStagesRefuseDurationsThatAreNotPositiveAndFinite() {
        XCTAssertNil(Stage("x", durationSeconds: 0))
        XCTAssertNil(Stage("x", durationSeconds: -1))
        XCTAssertNil(Stage("x", durationSeconds: .nan))
        XCTAssertNil(Stage("x", durationSeconds: .infinity))
    }
}
