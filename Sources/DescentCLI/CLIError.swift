import Descent
import Foundation
import GIF
import PNG
import Render
import Typeset

/// A mistake on the command line itself: what it is about (a flag, a file) and what was
/// wrong and what is accepted. The library's errors come through as they are, and
/// `message(for:)` words every one the same way.
struct CLIError: Error, CustomStringConvertible {
    let subject: String
    let problem: String

    init(_ subject: String, _ problem: String) {
        self.subject = subject
        self.problem = problem
    }

    var description: String { "\(subject): \(problem)" }

    /// What to tell the person at the terminal for an error of this program or its
    /// libraries; nil for anything else (argument parsing words its own).
    static func message(for error: Error) -> String? {
        switch error {
        case let error as CLIError: return error.description
        case let error as RenderError: return error.description(naming: RenderCommand.flag)
        case let error as SceneError: return error.description
        case let error as GIFError: return error.description
        case let error as PNGError: return error.description
        case let error as TypesetError: return error.description
        case let error as MathError: return error.description
        default: return nil
        }
    }
}
