
/// Frames kept between the two passes of a render or an encode. Pass 1 counts each
/// frame's colours into its thread's `PaletteBuilder` and, while the thread's share of
/// `budget` lasts, keeps the frame as runs of colour ids; pass 2 turns a kept frame into
/// palette indices from its runs, and makes the others a second time (drawn, or decoded).
///
/// Each frame's slot is written by one thread and emptied by one thread, and each
/// thread's budget is touched only by that thread, so nothing needs a lock: the passes'
/// joins order them.
final class RecordedFrames: @unchecked Sendable {
    /// Bytes of frames kept as runs (the seed scene needs about 4 MB), so memory stays
    /// bounded however many frames there are.
    static let budget = 5 << 20

    private let slots: UnsafeMutableBufferPointer<(worker: Int, runs: FrameRuns)?>
    private let budgets: UnsafeMutableBufferPointer<Int>
    private var lookups: [[UInt8]] = []

    /// `recording` false keeps nothing (frames that will be dithered need their pixels).
    init(frames: Int, workers: Int, recording: Bool = true) {
        slots = .allocate(capacity: frames)
        slots.initialize(repeating: nil)
        budgets = .allocate(capacity: workers)
        budgets.initialize(repeating: recording ? RecordedFrames.budget / workers : 0)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
        budgets.deallocate()
    }

    /// Pass 1, on thread `worker`: counts frame `index` into `builder` (that thread's),
    /// keeping it while the thread's budget lasts.
    func count(_ rgba: [UInt8], frame index: Int, worker: Int, into builder: inout PaletteBuilder) {
        guard let runs = builder.add(rgba: rgba, recordingUpTo: budgets[worker]) else { return }
        budgets[worker] -= runs.byteCount
        slots[index] = (worker, runs)
    }

    /// Between the passes: how each thread's colour ids map to `palette`.
    func map(_ builders: [PaletteBuilder], to palette: Palette) {
        var mapper = PaletteMapper(palette: palette)
        lookups = builders.map { mapper.lookup($0.colorsByID) }
    }

    /// Pass 2: frame `index`'s palette indices into `out`, if it was kept (it is dropped
    /// here); false when it must be made again.
    func indices(frame index: Int, pixels: Int, into out: inout [UInt8]) -> Bool {
        guard let (worker, runs) = slots[index] else { return false }
        slots[index] = nil
        PaletteMapper.indices(runs: runs, lookup: lookups[worker], pixels: pixels, into: &out)
        return true
    }
}
