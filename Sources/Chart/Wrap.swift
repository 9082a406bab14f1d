import Typeset

/// A label fitted into a width: broken into lines at its spaces (never inside a `$…$`
/// math span) and, when that is not enough, set smaller down to a legible floor.
public struct FittedText: Sendable, Equatable {
    public let lines: [String]
    public let sizePixels: Double
}

enum TextWrap {
    /// The label's words: the pieces between spaces outside math spans (`\$` is a literal
    /// dollar sign, not a span's edge), an "=" kept with its neighbours.
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
        // "loss = 302.69" and "r = 0.75" stay whole: a line never ends or starts at "=".
        var joined: [String] = []
        var i = 0
        while i < words.count {
            if words[i] == "=", let last = joined.popLast() {
                joined.append(last + " =" + (i + 1 < words.count ? " " + words[i + 1] : ""))
                i += 2
            } else {
                joined.append(words[i])
                i += 1
            }
        }
        return joined
    }

    /// A math span (`$…$`) cut before each operator outside braces that has a space on
    /// either side (" = ", " - ", " + ", " \\times "), each piece a span of its own (one that
    /// starts with an operator after `{}`, so it is still set as one); nil when there is no
    /// such operator.
    static func mathPieces(_ word: String) -> [String]? {
        guard word.count > 2, word.hasPrefix("$"), word.hasSuffix("$") else { return nil }
        let inner = Array(word.dropFirst().dropLast())
        let operators = [" = ", " - ", " + ", " \\times "].map(Array.init)
        var pieces: [String] = [], current: [Character] = [], depth = 0, i = 0
        while i < inner.count {
            let c = inner[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0, c == " ", !current.isEmpty,
               operators.contains(where: { i + $0.count <= inner.count && Array(inner[i..<(i + $0.count)]) == $0 }) {
                pieces.append(String(current))
                current = []
                i += 1  // the space before the operator
                continue
            }
            if c == "\\", i + 1 < inner.count { current += [c, inner[i + 1]]; i += 2; continue }
            current.append(c)
            i += 1
        }
        pieces.append(String(current))
        guard pieces.count > 1 else { return nil }
        return pieces.enumerated().map { k, piece in "$" + (k > 0 ? "{}" : "") + piece + "$" }
    }

    /// Lines filled greedily with whole words, each no wider than `maxWidth` unless one
    /// word alone is wider; with `cuttingMath` (a title's formula) a math span wider than a
    /// line is cut before its operators (`mathPieces`) rather than left to stick out.
    static func lines(_ label: String, maxWidth: Double, cuttingMath: Bool = false,
                      width: (String) throws -> Double) rethrows -> [String] {
        var lines: [String] = []
        var current = ""
        var all: [String] = []
        for word in words(label) {
            if cuttingMath, let pieces = mathPieces(word), try width(word) > maxWidth { all += pieces } else { all.append(word) }
        }
        for word in all {
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
