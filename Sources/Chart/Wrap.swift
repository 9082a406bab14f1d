import Typeset

/// A label fitted into a width: broken into lines at its spaces (never inside a `$…$`
/// math span) and, when that is not enough, set smaller down to a legible floor.
public struct FittedText: Sendable, Equatable {
    public let lines: [String]
    public let sizePixels: Double
}

enum TextWrap {
    /// The label's words: the pieces between spaces outside math spans (`\$` is a literal
    /// dollar sign, not a span's edge).
    static func words(_ label: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inMath = false
        var escaped = false
        for character in label {
            if character == " " && !inMath {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            current.append(character)
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "$" { inMath.toggle() }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Lines filled greedily with whole words, each no wider than `maxWidth` unless one
    /// word alone is wider.
    static func lines(_ label: String, maxWidth: Double, width: (String) throws -> Double) rethrows -> [String] {
        var lines: [String] = []
        var current = ""
        for word in words(label) {
            let candidate = current.isEmpty ? word : current + " " + word
            let fits = current.isEmpty ? true : try width(candidate) <= maxWidth
            if fits {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [label] : lines
    }
}
