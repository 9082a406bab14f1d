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
    /// A mark above its base: `bar` is a rule as wide as the base, the others a glyph.
    case accent(MathNode, Accent)
    /// Rows of cells, centred on the math axis (pmatrix and friends add their delimiters).
    case matrix([[MathNode]])
}

/// The accents a label may put over a symbol.
enum Accent: String, Equatable {
    case hat = "ˆ", tilde = "˜", dot = "˙", ddot = "¨", vec = "→", bar = "¯"
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
    /// \mathbf and \boldsymbol: DejaVu Sans Bold.
    case bold
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
        "in": ("∈", .relation), "notin": ("∉", .relation), "subset": ("⊂", .relation), "subseteq": ("⊆", .relation),
        "propto": ("∝", .relation), "equiv": ("≡", .relation), "ll": ("≪", .relation), "gg": ("≫", .relation),
        "gets": ("←", .relation), "Rightarrow": ("⇒", .relation), "Leftarrow": ("⇐", .relation),
        "Leftrightarrow": ("⇔", .relation), "mapsto": ("↦", .relation), "top": ("⊤", .ordinary),
        "ast": ("∗", .binary), "circ": ("∘", .binary), "forall": ("∀", .ordinary), "exists": ("∃", .ordinary),
        "prime": ("′", .ordinary), "ell": ("ℓ", .ordinary), "langle": ("⟨", .open), "rangle": ("⟩", .close), "|": ("‖", .ordinary),
        "lfloor": ("⌊", .open), "rfloor": ("⌋", .close), "lceil": ("⌈", .open), "rceil": ("⌉", .close),
        "lVert": ("‖", .open), "rVert": ("‖", .close), "lvert": ("|", .open), "rvert": ("|", .close),
        "{": ("{", .open), "}": ("}", .close), "%": ("%", .ordinary), "$": ("$", .ordinary), "_": ("_", .ordinary),
    ]

    /// Upright operator names (TeX's \log and kin); those with limits take their scripts
    /// below and above, as \sum does.
    static let operators: [String: Bool] = [
        "log": false, "exp": false, "ln": false, "sin": false, "cos": false, "tan": false, "det": false,
        "min": true, "max": true, "arg": false, "lim": true, "argmin": true, "argmax": true, "sup": true, "inf": true,
    ]

    static let accents: [String: Accent] = [
        "hat": .hat, "widehat": .hat, "tilde": .tilde, "widetilde": .tilde, "dot": .dot, "ddot": .ddot,
        "vec": .vec, "bar": .bar, "overline": .bar,
    ]

    /// Every command a label may use, for the error that suggests the nearest.
    static var knownCommands: [String] {
        Array(greek.keys) + Array(symbols.keys) + Array(operators.keys) + Array(accents.keys)
            + ["frac", "dfrac", "sqrt", "sum", "prod", "mathrm", "text", "left", "right", "mathbf", "boldsymbol",
               "mathit", "mathcal", "mathbb", "operatorname", "begin", "end", "quad", "qquad"]
    }

    static let spaces: [String: Double] = [",": 3, ":": 4, ">": 4, ";": 5, "quad": 18, "qquad": 36, "!": -3, " ": 5]

    static let delimiters: Set<String> = ["(", ")", "[", "]", "|", ".", "\\{", "\\}"]

    private func fail(_ problem: String, at column: Int? = nil) -> MathError {
        MathError(label: label, column: (column ?? position) + 1, problem: problem)
    }

    /// What ends a list of atoms.
    private enum Closing {
        case endOfSpan, brace, right
        /// A matrix cell: ends before `&`, `\\\\` or `\\end`.
        case cell
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
                if closing == .cell { throw fail("a matrix needs \\end to close it") }
                return list
            }
            let c = chars[position]
            if closing == .cell, c == "&" || (c == "\\" && ["\\", "end"].contains(commandName(at: position + 1))) {
                return list
            }
            if c == "&" { throw fail("& separates matrix cells, inside \\begin{pmatrix} … \\end{pmatrix}") }
            if c == "}" {
                guard closing == .brace else { throw fail("unexpected }: no group is open here") }
                position += 1
                return list
            }
            if c == "\\", position + 1 < end, commandName(at: position + 1) == "right" {
                guard closing == .right else { throw fail("\\right without a matching \\left") }
                return list
            }
            if c == "'" {
                // Primes: w' and L'' are followed by ′ and ′′ at the text's size (the prime
                // glyph stands raised by design, as TeX's scripted \prime does).
                var primes = 0
                while position < end, chars[position] == "'" { primes += 1; position += 1 }
                let mark = MathNode.symbol(String(repeating: "′", count: primes), .ordinary, .upright)
                list.append(list.popLast().map { .group([$0, mark]) } ?? mark)
                continue
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
        if let limits = MathParser.operators[name] {
            let word = name == "argmin" ? "arg min" : name == "argmax" ? "arg max" : name
            return limits ? .largeOperator(word, sub: nil, sup: nil) : .symbol(word, .largeOperator, .upright)
        }
        if let accent = MathParser.accents[name] {
            return .accent(try parseArgument(), accent)
        }
        switch name {
        case "prod":
            return .largeOperator("∏", sub: nil, sup: nil)
        case "mathbf", "boldsymbol":
            return restyle(try requireGroup("\\\(name) needs its argument in braces, like \\\(name){x}"), face: .bold)
        case "mathit":
            return restyle(try requireGroup("\\mathit needs its argument in braces"), face: .italic)
        case "mathcal", "mathbb":
            let content = try requireGroup("\\\(name) needs its letters in braces, like \\\(name){R}")
            return restyle(content, face: .upright, alphabet: name == "mathbb" ? MathParser.doubleStruck : MathParser.script)
        case "operatorname":
            let content = try requireGroup("\\operatorname needs its name in braces, like \\operatorname{softmax}")
            return .symbol(MathParser.plainText(content), .largeOperator, .upright)
        case "begin":
            return try parseEnvironment(at: start)
        case "end":
            throw fail("\\end without a matching \\begin", at: start)
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
            // One run, so that it is shaped (and ordered) as plain text is.
            return .group(text.isEmpty ? [] : [.symbol(text, .ordinary, .upright)])
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
            let near = MathParser.nearest(name)
            throw fail("unknown command \\\(name)" + (near.map { "; did you mean \\\($0)?" } ?? "")
                       + " (README, Labels and equations, lists what labels may use)", at: start)
        }
    }

    /// The known command nearest `name` by edit distance (two edits at most), if any.
    static func nearest(_ name: String) -> String? {
        // Edits: insertions, deletions, substitutions and swaps of neighbours (\hta → \hat).
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[a.count][b.count]
        }
        let target = Array(name)
        // Nearest first; among equals, one with the same first letter, then alphabetical.
        let scored = knownCommands.filter { $0.count > 1 }.map {
            (name: $0, d: distance(target, Array($0)), other: $0.first == target.first ? 0 : 1)
        }
        guard let best = scored.min(by: { ($0.d, $0.other, $0.name) < ($1.d, $1.other, $1.name) }), best.d <= 2 else { return nil }
        return best.name
    }

    /// `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` (also bmatrix, vmatrix, matrix).
    private mutating func parseEnvironment(at start: Int) throws -> MathNode {
        let name = MathParser.plainText(try requireGroup("\\begin needs an environment in braces, like \\begin{pmatrix}"))
        let delimiters: [String: (String, String)] = ["pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "vmatrix": ("|", "|"),
                                                      "matrix": (".", ".")]
        guard let (open, close) = delimiters[name] else {
            throw fail("unknown environment \(name); labels may use pmatrix, bmatrix, vmatrix and matrix", at: start)
        }
        var rows: [[MathNode]] = [[]]
        while true {
            let cell = try parseList(until: .cell)
            rows[rows.count - 1].append(.group(cell))
            guard position < end else { throw fail("\\begin{\(name)} needs a matching \\end{\(name)}") }
            if chars[position] == "&" {
                position += 1
            } else if commandName(at: position + 1) == "\\" {
                position += 2
                rows.append([])
            } else {
                position += 1 + "end".count
                let closing = MathParser.plainText(try requireGroup("\\end needs the environment in braces"))
                guard closing == name else { throw fail("\\begin{\(name)} ends with \\end{\(closing)}") }
                break
            }
        }
        if rows.count > 1, rows.last!.count == 1, case .group(let last) = rows.last![0], last.isEmpty { rows.removeLast() }
        guard rows.count <= 12, rows.allSatisfy({ $0.count <= 12 }) else { throw fail("a matrix in a label has at most 12 rows and 12 columns") }
        return .delimited(open: open, .matrix(rows), close: close)
    }

    /// A group's characters as text (environment names, operator names).
    static func plainText(_ node: MathNode) -> String {
        switch node {
        case .symbol(let s, _, _): return s == "\u{2212}" ? "-" : s
        case .group(let list): return list.map(plainText).joined()
        default: return ""
        }
    }

    static let doubleStruck: [Character: String] = {
        var map: [Character: String] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZ".enumerated() where map[c] == nil {
            map[c] = String(Character(Unicode.Scalar(0x1D538 + UInt32(i))!))
        }
        return map
    }()

    static let script: [Character: String] = {
        var map: [Character: String] = ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ"]
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZ".enumerated() where map[c] == nil {
            map[c] = String(Character(Unicode.Scalar(0x1D49C + UInt32(i))!))
        }
        return map
    }()

    /// The same nodes in `face`, letters mapped through `alphabet` when given.
    private func restyle(_ node: MathNode, face: MathFace, alphabet: [Character: String]? = nil) -> MathNode {
        switch node {
        case .symbol(let s, let k, _):
            if let alphabet, s.count == 1, let mapped = alphabet[s.first!] { return .symbol(mapped, k, .upright) }
            return .symbol(s, k, face)
        case .group(let list): return .group(list.map { restyle($0, face: face, alphabet: alphabet) })
        case .scripts(let b, let sub, let sup):
            return .scripts(base: restyle(b, face: face, alphabet: alphabet), sub: sub, sup: sup)
        default: return node
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
