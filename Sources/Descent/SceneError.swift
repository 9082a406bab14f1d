/// The one error of this module: a problem with a scene's value (or a lesson's, or the
/// figure's size), named by field and by where the value came from: the file and line, or
/// the flag.
public struct SceneError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String?
    public var line: Int?
    public let field: String
    public let problem: String
    /// For a size too small for the figure's panels: the smallest that fits, before scaling.
    public var minimumSize: PixelSize?

    /// A width and a height in pixels.
    public struct PixelSize: Equatable, Sendable {
        public let width: Int
        public let height: Int
    }

    /// The figure's panels do not fit at `width`x`height`; the smallest that fits is given.
    static func tooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> SceneError {
        var error = SceneError(field: "size", problem: "\(width)x\(height) is too small for this lesson's panels with their "
                               + "labels; use at least \(minimumWidth)x\(minimumHeight)")
        error.minimumSize = PixelSize(width: minimumWidth, height: minimumHeight)
        return error
    }

    /// A lesson's problem, placed where its field's value came from.
    public init(_ error: LessonError, origin: Origin?) {
        self.init(field: error.field, problem: error.problem, origin: origin)
    }

    /// The same problem, placed where its field's value came from.
    public func placed(at origin: Origin?) -> SceneError {
        var placed = SceneError(field: field, problem: problem, origin: origin)
        placed.minimumSize = minimumSize
        return placed
    }

    public init(file: String? = nil, line: Int? = nil, field: String, problem: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
    }

    /// A problem with `field`, whose value came from `origin`: a flag takes the field's place.
    public init(field: String, problem: String, origin: Origin?) {
        switch origin {
        case let .file(path, line)?: self.init(file: path, line: line, field: field, problem: problem)
        case let .flag(flag)?: self.init(field: flag, problem: problem)
        case nil: self.init(field: field, problem: problem)
        }
    }

    public var description: String {
        var place = ""
        if let file { place += file + ":" }
        if let line { place += "\(line):" }
        return (place.isEmpty ? "" : place + " ") + "\(field): \(problem)"
    }
}
