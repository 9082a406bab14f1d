import Foundation
import XCTest

/// `--lang`: the page a course site embeds — alt text, transcript, each stage's sentence, the
/// player's buttons and messages — in the lesson's language, marked with its `lang`; and
/// `descent words`, which prints a language's words for a scene file.
final class LanguageCommandTests: CommandTestCase {
    override class var scratchName: String { "language" }

    /// The page's words: its HTML without the player's code and style (whose comments are
    /// English, for the people who read code) and without markup.
    private func words(_ html: String) -> String {
        var text = html
        for pattern in ["<script>[\\s\\S]*?</script>", "<style>[\\s\\S]*?</style>", "<!--[\\s\\S]*?-->", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    /// English words of the page that a translated page must not keep (whole words: German's
    /// "Epochen" and French's "Transcription" are theirs; "points" is French too).
    private let english = ["Animated", "Transcript", "Epoch", "Pause animation", "Play animation", "Previous stage", "Next stage",
                           "learning rate", "What each stage", "current weight", "gradient descent", "landscape", "reaches loss",
                           "optimizers on", "the step", "the update", "new point", "Paused", "Playing", "epochs"]

    func testThePageIsInTheLessonsLanguage() throws {
        let lessons: [(String, [String])] = [("line", ["--epochs", "2"]),
                                             ("affine", ["--model", "affine", "--epochs", "2"]),
                                             ("race", ["--model", "affine", "--optimizer", "gd,adam", "--lr", "0.05", "--epochs", "2"]),
                                             ("adam", ["--optimizer", "adam", "--lr", "0.5", "--epochs", "2"])]
        let expected = ["es": ("Época 0 de 0–1", "Pausar la animación"), "fr": ("Époque 0 sur 0–1", "Mettre l&#39;animation en pause"),
                        "de": ("Epoche 0 von 0–1", "Animation anhalten")]
        for (lang, (epoch, pause)) in expected {
            for (name, flags) in lessons {
                let html = folder + "/\(name)-\(lang).html"
                let run = try descent(["render", "-q", "--lang", lang, "-o", folder + "/\(name)-\(lang).gif", "--html", html] + flags)
                XCTAssertEqual(run.status, 0, run.stderr)
                let page = try String(contentsOfFile: html, encoding: .utf8)
                XCTAssertTrue(page.contains("<figure class=\"descent descent-player\" lang=\"\(lang)\">"), "\(lang) \(name)")
                XCTAssertTrue(page.contains(epoch), "\(lang) \(name): \(epoch)")
                XCTAssertTrue(page.contains(">" + pause.replacingOccurrences(of: "&#39;", with: "'") + "<"), "\(lang) \(name): \(pause)")
                let text = words(page)
                for word in english where text.range(of: "\\b\(word)\\b", options: .regularExpression) != nil {
                    XCTFail("\(lang) \(name): the page still says \"\(word)\": …\(text.range(of: word).map { String(text[$0.lowerBound...].prefix(80)) } ?? "")")
                }
            }
        }
    }

    func testWordsPrintsAScenesWordsThatRenderAsAnotherLanguage() throws {
        let printed = try descent(["words", "--lang", "es"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let yaml = String(decoding: printed.stdout, as: UTF8.self)
        XCTAssertTrue(yaml.hasPrefix("lang: es\nwords:\n  x: 'x'\n"), yaml)
        XCTAssertTrue(yaml.contains("  player_pause: 'Pausar la animación'\n"))
        // Printed words as a scene of another language (tagged it) render, every word the scene's.
        let scene = folder + "/italian.yaml"
        try yaml.replacingOccurrences(of: "lang: es", with: "lang: it").write(toFile: scene, atomically: true, encoding: .utf8)
        let html = folder + "/it.html"
        let run = try descent(["render", "-q", scene, "--epochs", "1", "-o", folder + "/it.gif", "--html", html])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(try String(contentsOfFile: html, encoding: .utf8).contains("lang=\"it\""))
        let unknown = try descent(["words", "--lang", "it"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("--lang: has words built in for de, en, es, fr (got it)"), unknown.stderr)
    }
}
