import Dispatch
import Foundation

/// The two shapes of parallel work a render or an encode has: a pass where order does not
/// matter (counting colours), and a pipeline whose results must be consumed in order
/// (frames into the encoder) while later ones are being made.
enum Parallel {
    /// Calls `body(worker, index)` for every index in 0..<count; worker w takes indices
    /// w, w + workers, w + 2·workers, … on its own thread. Throws the error of the lowest
    /// index that failed, so failures are reported the same way on every run.
    static func strided(count: Int, workers: Int, _ body: (_ worker: Int, _ index: Int) throws -> Void) throws {
        let workers = max(1, min(workers, count))
        var failures = [(index: Int, error: Error)?](repeating: nil, count: workers)
        failures.withUnsafeMutableBufferPointer { failed in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: count, by: workers) {
                    do { try body(w, i) } catch {
                        failed[w] = (i, error)
                        return
                    }
                }
            }
        }
        if let first = failures.compactMap({ $0 }).min(by: { $0.index < $1.index }) { throw first.error }
    }

    /// Makes items 0..<count in batches of `width` — item k of a batch in slot k, all slots
    /// at once — and, while the next batch is being made, finishes each item of the batch
    /// together with the item before it (all at once again), then hands the results to
    /// `consume` in order on the calling thread. At most two batches exist at a time.
    /// Items no longer needed go to `recycle` (so their memory can serve again).
    static func pipeline<Item, Output>(count: Int, width: Int,
                                       produce: @escaping (_ slot: Int, _ index: Int) throws -> Item,
                                       finish: @escaping (_ item: Item, _ previous: Item?) throws -> Output,
                                       consume: (_ index: Int, Output) throws -> Void,
                                       recycle: (Item) -> Void = { _ in }) throws {
        let width = max(1, width)
        let batch: (Int) throws -> [Item] = { start in
            let end = min(count, start + width)
            var items = [Item?](repeating: nil, count: end - start)
            try items.withUnsafeMutableBufferPointer { out in
                try strided(count: end - start, workers: end - start) { _, k in out[k] = try produce(k, start + k) }
            }
            return items.map { $0! }
        }
        guard count > 0 else { return }
        var current = try batch(0)
        var before: Item?
        var start = 0
        while start < count {
            let nextStart = start + width
            let next = NextBatch<[Item]>()
            let group = DispatchGroup()
            if nextStart < count {
                DispatchQueue.global().async(group: group) { next.result = Result { try batch(nextStart) } }
            }
            var consumed: Error?
            do {
                var outputs = [Output?](repeating: nil, count: current.count)
                try outputs.withUnsafeMutableBufferPointer { out in
                    try strided(count: current.count, workers: current.count) { _, k in
                        out[k] = try finish(current[k], k == 0 ? before : current[k - 1])
                    }
                }
                for (k, output) in outputs.enumerated() { try consume(start + k, output!) }
            } catch {
                consumed = error
            }
            group.wait()
            if let consumed { throw consumed }
            // Done with: the item before this batch and all of it but its last. Handed back
            // only now, when nothing else holds them, so their memory can be written again.
            var done = current.dropLast().map { $0 }
            if let before { done.append(before) }
            before = current.last
            if let result = next.result { current = try result.get() }
            for item in done { recycle(item) }
            start = nextStart
        }
    }
}

/// The batch being made while the previous one is consumed; written by one thread, read by
/// the other only after `DispatchGroup.wait()`, which orders the two.
private final class NextBatch<Batch>: @unchecked Sendable {
    var result: Result<Batch, Error>?
}
