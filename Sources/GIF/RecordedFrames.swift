
/// Frames kept between the two passes of a render or an encode. Pass 1 counts each
/// frame's colours into its thread's `PaletteBuilder` and, while the thread's share of
/// `budget` lasts, keeps the frame as runs of colour ids; pass 2 turns a kept frame into
/// palette indices from its runs, and makes the others a second time (drawn, or decoded).
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
    init(frames: Int, workers: Int, recording: Bool = true) {
        slots = Shared(Array(repeating: nil, count: frames))
        budgets = Shared(Array(repeating: recording ? RecordedFrames.budget / workers : 0, count: workers))
    }

    /// Pass 1, on thread `worker`: counts frame `index` into `builder` (that thread's),
    /// keeping it while the thread's budget lasts.
    func count(_ rgba: [UInt8], frame index: Int, worker: Int, into builder: inout PaletteBuilder) {
        guard let runs = builder.add(rgba: rgba, recordingUpTo: budgets.withLock({ $0[worker] })) else { return }
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
    func indices(frame index: Int, pixels: Int, into out: inout [UInt8]) -> Bool {
        guard let (worker, runs) = slots.withLock({ slot in defer { slot[index] = nil }; return slot[index] }) else { return false }
        PaletteMapper.indices(runs: runs, lookup: lookups.withLock { $0[worker] }, pixels: pixels, into: &out)
        return true
    }
}
