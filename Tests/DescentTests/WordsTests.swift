import XCTest
import Chart
@testable import Descent

/// Every word in the teacher's language: one table per language, complete, the same
/// placeholders in every language, a scene's `words:` over them, and a language without a
/// table told which words it lacks.
final class WordsTests: XCTestCase {
    /// The `{name}` placeholders of a text, in order of first appearance.
    private func placeholders(_ text: String) -> Set<String> {
        var found: Set<String> = [], rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    func testEveryBuiltInTableHasEveryWordWithEnglishsPlaceholders() throws {
        XCTAssertEqual(Words.languages, ["de", "en", "es", "fr"])
        let english = try XCTUnwrap(Words.builtIn(.en))
        for tag in Words.languages {
            let words = try XCTUnwrap(Words.builtIn(XCTUnwrap(Language(rawValue: tag))))
            XCTAssertEqual(words.missing, [], tag)
            for key in WordKey.allCases {
                XCTAssertEqual(placeholders(words[key]), placeholders(english[key]), "\(tag) \(key.rawValue): \(words[key])")
                XCTAssertFalse(words[key].isEmpty, "\(tag) \(key.rawValue)")
                if key.isFigure { XCTAssertNoThrow(try LabelSyntax.check(words[key]), "\(tag) \(key.rawValue)") }
            }
            if tag != "en" {
                // Translated: the sentences and the player differ from English (names and symbols may not).
                for key in [WordKey.altLine, .sentenceWeight, .summary, .playerPause, .methodGD, .weight, .regimeStalled] {
                    XCTAssertNotEqual(words[key], english[key], "\(tag) \(key.rawValue) is still English")
                }
            }
        }
    }

    func testLanguageTagsAreBCP47AndFindTheirTableByLanguage() {
        for good in ["en", "es", "pt-BR", "zh-Hans", "de-CH-1996", "gsw"] { XCTAssertNotNil(Language(rawValue: good), good) }
        for bad in ["", "e", "french", "en_US", "en-", "-en", "es-ES-toolongsubtag", "1a", "ñu"] {
            XCTAssertNil(Language(rawValue: bad), bad)
        }
        XCTAssertEqual(Words.builtIn(Language(rawValue: "fr-CA")!)?[.weight], "Poids", "a region takes its language's words")
        XCTAssertEqual(Words.builtIn(Language(rawValue: "DE")!)?[.weight], "Gewicht")
        XCTAssertNil(Words.builtIn(Language(rawValue: "it")!))
    }

    func testAScenesWordsOverrideItsLanguagesAndReachTheFigure() throws {
        let scene = try SceneFile.parse("""
            lang: de
            words:
              regime_monotone: stetig
              weight: 'Gewicht $w$'
              player_pause: Halt
            """, file: "de.yaml")
        let words = try scene.words()
        XCTAssertEqual(words[.playerPause], "Halt")
        XCTAssertEqual(words[.lossCurve], "Verlust", "the rest is the language's")
        let labels = try scene.labels()
        XCTAssertEqual(labels.regimes[.monotone], "stetig")
        XCTAssertEqual(labels.weightAxis, "Gewicht $w$")
        XCTAssertEqual(labels.timeAxis, "Zeit", "the notebook's data, its axes in German")
    }

    func testALanguageWithoutATableNamesTheWordsItLacks() throws {
        XCTAssertThrowsError(try SceneFile.parse("lang: it\nwords:\n  weight: Peso\n  loss: Perdita\n", file: "it.yaml").validate()) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("it.yaml:1: lang: it has no words built in (built in: de, en, es, fr)"), text)
            XCTAssertTrue(text.contains("\(WordKey.allCases.count - 2) missing: "), text)
            XCTAssertTrue(text.contains("loss_curve") && text.contains("player_pause") && !text.contains(" weight,"), text)
        }
        // Every word given: an Italian lesson, with no English left in it.
        var all = "lang: it\nwords:\n"
        for key in WordKey.allCases { all += "  \(key.rawValue): 'it \(Words.english[key].replacingOccurrences(of: "'", with: "''"))'\n" }
        let italian = try SceneFile.parse(all, file: "it.yaml")
        XCTAssertNoThrow(try italian.validate())
        XCTAssertEqual(try italian.labels().weightAxis, "it Weight")
        XCTAssertTrue(try italian.labels().all.allSatisfy { $0.text.hasPrefix("it ") }, "every figure word is the scene's")
    }

    func testBadWordsAreErrorsNamingTheKey() {
        for (text, message) in [("words:\n  weigth: Peso\n", "words.weigth: is not known; words takes affine_model, alt_affine"),
                                ("words:\n  weight: 'Peso $\\\\frac{1}$'\n", "words.weight: column"),
                                ("words: Peso\n", "words: must be a mapping"),
                                ("lang: castellano\n", "lang: must be a language tag like en, es, fr, de or pt-BR (got castellano)")] {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "w.yaml").validate(), text) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }
}
