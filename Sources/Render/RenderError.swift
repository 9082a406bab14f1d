import Descent
import PNG
import Typeset

/// What went wrong with a render, for the person at the terminal: each case carries what
/// its message needs (the file, flag or key, what was wrong and what is accepted), and
/// `description` words it.
public enum RenderError: Error, CustomStringConvertible, Sendable {
    /// A scene's value is wrong; the error names the field and where the value came from.
    case scene(SceneError)
    /// DejaVu Sans or a named font could not be found or read.
    case fonts(TypesetError)
    /// An output path is a folder.
    case isAFolder(path: String)
    /// The folder for an output (`file`), or the frames folder (`file` nil), cannot be made.
    case cannotCreateFolder(folder: String, file: String?, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotReplace(path: String, reason: String)
    case threadsOutOfRange(Int)
    /// A frame could not be encoded as PNG (a poster or a frames folder).
    case png(PNGError)
    /// Two outputs would be the same file.
    case outputClash(path: String, first: String, second: String)
    /// An output's name does not end as its format does.
    case wrongExtension(path: String, output: String, expected: String)
    /// Standard output cannot take this GIF (a terminal, several rates, another output).
    case standardOutput(StandardOutputProblem)
    /// A frames folder holds files named like frames that no manifest of ours lists.
    case foreignFrames(folder: String, files: [String])
    /// A frames folder's `frames.json` is not ours.
    case frameManifest(path: String, problem: String)
    /// Something the render itself should have made is missing.
    case internalError(String)

    public var description: String { description(naming: \.libraryName) }

    /// The message, with options and settings named by `naming` (the command line's flags,
    /// or the library's names).
    public func description(naming: (RenderName) -> String) -> String {
        switch self {
        case let .scene(error): return error.description
        case let .fonts(error): return error.description
        case let .isAFolder(path): return "cannot write \(path): it is a folder; give a file name, like \(path)/out.gif"
        case let .cannotCreateFolder(folder, file, reason):
            return "cannot create the folder \(folder) for \(file ?? naming(.framesDirectory)): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .cannotReplace(path, reason): return "cannot replace \(path): \(reason)"
        case let .threadsOutOfRange(threads): return "\(naming(.threads)): must be between 1 and 64 (got \(threads))"
        case let .png(error): return error.description
        case let .outputClash(path, first, second):
            return "\(path): is both the \(first) and the \(second); give each output its own file"
        case let .wrongExtension(path, output, expected):
            return "\(path): the \(output) is written as .\(expected); name it with that extension (like out.\(expected))"
                + (output == "GIF" ? ", or .webp for an animated WebP alone" : "")
        case let .standardOutput(problem): return "\(naming(.output)) -: \(problem(naming))"
        case let .foreignFrames(folder, files):
            let shown = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", … (\(files.count) in all)" : "")
            return "\(naming(.framesDirectory)) \(folder): holds frame files no render of descent listed there (\(shown)); "
                + "frames of two renders would mix. Empty the folder or choose another"
        case let .frameManifest(path, problem): return "\(naming(.framesDirectory)): \(path) \(problem)"
        case let .internalError(what): return "internal error: \(what)"
        }
    }
}

/// Why standard output cannot take what a render writes.
public enum StandardOutputProblem: Sendable {
    case severalRates, notTheGIF(String), check, posterOfSnippet, terminal

    func callAsFunction(_ naming: (RenderName) -> String) -> String {
        switch self {
        case .severalRates: return "several learning rates make several GIFs; give \(naming(.output)) a file name"
        case .notTheGIF(let name): return "only the GIF can go to standard output, not the \(name)"
        case .check: return "\(naming(.check)) compares files; give \(naming(.output)) a file name"
        case .posterOfSnippet: return "the HTML snippet's poster is named after the GIF; give \(naming(.poster)) PATH.png too"
        case .terminal: return "standard output is a terminal; redirect it (descent render \(naming(.output)) - > out.gif) or give a file"
        }
    }
}
