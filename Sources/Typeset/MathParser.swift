/// A malformed label: which label, at which column (1-based, in characters), what was
/// expected there.
public struct MathError: Error, CustomStringConvertible, Equatable {
    public let label: String
    public let column: Int
    public let problem: String

    public var description: String { "label \"\(label)\", column \(column): \(problem)" }
}

/// The TeX subset a label's `$…$` spans may use.
indirect enum MathNode: Equatable {
    /// A character with its TeX class.
    case symbol(String, MathClass, MathFace)
    case group([MathNode])
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
    /// A fraction; `display` sets its parts at the surrounding size (\dfrac), otherwise
    /// one level smaller as TeX's inline \frac does.
    case fraction(MathNode, MathNode, display: Bool)
    case root(MathNode)
    /// A big operator (∑) with limits set above and below.
    case largeOperator(String, sub: MathNode?, sup: MathNode?)
    case delimited(open: String, MathNode, close: String)
    /// Horizontal space in mu (1/18 em).
    case space(Double)
}

/// TeX's atom classes, which decide the spacing between neighbours.
enum MathClass: Equatable {
    case ordinary, binary, relation, open, close, punctuation, largeOperator
}

/// Which face a symbol is set in.
enum MathFace: Equatable {
    /// Variables: oblique.
    case italic
    /// Digits, operators, Greek capitals, \mathrm and \text: upright.
    case upright
}

/// Parses labels: plain text with `$…$` math spans (`\$` is a literal dollar sign).
enum LabelParser {
    enum Segment: Equatable {
        case text(String)
        case math(MathNode)
    }

    static func parse(_ label: String) throws -> [Segment] {
        let chars = Array(label)
        var segments: [Segment] = []
        var text = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
                text.append("$")
                i += 2
                continue
            }
            if c == "$" {
                guard let end = (i + 1..<chars.count).first(where: { chars[$0] == "$" && chars[$0 - 1] != "\\" }) else {
                    throw MathError(label: label, column: i + 1, problem: "this $ opens math that is never closed; expected a closing $")
                }
                if !text.isEmpty { segments.append(.text(text)); text = "" }
                var parser = MathParser(label: label, chars: chars, position: i + 1, end: end)
                segments.append(.math(try parser.parseAll()))
                i = end + 1
                continue
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { segments.append(.text(text)) }
        return segments
    }
}

struct MathParser {
    let label: String
    let chars: [Character]
    var position: Int
    let end: Int
    /// Groups nest at most this deep: a label is a line of math, and the limit keeps
    /// hostile input from exhausting the stack.
    static let maximumDepth = 32
    private var depth = 0

