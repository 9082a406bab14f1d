/// Reads a loss as a teacher writes it: numbers (`2`, `0.5`, `1e-3`), the variables `w` and
/// `b`, `+ - * /`, `^` for a power, unary minus, parentheses, the functions `exp log sqrt
/// sin cos tan tanh abs` and the constants `pi` and `e`.
///
/// Precedence, loosest first: `+ -` (left to right), `* /` (left to right), unary minus,
/// `^` (right to left, so `2^3^2` is 2⁹). `^` binds tighter than unary minus: `-w^2` is
/// −(w²), and an exponent may be negative (`w^-2`). Errors name the column.
public struct ExpressionParser {
    private let source: String
    private let chars: [Character]
    private var position = 0

    /// Parses `text`; errors are `ExpressionError`s with the column and, for names, the
    /// nearest known one.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser(text)
        parser.skipSpaces()
        guard parser.position < parser.chars.count else { throw parser.fail("the expression is empty; write a loss in w (and b), like (w - 3)^2") }
        let expression = try parser.sum()
        parser.skipSpaces()
        guard parser.position >= parser.chars.count else {
            let c = parser.chars[parser.position]
            if c == ")" { throw parser.fail("')' without a matching '('") }
            if c == "(" || c.isLetter || c.isNumber {
                throw parser.fail("expected an operator before '\(c)'; multiplication is written with *, like 2*w")
            }
            throw parser.fail("unexpected '\(c)'")
        }
        return expression
    }

    private init(_ text: String) {
        source = text
        chars = Array(text)
    }

    private func fail(_ problem: String, at column: Int? = nil) -> ExpressionError {
        ExpressionError(source: source, column: (column ?? position) + 1, problem: problem)
    }

    private mutating func skipSpaces() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    private mutating func take(_ c: Character) -> Bool {
        skipSpaces()
        guard position < chars.count, chars[position] == c else { return false }
        position += 1
        return true
    }

    /// sum := product (('+' | '-') product)*
    private mutating func sum() throws(ExpressionError) -> Expression {
        var left = try product()
        while true {
            if take("+") { left = .binary(.add, left, try product()) }
            else if take("-") { left = .binary(.subtract, left, try product()) }
            else { return left }
        }
    }

    /// product := unary (('*' | '/') unary)*
    private mutating func product() throws(ExpressionError) -> Expression {
        var left = try unary()
        while true {
            if take("*") { left = .binary(.multiply, left, try unary()) }
            else if take("/") { left = .binary(.divide, left, try unary()) }
            else { return left }
        }
    }

    /// unary := ('-' | '+') unary | power
    private mutating func unary() throws(ExpressionError) -> Expression {
        if take("-") { return .negate(try unary()) }
        if take("+") { return try unary() }
        return try power()
    }

    /// power := atom ('^' unary)?   — right-associative, and the exponent may be signed.
    private mutating func power() throws(ExpressionError) -> Expression {
        let base = try atom()
        if take("^") { return .binary(.power, base, try unary()) }
        return base
    }

    /// atom := number | constant | variable | function '(' sum ')' | '(' sum ')'
    private mutating func atom() throws(ExpressionError) -> Expression {
        skipSpaces()
        guard position < chars.count else { throw fail("the expression ends where a number, w, b or '(' should come") }
        let c = chars[position]
        if c == "(" {
            let open = position
            position += 1
            let inner = try sum()
            guard take(")") else {
                skipSpaces()
                if position < chars.count { throw fail("expected ')' or an operator, found '\(chars[position])'") }
                throw fail("'(' is never closed", at: open)
            }
            return inner
        }
        if c.isNumber || c == "." { return try number() }
        if c.isLetter || c == "_" { return try name() }
        if ["*", "/", "^", ")"].contains(c) { throw fail("'\(c)' needs something before it") }
        throw fail("unexpected '\(c)'; an expression uses numbers, w, b, + - * / ^, parentheses and functions like exp(w)")
    }

    private mutating func number() throws(ExpressionError) -> Expression {
        let start = position
        while position < chars.count, chars[position].isNumber || chars[position] == "." { position += 1 }
        // An exponent: e or E, a sign, digits — only when digits follow (2e is 2 times e? no: an error below).
        if position < chars.count, chars[position] == "e" || chars[position] == "E" {
            var look = position + 1
            if look < chars.count, chars[look] == "+" || chars[look] == "-" { look += 1 }
            if look < chars.count, chars[look].isNumber {
                position = look
                while position < chars.count, chars[position].isNumber { position += 1 }
            }
        }
        let text = String(chars[start..<position])
        guard let value = Double(text), value.isFinite else { throw fail("'\(text)' is not a number", at: start) }
        return .number(value, text: text)
    }

    private mutating func name() throws(ExpressionError) -> Expression {
        let start = position
        while position < chars.count, chars[position].isLetter || chars[position].isNumber || chars[position] == "_" { position += 1 }
        let word = String(chars[start..<position])
        skipSpaces()
        let called = position < chars.count && chars[position] == "("
        if let variable = Expression.Variable(rawValue: word) {
            if called { throw fail("\(word) is a variable, not a function; multiplication is written with *, like \(word)*(…)", at: start) }
            return .variable(variable)
        }
        if let constant = Expression.Constant(rawValue: word) {
            if called { throw fail("\(word) is a constant, not a function; multiplication is written with *", at: start) }
            return .constant(constant)
        }
        if let function = Expression.Function(rawValue: word) {
            guard called else { throw fail("\(word) needs its argument in parentheses, like \(word)(w)", at: start) }
            position += 1
            let argument = try sum()
            guard take(")") else { throw fail("expected ')' to close \(word)(") }
            return .call(function, argument)
        }
        let known = called ? Expression.Function.allCases.map(\.rawValue)
                           : Expression.Variable.allCases.map(\.rawValue) + Expression.Constant.allCases.map(\.rawValue)
                               + Expression.Function.allCases.map(\.rawValue)
        let near = ExpressionParser.nearest(word, in: known)
        if called {
            throw fail("unknown function '\(word)'" + (near.map { " — did you mean \($0)?" } ?? "")
                       + " (functions: " + Expression.Function.allCases.map(\.rawValue).joined(separator: ", ") + ")", at: start)
        }
        throw fail("unknown name '\(word)'" + (near.map { " — did you mean \($0)?" } ?? "")
                   + "; the loss is in w and b, with the constants pi and e", at: start)
    }

    /// The known name within two edits of `word` (the closest), if any.
    public static func nearest(_ word: String, in names: [String]) -> String? {
        let scored = names.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= Swift.min(2, Swift.max(1, word.count / 2)) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...Swift.max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...Swift.max(b.count, 1) where !b.isEmpty {
                let saved = row[j]
                row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
