
/// Frames kept between the two passes of a render or an encode. Pass 1 counts each
/// frame's colours into its thread's `PaletteBuilder` and, while the thread's share of
/// `budget` lasts, keeps the frame as runs of colour ids; pass 2 turns a kept frame into
/// palette indices from its runs, and makes the others a second time (drawn, or decoded).
///
/// A thread makes every `workers`-th frame, so it holds the frame it made before, `workers`
/// frames earlier: only where the two differ is counted (weighted by the frames the thread
/// has left, so the sums are those of whole frames) and kept. Pass 2 makes frames in lanes of
/// the same `workers` (`Parallel.pipeline`), so that earlier frame is the one its lane made before.
///
/// Each frame's slot is written by one thread and emptied by one thread, and each
/// thread's budget is touched only by that thread; the locks are there for the compiler's
/// proof, and are never waited on for long.
final class RecordedFrames: Sendable {
    /// Bytes of frames kept as runs (the seed scene needs about 4 MB), so memory stays
    /// bounded however many frames there are.
    static let budget = 5 << 20

    private let slots: Shared<[(worker: Int, runs: FrameRuns)?]>
    private let budgets: Shared<[Int]>
    private let lookups = Shared<[[UInt8]]>([])

    /// `recording` false keeps nothing (frames that will be dithered need their pixels).
    init(frames: Int, workers: Int, recording: Bool = true, budget: Int = RecordedFrames.budget) {
        slots = Shared(Array(repeating: nil, count: frames))
        budgets = Shared(Array(repeating: recording ? budget / workers : 0, count: workers))
    }

    /// One thread's pass 1: its colours, the frame it made last, and how many it has left.
    struct Counter: Sendable {
        var builder = PaletteBuilder()
        var previous: [UInt8]?
        var framesLeft: Int

        /// For worker `worker` of `workers`, which makes frames worker, worker + workers, … below `frames`.
        init(worker: Int, workers: Int, frames: Int) {
            framesLeft = (frames - worker + workers - 1) / workers
        }
    }

    /// Pass 1, on thread `worker`: counts frame `index` into `counter` (that thread's),
    /// keeping it while the thread's budget lasts.
    func count(_ rgba: [UInt8], frame index: Int, worker: Int, into counter: inout Counter) {
        let runs = counter.builder.add(rgba: rgba, after: counter.previous, weight: counter.framesLeft,
                                       recordingUpTo: budgets.withLock({ $0[worker] }))
        counter.previous = rgba
        counter.framesLeft -= 1
        guard let runs else { return }
        budgets.withLock { $0[worker] -= runs.byteCount }
        slots.withLock { $0[index] = (worker, runs) }
    }

    /// Between the passes: how each thread's colour ids map to `palette`.
    func map(_ builders: [PaletteBuilder], to palette: Palette) {
        var mapper = PaletteMapper(palette: palette)
        let made = builders.map { mapper.lookup($0.colorsByID) }
        lookups.withLock { $0 = made }
    }

    /// Pass 2: frame `index`'s palette indices into `out`, if it was kept (it is dropped
    /// here); false when it must be made again.
    /// `previous` is the frame `workers` before this one, as indices.
    func indices(frame index: Int, pixels: Int, previous: [UInt8]?, into out: inout [UInt8]) -> Bool {
        guard let (worker, runs) = slots.withLock({ slot in defer { slot[index] = nil }; return slot[index] }) else { return false }
        PaletteMapper.indices(runs: runs, lookup: lookups.withLock { $0[worker] }, pixels: pixels,
                              previous: runs.ranges == nil ? nil : previous, into: &out)
        return true
    }
}