    init(label: String, chars: [Character], position: Int, end: Int) {
        self.label = label
        self.chars = chars
        self.position = position
        self.end = end
    }

    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
        "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    static let symbols: [String: (String, MathClass)] = [
        "partial": ("∂", .ordinary), "nabla": ("∇", .ordinary), "infty": ("∞", .ordinary),
        "cdot": ("·", .binary), "times": ("×", .binary), "pm": ("±", .binary), "div": ("÷", .binary),
        "leq": ("≤", .relation), "le": ("≤", .relation), "geq": ("≥", .relation), "ge": ("≥", .relation),
        "approx": ("≈", .relation), "neq": ("≠", .relation), "ne": ("≠", .relation), "to": ("→", .relation),
        "rightarrow": ("→", .relation), "leftarrow": ("←", .relation), "sim": ("∼", .relation),
        "ldots": ("…", .ordinary), "cdots": ("⋯", .ordinary),
        "{": ("{", .open), "}": ("}", .close), "%": ("%", .ordinary), "$": ("$", .ordinary), "_": ("_", .ordinary),
    ]

    static let spaces: [String: Double] = [",": 3, ":": 4, ">": 4, ";": 5, "quad": 18, "qquad": 36, "!": -3, " ": 5]

    static let delimiters: Set<String> = ["(", ")", "[", "]", "|", ".", "\\{", "\\}"]

    private func fail(_ problem: String, at column: Int? = nil) -> MathError {
        MathError(label: label, column: (column ?? position) + 1, problem: problem)
    }

    /// What ends a list of atoms.
    private enum Closing {
        case endOfSpan, brace, right
    }

    mutating func parseAll() throws -> MathNode {
        .group(try parseList(until: .endOfSpan))
    }

    private mutating func skipSpaces() {
        while position < end, chars[position] == " " || chars[position] == "\t" { position += 1 }
    }

    /// Atoms up to the closing brace (or the end of the span when `closing` is nil).
    private mutating func parseList(until closing: Closing) throws -> [MathNode] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= MathParser.maximumDepth else { throw fail("groups nest deeper than \(MathParser.maximumDepth) levels") }
        var list: [MathNode] = []
        while true {
            skipSpaces()
            if position >= end {
                if closing == .brace { throw fail("expected } to close the group") }
                if closing == .right { throw fail("\\left needs a matching \\right") }
                return list
            }
            let c = chars[position]
            if c == "}" {
                guard closing == .brace else { throw fail("unexpected }: no group is open here") }
                position += 1
                return list
            }
            if c == "\\", position + 1 < end, commandName(at: position + 1) == "right" {
                guard closing == .right else { throw fail("\\right without a matching \\left") }
                return list
            }
            if c == "_" || c == "^" {
                guard let last = list.popLast() else { throw fail("\(c) needs something before it to attach to") }
                list.append(try parseScripts(base: last))
                continue
            }
            list.append(try parseAtom())
        }
    }

    private mutating func parseScripts(base: MathNode) throws -> MathNode {
        var sub: MathNode?, sup: MathNode?
        var bare = base
        if case .scripts(let b, let s, let p) = base { bare = b; sub = s; sup = p }
        while position < end, chars[position] == "_" || chars[position] == "^" {
            let which = chars[position]
            let at = position
            position += 1
            skipSpaces()
            guard position < end else { throw fail("expected a script after \(which)") }
            let argument = try parseArgument()
            if which == "_" {
                guard sub == nil else { throw fail("double subscript: use braces, like x_{ab}", at: at) }
                sub = argument
            } else {
                guard sup == nil else { throw fail("double superscript: use braces, like x^{ab}", at: at) }
                sup = argument
            }
            skipSpaces()
        }
        if case .largeOperator(let symbol, _, _) = bare { return .largeOperator(symbol, sub: sub, sup: sup) }
        return .scripts(base: bare, sub: sub, sup: sup)
    }

    /// A braced group or a single atom.
    private mutating func parseArgument() throws -> MathNode {
        skipSpaces()
        guard position < end else { throw fail("expected an argument") }
        if chars[position] == "{" {
            position += 1
            return .group(try parseList(until: .brace))
        }
        if chars[position] == "}" || chars[position] == "_" || chars[position] == "^" {
            throw fail("expected an argument, found \(chars[position])")
        }
        return try parseAtom()
    }

    private func commandName(at start: Int) -> String {
        var i = start
        guard i < end else { return "" }
        if !chars[i].isLetter { return String(chars[i]) }
        var name = ""
        while i < end, chars[i].isLetter { name.append(chars[i]); i += 1 }
        return name
    }

    private mutating func parseAtom() throws -> MathNode {
        let c = chars[position]
        if c == "{" {
            position += 1
            return .group(try parseList(until: .brace))
        }
        if c == "\\" {
            return try parseCommand()
        }
        position += 1
        switch c {
        case "a"..."z", "A"..."Z": return .symbol(String(c), .ordinary, .italic)
        case "0"..."9", ".": return .symbol(String(c), .ordinary, .upright)
        case "+": return .symbol("+", .binary, .upright)
        case "-": return .symbol("\u{2212}", .binary, .upright)
        case "*": return .symbol("∗", .binary, .upright)
        case "/": return .symbol("/", .ordinary, .upright)
        case "=", "<", ">": return .symbol(String(c), .relation, .upright)
        case ",", ";": return .symbol(String(c), .punctuation, .upright)
        case "(", "[": return .symbol(String(c), .open, .upright)
        case ")", "]": return .symbol(String(c), .close, .upright)
        case "|", "!", "?", ":": return .symbol(String(c), .ordinary, .upright)
        case "'": return .scripts(base: .group([]), sub: nil, sup: .symbol("′", .ordinary, .upright))
        default:
            if c.isLetter { return .symbol(String(c), .ordinary, .italic) }
            if c.isNumber || c.isSymbol || c.isPunctuation { return .symbol(String(c), .ordinary, .upright) }
            throw fail("unexpected character \(c)", at: position - 1)
        }
    }

    private mutating func parseCommand() throws -> MathNode {
        let start = position
        let name = commandName(at: position + 1)
        guard !name.isEmpty else { throw fail("expected a command name after \\") }
        position += 1 + name.count
        if let space = MathParser.spaces[name] { return .space(space) }
        if let letter = MathParser.greek[name] {
            let uppercase = name.first!.isUppercase
            return .symbol(letter, .ordinary, uppercase ? .upright : .italic)
        }
        if let (symbol, kind) = MathParser.symbols[name] { return .symbol(symbol, kind, .upright) }
        switch name {
        case "frac", "dfrac":
            let numerator = try requireGroup("\\\(name) needs a numerator in braces, like \\\(name){a}{b}")
            let denominator = try requireGroup("\\\(name) needs a denominator: \\\(name){a}{b}")
            return .fraction(numerator, denominator, display: name == "dfrac")
        case "sqrt":
            return .root(try requireGroup("\\sqrt needs its argument in braces, like \\sqrt{x}"))
        case "sum":
            return .largeOperator("∑", sub: nil, sup: nil)
        case "mathrm":
            let content = try requireGroup("\\mathrm needs its argument in braces")
            return upright(content)
        case "text":
            skipSpaces()
            guard position < end, chars[position] == "{" else { throw fail("\\text needs its text in braces, like \\text{loss}") }
            position += 1
            var text = ""
            while position < end, chars[position] != "}" { text.append(chars[position]); position += 1 }
            guard position < end else { throw fail("expected } to close \\text") }
            position += 1
            return .group(text.map { .symbol(String($0), .ordinary, .upright) })
        case "left":
            let open = try parseDelimiter()
            let content = try parseList(until: .right)
            guard position + 1 < end, commandName(at: position + 1) == "right" else { throw fail("\\left needs a matching \\right") }
            position += 1 + "right".count
            let close = try parseDelimiter()
            return .delimited(open: open, .group(content), close: close)
        case "right":
            throw fail("\\right without a matching \\left", at: start)
        default:
            throw fail("unknown command \\\(name)", at: start)
        }
    }

    private mutating func parseDelimiter() throws -> String {
        skipSpaces()
        guard position < end else { throw fail("expected a delimiter such as ( [ | or .") }
        var d = String(chars[position])
        if d == "\\", position + 1 < end { d += String(chars[position + 1]) }
        guard MathParser.delimiters.contains(d) else { throw fail("expected a delimiter such as ( [ | or ., found \(d)") }
        position += d.count
        return d
    }

    private mutating func requireGroup(_ problem: String) throws -> MathNode {
        skipSpaces()
        guard position < end, chars[position] == "{" else { throw fail(problem) }
        position += 1
        return .group(try parseList(until: .brace))
    }

    /// The same nodes, every letter upright.
    private func upright(_ node: MathNode) -> MathNode {
        switch node {
        case .symbol(let s, let k, _): return .symbol(s, k, .upright)
        case .group(let list): return .group(list.map(upright))
        case .scripts(let b, let sub, let sup): return .scripts(base: upright(b), sub: sub.map(upright), sup: sup.map(upright))
        default: return node
        }
    }
}
