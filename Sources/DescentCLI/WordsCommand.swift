import ArgumentParser
import Descent

/// `descent words`: a language's words as a scene's `words:` mapping, to translate or adjust.
struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Print every word a lesson uses, as a scene file's words: mapping, to translate or adjust.",
        discussion: """
        Words are built in for \(Words.languages.joined(separator: ", ")). For another language, print these, translate them into a scene file with its lang: (every word is needed: a missing one is an error that names it), and render. Texts in braces ({n}, {loss}) are filled in; keep them.

        Examples:
          descent words --lang en > words.yaml
          descent words --lang es
        """
    )

    @Option(help: ArgumentHelp("The language whose words are printed: \(Words.languages.joined(separator: ", ")).", valueName: "lang"))
    var lang: String = "en"

    func run() throws {
        guard let language = Language(rawValue: lang), let words = Words.builtIn(language) else {
            throw CLIError("--lang", "has words built in for \(Words.languages.joined(separator: ", ")) (got \(lang))")
        }
        print(WordsCommand.yaml(words, language: language), terminator: "")
    }

    /// `lang:` and `words:` as YAML, each text single-quoted (backslashes stay as they are).
    static func yaml(_ words: Words, language: Language) -> String {
        var out = "lang: \(language.rawValue)\nwords:\n"
        for key in WordKey.allCases {
            out += "  \(key.rawValue): '\(words[key].replacingOccurrences(of: "'", with: "''"))'\n"
        }
        return out
    }
}
