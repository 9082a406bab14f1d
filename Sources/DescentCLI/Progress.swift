import Foundation
import Render
import Synchronization


/// A progress bar on standard error, drawn only at a terminal. Advanced from whichever
/// thread finished a step.
final class Progress: Sendable {
    private let total: Int
    private let label: String
    /// Steps done, and the percentage last drawn.
    private let state = Mutex((done: 0, drawn: -1))

    init?(total: Int, label: String, quiet: Bool) {
        guard !quiet, isatty(2) == 1, total > 0 else { return nil }
        self.total = total
        self.label = label
    }

    func advance() {
        state.withLock { state in
            state.done += 1
            let percent = state.done * 100 / total
            guard percent != state.drawn else { return }
            state.drawn = percent
            let width = 30
            let filled = state.done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardErrorWrite("\r\(label) \(bar) \(percent)%")
            if state.done == total { FileHandle.standardErrorWrite("\r\u{1B}[K") }
        }
    }
}
