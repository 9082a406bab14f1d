import Dispatch
import Synchronization
import XCTest
import Raster
@testable import Chart

final class MaskCacheTests: XCTestCase {
    private static func square(_ size: Int) -> (CoverageMask, Double)? {
        Coverage.mask(of: .rectangle(Rect(x: 0, y: 0, width: Double(size), height: Double(size))),
                      clip: Rect(x: 0, y: 0, width: 1000, height: 1000)).map { ($0, 1) }
    }

    func testAHitIsNotMadeAgain() {
        let cache = MaskCache(budget: 1 << 20)
        var made = 0
        for _ in 0..<3 {
            _ = cache.mask(.roundedRectangle(Rect(x: 0, y: 0, width: 10, height: 10), radius: 2)) { made += 1; return Self.square(10) }
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
                                   closed: false)) { Self.square(40) }
            _ = cache.mask(.text("label \(i)", size: 10, anchor: Point(0, 0), .left, .baseline, .none)) { Self.square(20) }
            held.append(cache.bytesHeld)
        }
        XCTAssertLessThanOrEqual(held.max()!, budget)
        XCTAssertGreaterThan(held.max()!, budget / 2, "the cache does fill before it starts again")
    }

    /// At an animation's start every drawing thread wants the same masks at once: one makes
    /// each, the others wait for it rather than make it again.
    func testThreadsWantingTheSameMaskMakeItOnce() {
        let cache = MaskCache(budget: 1 << 20)
        let made = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for k in 0..<5 {
                let got = cache.mask(.roundedRectangle(Rect(x: 0, y: 0, width: Double(10 + k), height: 10), radius: 2)) {
                    made.withLock { $0 += 1 }
                    usleep(20_000)
                    return Self.square(10 + k)
                }
                XCTAssertEqual(got?.mask.bounds.width, 10 + k)
            }
        }
        XCTAssertEqual(made.withLock { $0 }, 5, "each of five masks made once by four threads")
    }

    private struct Refused: Error {}

    func testAMaskThatFailsIsMadeByTheNextThatAsks() {
        let cache = MaskCache(budget: 1 << 20)
        let key = MaskCache.Key.roundedRectangle(Rect(x: 0, y: 0, width: 5, height: 5), radius: 1)
        XCTAssertThrowsError(try cache.mask(key) { throw Refused() })
        XCTAssertEqual(try cache.mask(key) { Self.square(5) }?.mask.bounds.width, 5)
    }
}
