import Foundation
import Render

/// Errors for the person at the terminal are the library's: one type, one format.
typealias CLIError = RenderError

/// A progress bar on standard error, drawn only at a terminal.
final class Progress {
    private let total: Int
    private let label: String
    private var done = 0
    private var lastDrawn = -1

    init?(total: Int, label: String, quiet: Bool) {
        guard !quiet, isatty(2) == 1, total > 0 else { return nil }
        self.total = total
        self.label = label
    }

    func advance() {
        done += 1
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardErrorWrite("\r\(label) \(bar) \(percent)%")
        if done == total { FileHandle.standardErrorWrite("\r\u{1B}[K") }
    }
}
