import Dispatch
import XCTest
@testable import GIF

/// `Parallel`'s contracts, which the encoder's determinism and `--threads` rest on: outputs in
/// order, each item made from the one `lanes` before and finished with the one just before,
/// never more threads at work than asked, memory bounded by `ahead`, and the error of the
/// lowest index that failed.
final class ParallelTests: XCTestCase {
    /// How many calls run at once, and the most there ever were.
    private final class Busy: Sendable {
        private let state = Shared((now: 0, most: 0, threads: Set<UInt>()))
        func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now); $0.threads.insert(UInt(bitPattern: Int(pthread_self()))) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var most: Int { state.value.most }
        var threads: Int { state.value.threads.count }
    }

    /// A few microseconds to a millisecond of work, different for each item, so lanes interleave.
    private static func work(_ i: Int) {
        usleep(UInt32((i * 7919) % 13) * 80)
    }

    func testOutputsComeInOrderMadeFromTheRightItems() throws {
        for lanes in [1, 2, 3, 5] {
            for ahead in [1, 4, 9] {
                let count = 40
                var consumed: [Int] = []
                let recycled = Shared([Int]())
                // An item is (its index, the index of the item it was made from).
                try Parallel.pipeline(count: count, lanes: lanes, ahead: ahead,
                                      produce: { lane, i, before -> [Int] in
                                          XCTAssertEqual(lane, i % lanes, "item \(i) on its lane")
                                          XCTAssertEqual(before?[0], i >= lanes ? i - lanes : nil, "item \(i) made from the one `lanes` before")
                                          ParallelTests.work(i)
                                          return [i]
                                      },
                                      finish: { item, previous -> Int in
                                          XCTAssertEqual(previous?[0], item[0] > 0 ? item[0] - 1 : nil, "finished with the item before")
                                          ParallelTests.work(item[0] + 1)
                                          return item[0] * 10
                                      },
                                      consume: { i, output in
                                          XCTAssertEqual(output, i * 10)
                                          consumed.append(i)
                                      },
                                      recycle: { item in recycled.withLock { $0.append(item[0]) } })
                XCTAssertEqual(consumed, Array(0..<count), "\(lanes) lanes, ahead \(ahead)")
                let handedBack = recycled.value
                XCTAssertEqual(Set(handedBack).count, handedBack.count, "no item recycled twice")
                XCTAssertTrue(handedBack.allSatisfy { $0 < count - 1 }, "the last item is never recycled while it may be needed")
            }
        }
    }

    func testNoMoreThreadsWorkThanLanesAndNoMoreItemsThanAhead() throws {
        for lanes in [1, 2, 3] {
            let busy = Busy()
            let inFlight = Shared((made: 0, consumed: 0, most: 0))
            try Parallel.pipeline(count: 60, lanes: lanes, ahead: 6,
                                  produce: { _, i, _ -> Int in
                                      busy.enter(); defer { busy.leave() }
                                      inFlight.withLock { $0.made += 1; $0.most = max($0.most, $0.made - $0.consumed) }
                                      ParallelTests.work(i)
                                      return i
                                  },
                                  finish: { item, _ -> Int in
                                      busy.enter(); defer { busy.leave() }
                                      ParallelTests.work(item + 3)
                                      return item
                                  },
                                  consume: { _, _ in inFlight.withLock { $0.consumed += 1 } })
            XCTAssertLessThanOrEqual(busy.most, lanes, "\(lanes) lanes: never more calls at once")
            XCTAssertLessThanOrEqual(busy.threads, lanes, "\(lanes) lanes: calls made on that many threads")
            if lanes > 1 { XCTAssertGreaterThan(busy.most, 1, "lanes do work at the same time") }
            XCTAssertLessThanOrEqual(inFlight.value.most, 6, "\(lanes) lanes: at most `ahead` items made and not consumed")
        }
    }

    private struct Failure: Error, Equatable { let index: Int }

    func testTheLowestFailureIsThrownWhateverFailsFirst() {
        // Item 21 fails at once; item 8 fails late (its lane is slow to get there).
        for lanes in [1, 2, 4] {
            XCTAssertThrowsError(try Parallel.pipeline(count: 50, lanes: lanes, ahead: 30,
                                                       produce: { _, i, _ -> Int in
                                                           if i == 8 { usleep(20_000); throw Failure(index: 8) }
                                                           if i == 21 { throw Failure(index: 21) }
                                                           return i
                                                       },
                                                       finish: { item, _ in item },
                                                       consume: { i, _ in XCTAssertLessThan(i, 8) })) { error in
                XCTAssertEqual(error as? Failure, Failure(index: 8), "\(lanes) lanes")
            }
            XCTAssertThrowsError(try Parallel.pipeline(count: 50, lanes: lanes, ahead: 8,
                                                       produce: { _, i, _ in i },
                                                       finish: { item, _ -> Int in
                                                           if item == 30 { throw Failure(index: 30) }
                                                           return item
                                                       },
                                                       consume: { i, _ in if i == 12 { throw Failure(index: 12) } })) { error in
                XCTAssertEqual(error as? Failure, Failure(index: 12), "consume's own error, \(lanes) lanes")
            }
        }
    }

    func testMapUsesAsManyThreadsAsAskedAndKeepsOrder() throws {
        for workers in [1, 2, 3] {
            let busy = Busy()
            let out = try Parallel.map(count: 24, workers: workers) { i -> Int in
                busy.enter(); defer { busy.leave() }
                ParallelTests.work(i)
                return i * i
            }
            XCTAssertEqual(out, (0..<24).map { $0 * $0 })
            XCTAssertLessThanOrEqual(busy.most, workers)
            XCTAssertLessThanOrEqual(busy.threads, workers)
        }
    }
}
