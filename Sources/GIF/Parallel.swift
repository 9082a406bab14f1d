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

    /// `body(index)` for every index in 0..<count, on `workers` threads, each taking the next
    /// index as it comes free; the results in order.
    static func map<Output: Sendable>(count: Int, workers: Int, _ body: @Sendable (_ index: Int) throws -> Output) throws -> [Output] {
        let outputs = Shared([Output?](repeating: nil, count: count))
        let next = Shared(0)
        try strided(count: min(count, workers), workers: workers) { _, _ in
            while case let i = next.withLock({ n in defer { n += 1 }; return n }), i < count {
                let output = try body(i)
                outputs.withLock { $0[i] = output }
            }
        }
        return outputs.value.map { $0! }
    }

    /// Makes items 0..<count on `lanes` threads and hands their outputs to `consume` in
    /// order, on the calling thread, while later ones are being made. Lane l produces items
    /// l, l + lanes, l + 2·lanes, …, each from the item `lanes` before it (the same lane's
    /// last). Finishing item i (with item i − 1) is taken by whichever lane comes free first,
    /// in index order, once both are produced; a lane produces its next item first when it
    /// may, since others may be waiting for it. Nothing is produced `ahead` or more past the
    /// first item not yet consumed, so memory is bounded; an item no longer needed (the next
    /// finished and consumed, the item `lanes` after it produced) goes to `recycle`, on the
    /// calling thread. Exactly `lanes` threads work (the caller only waits and consumes).
    /// Throws the error of the lowest index that failed, or that `consume` threw.
    static func pipeline<Item: Sendable, Output: Sendable>(
        count: Int, lanes: Int, ahead: Int,
        produce: @escaping @Sendable (_ lane: Int, _ index: Int, _ before: Item?) throws -> Item,
        finish: @escaping @Sendable (_ item: Item, _ previous: Item?) throws -> Output,
        consume: (_ index: Int, Output) throws -> Void,
        recycle: (Item) -> Void = { _ in }) throws {
        guard count > 0 else { return }
        let lanes = max(1, min(lanes, count))
        let flow = PipelineFlow<Item, Output>(count: count, lanes: lanes, ahead: max(lanes, ahead))
        let group = DispatchGroup()
        for lane in 0..<lanes {
            DispatchQueue.global().async(group: group) {
                while true {
                    switch flow.next(lane: lane) {
                    case let .produce(i, before):
                        flow.produced(i, Result { try produce(lane, i, before) })
                    case let .finish(i, item, previous):
                        flow.finished(i, Result { try finish(item, previous) })
                    case .wait:
                        flow.wakes[lane].wait()
                    case .again:
                        continue
                    case .done:
                        return
                    }
                }
            }
        }
        var failure: (any Error)?
        var released = 0
        for c in 0..<count {
            flow.doneSignals[c].wait()
            do {
                try consume(c, try flow.output(c).get())
            } catch {
                failure = error
                break
            }
            flow.consumed(c)
            // Items done with: the one after finished (consumed) and the one `lanes` after produced.
            while released < c, let item = flow.release(released) {
                recycle(item)
                released += 1
            }
        }
        if failure != nil { flow.stop() }
        group.wait()
        if let failure { throw failure }
    }
}

/// What `Parallel.pipeline`'s lanes and its consumer share, under one lock: the items made
/// and not yet released, the outputs not yet consumed, and what each lane does next.
private final class PipelineFlow<Item: Sendable, Output: Sendable>: Sendable {
    enum Task {
        case produce(Int, before: Item?)
        case finish(Int, item: Item, previous: Item?)
        case wait
        /// Something failed and was recorded: look again.
        case again
        case done
    }

    private struct State {
        var items: [Item?]
        /// Whether item i was made (or failed to be: then its error is in `failures`).
        var produced: [Bool]
        var failures: [Int: any Error] = [:]
        var outputs: [Result<Output, any Error>?]
        /// Each lane's next item to produce.
        var nextProduced: [Int]
        var nextFinished = 0
        var consumed = 0
        var stopped = false
    }
    private let state: Shared<State>
    private let count: Int
    private let lanes: Int
    private let ahead: Int
    /// Signalled once when item i's output is ready.
    let doneSignals: [DispatchSemaphore]
    /// Each lane's wake-up call: signalled whenever something it may wait for happened.
    let wakes: [DispatchSemaphore]

    init(count: Int, lanes: Int, ahead: Int) {
        state = Shared(State(items: Array(repeating: nil, count: count), produced: Array(repeating: false, count: count),
                             outputs: Array(repeating: nil, count: count), nextProduced: Array(0..<lanes)))
        self.count = count
        self.lanes = lanes
        self.ahead = ahead
        doneSignals = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        wakes = (0..<lanes).map { _ in DispatchSemaphore(value: 0) }
    }

    /// What `lane` does next: produce its next item when it may, else finish the next item
    /// whose items are made, else wait.
    func next(lane: Int) -> Task {
        state.withLock { s -> Task in
            if s.stopped { return .done }
            let p = s.nextProduced[lane]
            if p < count, p < s.consumed + ahead {
                s.nextProduced[lane] += lanes
                guard p >= lanes else { return .produce(p, before: nil) }
                guard let before = s.items[p - lanes] else {
                    // The item it is made from failed: so does it.
                    s.produced[p] = true
                    s.failures[p] = CancellationError()
                    wakeAll()
                    return .again
                }
                return .produce(p, before: before)
            }
            let f = s.nextFinished
            guard f < count else { return p < count ? .wait : .done }
            guard s.produced[f], f == 0 || s.produced[f - 1] else { return .wait }
            s.nextFinished += 1
            guard let item = s.items[f] else {
                finishLocked(&s, f, .failure(s.failures[f] ?? CancellationError()))
                return .again
            }
            guard f == 0 || s.items[f - 1] != nil else {
                finishLocked(&s, f, .failure(CancellationError()))
                return .again
            }
            return .finish(f, item: item, previous: f == 0 ? nil : s.items[f - 1])
        }
    }

    func produced(_ i: Int, _ result: Result<Item, any Error>) {
        state.withLock { [result] s in
            s.produced[i] = true
            switch result {
            case .success(let item): s.items[i] = item
            case .failure(let error): s.failures[i] = error
            }
        }
        wakeAll()
    }

    func finished(_ i: Int, _ result: Result<Output, any Error>) {
        state.withLock { [result] s in finishLocked(&s, i, result) }
    }

    private func finishLocked(_ s: inout State, _ i: Int, _ result: Result<Output, any Error>) {
        s.outputs[i] = result
        doneSignals[i].signal()
    }

    /// Output `i`, handed over (its slot emptied).
    func output(_ i: Int) -> Result<Output, any Error> {
        state.withLock { s in
            defer { s.outputs[i] = nil }
            return s.outputs[i]!
        }
    }

    /// Output `i` consumed: the lanes may produce one item further.
    func consumed(_ i: Int) {
        state.withLock { $0.consumed = i + 1 }
        wakeAll()
    }

    /// Item `i`, taken out, once the item made from it (`lanes` after) has been made or never will be.
    func release(_ i: Int) -> Item? {
        state.withLock { s in
            guard i + lanes >= count || s.produced[i + lanes] else { return nil }
            defer { s.items[i] = nil }
            return s.items[i]
        }
    }

    /// Stops the lanes: each returns when it next looks for work.
    func stop() {
        state.withLock { $0.stopped = true }
        wakeAll()
    }

    private func wakeAll() {
        for wake in wakes { wake.signal() }
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
