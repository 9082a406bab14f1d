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
