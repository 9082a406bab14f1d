/// What is wrong with a lesson's numbers: the field it is about ("lr", "data.x",
/// "optimizer.beta") and the problem, with what is accepted. It knows nothing of where the
/// value came from; a scene places it (`Scene.sceneError(_:)` in `Descent`).
public struct LessonError: Error, CustomStringConvertible, Equatable, Sendable {
    public let field: String
    public let problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
