import XCTest
import Raster
@testable import Chart

final class MaskCacheTests: XCTestCase {
    private func square(_ size: Int) -> (CoverageMask, Double)? {
        Coverage.mask(of: .rectangle(Rect(x: 0, y: 0, width: Double(size), height: Double(size))),
                      clip: Rect(x: 0, y: 0, width: 1000, height: 1000)).map { ($0, 1) }
    }

    func testAHitIsNotMadeAgain() {
        let cache = MaskCache(budget: 1 << 20)
        var made = 0
        for _ in 0..<3 {
            _ = cache.mask(.roundedRectangle(Rect(x: 0, y: 0, width: 10, height: 10), radius: 2)) { made += 1; return square(10) }
        }
        XCTAssertEqual(made, 1)
    }

    func testMasksAndKeysStayWithinTheBudget() {
        let budget = 200_000
        let cache = MaskCache(budget: budget)
        var held: [Int] = []
        for i in 0..<400 {
            // Keys of every kind, the strokes with long polylines, as a long animation makes.
            let points = (0..<(i % 50 + 2)).map { Point(Double($0), Double(i)) }
            _ = cache.mask(.stroke([points], width: 1, .butt, .miter, dash: [], clip: Rect(x: 0, y: 0, width: 9, height: 9),
                                   closed: false)) { square(40) }
            _ = cache.mask(.text("label \(i)", size: 10, anchor: Point(0, 0), .left, .baseline, .none)) { square(20) }
            held.append(cache.bytesHeld)
        }
        XCTAssertLessThanOrEqual(held.max()!, budget)
        XCTAssertGreaterThan(held.max()!, budget / 2, "the cache does fill before it starts again")
    }
}
