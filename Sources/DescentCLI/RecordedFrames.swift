import GIF

/// Frames recorded in pass 1, by index: each slot is written by one thread and taken
/// (emptied) by one thread, so slots need no lock; the threads' joins order them.
final class RecordedFrames: @unchecked Sendable {
    /// Bytes of frames kept as runs between the passes (the seed scene needs about 4 MB);
    /// frames beyond it are made a second time (drawn, or decoded) instead, so memory
    /// stays bounded.
    static let budget = 5 << 20

    private let slots: UnsafeMutableBufferPointer<(worker: Int, runs: FrameRuns)?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> (worker: Int, runs: FrameRuns)? {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    /// The recording of frame `index`, which is dropped here.
    func take(_ index: Int) -> (worker: Int, runs: FrameRuns)? {
        defer { slots[index] = nil }
        return slots[index]
    }
}
