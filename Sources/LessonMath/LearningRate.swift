import Foundation

/// A learning rate: its value for the arithmetic, and the text the teacher wrote, which the
/// figure shows and the file names carry ("1e-5" stays 1e-5, not 1e-05 or 0.00001).
///
/// Guarantees: the value is finite and greater than 0; the text is what was written, without
/// surrounding spaces.
public struct LearningRate: Sendable, Hashable, CustomStringConvertible {
    public let value: Double
    /// As written: "0.025", "1e-5", "2".
    public let text: String

    /// A rate from its text, as a scene file or `--lr` gives it.
    public init(_ text: String) throws(LessonError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed) else {
            throw LessonError(field: "lr", problem: "must be a number (got \(trimmed))")
        }
        try self.init(value: value, text: trimmed)
    }

    /// A rate from a number; its text is the number's shortest exact form ("0.025", "2").
    public init(_ value: Double) throws(LessonError) {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        try self.init(value: value, text: text)
    }

    private init(value: Double, text: String) throws(LessonError) {
        guard value.isFinite, value > 0 else {
            throw LessonError(field: "lr", problem: "must be a finite number greater than 0 (got \(text))")
        }
        self.value = value
        self.text = text
    }

    /// Whether the figure shows the text as written: a plain decimal (no exponent) from
    /// 10⁻⁴ up to 10⁵. Otherwise it writes a power of ten: 1e-5 as 10⁻⁵, and 0.0000025 as
    /// 2.5×10⁻⁶ too, since zeros past the fourth decimal are hard to count at a glance.
    public var isPlainDecimal: Bool {
        !text.lowercased().contains("e") && value >= 1e-4 && value < 1e5
    }

    public var description: String { text }

    /// Two rates are the same rate when their values are equal (0.1 and 0.10).
    public static func == (a: LearningRate, b: LearningRate) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
