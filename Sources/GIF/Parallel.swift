import Dispatch
import Synchronization

/// The two shapes of parallel work a render or an encode has: a pass where order does not
/// matter (counting colours), and a pipeline whose results must be consumed in order
/// (frames into the encoder) while later ones are being made.
///
/// Everything that crosses a thread is `Sendable`, so the compiler checks it: work goes in
/// as `@Sendable` closures, results come back through `Shared` values.
enum Parallel {
    /// Worker w starts from `start(w)` and calls `body(&state, w, index)` for indices w,
    /// w + workers, w + 2·workers, … below `count`, on its own thread; returns each worker's
    /// final state, in worker order. Throws the error of the lowest index that failed, so
    /// failures are reported the same way on every run.
    static func strided<State: Sendable>(count: Int, workers: Int,
                                         start: @Sendable (_ worker: Int) -> State,
                                         _ body: @Sendable (_ state: inout State, _ worker: Int, _ index: Int) throws -> Void)
        throws -> [State] {
        let workers = max(1, min(workers, count))
        let states = Shared([State?](repeating: nil, count: workers))
        let failures = Shared([(index: Int, error: any Error)?](repeating: nil, count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var state = start(w)
            for i in stride(from: w, to: count, by: workers) {
                do { try body(&state, w, i) } catch {
                    failures.withLock { $0[w] = (i, error) }
                    return
                }
            }
            states.withLock { [state] in $0[w] = state }
        }
        if let first = failures.value.compactMap({ $0 }).min(by: { $0.index < $1.index }) { throw first.error }
        return states.value.map { $0! }
    }

    /// `strided` without state: `body(worker, index)` for every index in 0..<count.
    static func strided(count: Int, workers: Int, _ body: @Sendable (_ worker: Int, _ index: Int) throws -> Void) throws {
        _ = try strided(count: count, workers: workers, start: { _ in () }) { _, w, i in try body(w, i) }
    }

    /// `body(index)` for every index in 0..<count, all at once; the results in order.
    static func map<Output: Sendable>(count: Int, _ body: @Sendable (_ index: Int) throws -> Output) throws -> [Output] {
        let outputs = Shared([Output?](repeating: nil, count: count))
        try strided(count: count, workers: count) { _, i in
            let output = try body(i)
            outputs.withLock { $0[i] = output }
        }
        return outputs.value.map { $0! }
    }

    /// Makes items 0..<count in batches of `width`, on `lanes` threads: lane l makes items l,
    /// l + lanes, l + 2·lanes, … of the batch one after the other, each given the item
    /// `lanes` before it (made by the same lane, in this batch or the one before). While the
    /// next batch is being made, finishes each item of the batch together with the item
    /// before it (all at once, as threads come free: a slow item does not hold the others
    /// up), then hands the results to `consume` in order on the calling thread. At most two
    /// batches exist at a time. Items no longer needed go to `recycle` (so their memory can
    /// serve again). `width` is rounded up to a multiple of `lanes`.
    static func pipeline<Item: Sendable, Output: Sendable>(
        count: Int, lanes: Int, width: Int,
        produce: @escaping @Sendable (_ lane: Int, _ index: Int, _ before: Item?) throws -> Item,
        finish: @escaping @Sendable (_ item: Item, _ previous: Item?) throws -> Output,
        consume: (_ index: Int, Output) throws -> Void,
        recycle: (Item) -> Void = { _ in }) throws {
        let lanes = max(1, lanes)
        let width = max(1, (width + lanes - 1) / lanes) * lanes
        let batch: @Sendable (Int, [Item]) throws -> [Item] = { start, before in
            let size = min(count, start + width) - start
            let made = Shared([Item?](repeating: nil, count: size))
            try strided(count: size, workers: lanes) { lane, k in
                let earlier = k >= lanes ? made.withLock { $0[k - lanes] } : (before.isEmpty ? nil : before[before.count - lanes + k])
                let item = try produce(lane, start + k, earlier)
                made.withLock { $0[k] = item }
            }
            return made.value.map { $0! }
        }
        guard count > 0 else { return }
        var current = try batch(0, [])
        var before: Item?
        var start = 0
        while start < count {
            let nextStart = start + width
            let next = Shared<Result<[Item], any Error>?>(nil)
            let group = DispatchGroup()
            if nextStart < count {
                DispatchQueue.global().async(group: group) { [current] in
                    let made = Result { try batch(nextStart, current) }
                    next.withLock { $0 = made }
                }
            }
            var consumed: (any Error)?
            do {
                let (items, first) = (current, before)
                let outputs = try map(count: items.count) { k in try finish(items[k], k == 0 ? first : items[k - 1]) }
                for (k, output) in outputs.enumerated() { try consume(start + k, output) }
            } catch {
                consumed = error
            }
            group.wait()
            if let consumed { throw consumed }
            // Done with: the item before this batch and all of it but its last. Handed back
            // only now, when nothing else holds them, so their memory can be written again.
            var done = Array(current.dropLast())
            if let before { done.append(before) }
            before = current.last
            if let result = next.value { current = try result.get() }
            for item in done { recycle(item) }
            start = nextStart
        }
    }
}

/// A value several threads read and write, each access under a lock. The lock is taken
/// for the access only: work on a value read out happens outside it.
public final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` on the value with the lock held.
    public func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { value in try body(&value) }
    }

    /// A copy of the value now.
    public var value: Value {
        mutex.withLock { $0 }
    }
}
