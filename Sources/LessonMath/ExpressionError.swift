/// What is wrong with an expression: the problem, and the column (from 1) where it is, so a
/// message can show the expression with a caret under that column.
public struct ExpressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The expression as written.
    public let source: String
    /// Where the problem is, in characters from 1.
    public let column: Int
    public let problem: String

    public init(source: String, column: Int, problem: String) {
        self.source = source
        self.column = column
        self.problem = problem
    }

    /// "column 9: unknown function 'sinn' — did you mean sin?", then the expression and a caret.
    public var description: String {
        "column \(column): \(problem)\n    \(source)\n    " + String(repeating: " ", count: Swift.max(0, column - 1)) + "^"
    }
}
