/// Every word a lesson shows or says — the figure's labels, the regime phrases, the alt text,
/// the transcript and the player — by key: one table per language (`Words+English.swift`,
/// …), completed or overridden from a scene's `words:` (and `labels:`). Texts with `{name}`
/// placeholders are templates that `text(_:_:)` fills.
public struct Words: Sendable, Equatable {
    public private(set) var table: [WordKey: String]

    public init(table: [WordKey: String]) {
        self.table = table
    }

    /// The built-in table of `language` (by its primary subtag: `pt-BR` takes `pt`'s), nil
    /// when there is none.
    public static func builtIn(_ language: Language) -> Words? {
        builtIn[language.primary].map(Words.init(table:))
    }

    /// The languages with a table of their own.
    public static var languages: [String] { builtIn.keys.sorted() }

    private static let builtIn: [String: [WordKey: String]] = ["en": englishTable, "es": spanish, "fr": french, "de": german]

    public static let english = Words(table: Words.englishTable)

    /// The keys this table lacks, in key order.
    public var missing: [WordKey] { WordKey.allCases.filter { table[$0] == nil } }

    public subscript(_ key: WordKey) -> String {
        get { table[key] ?? Words.englishTable[key] ?? key.rawValue }
        set { table[key] = newValue }
    }

    /// The text of `key` with each `{name}` replaced by its value.
    public func text(_ key: WordKey, _ values: [String: String] = [:]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The names of the optimizers that are words, for `OptimizerSpec.title(_:)`.
    public var methods: [WordKey: String] {
        [.methodGD: self[.methodGD], .methodMomentum: self[.methodMomentum], .methodNesterov: self[.methodNesterov]]
    }

    /// "1 point" or "25 points": the key for one, or the key for several, with `{n}`.
    public func count(_ n: Int, one: WordKey, many: WordKey) -> String {
        text(n == 1 ? one : many, ["n": "\(n)"])
    }
}

/// A language as a BCP 47 tag (`es`, `pt-BR`, `zh-Hans`): letters for the language, then
/// subtags of letters and digits, each 1 to 8 long, joined by hyphens.
public struct Language: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init?(rawValue: String) {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The language itself, lower case: `pt` for `pt-BR`.
    public var primary: String { rawValue.split(separator: "-").first.map { $0.lowercased() } ?? rawValue }

    public static let en = Language(rawValue: "en")!
    public static let es = Language(rawValue: "es")!
    public static let fr = Language(rawValue: "fr")!
    public static let de = Language(rawValue: "de")!
}
