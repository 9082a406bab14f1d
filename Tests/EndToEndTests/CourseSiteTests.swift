import Foundation
import TestSupport
import XCTest

/// Scene files, --check, transcripts, posters and HTML, through the executable.
final class CourseSiteTests: CommandTestCase {
    override class var scratchName: String { "site" }

    private func write(_ text: String, _ name: String) throws -> String {
        try scratch.write(text, name)
    }

    func testEveryCommittedSceneIsFresh() throws {
        let scenes = try FileManager.default.contentsOfDirectory(atPath: RenderCommandTests.repository.path + "/Scenes")
            .filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(scenes.count, 3)
        for scene in scenes {
            let run = try descent(["render", "Scenes/" + scene, "--check"])
            XCTAssertEqual(run.status, 0, "Scenes/\(scene) is stale or broken; run `make gif` and commit Output/. \(run.stderr)")
        }
    }

    /// A course repository's lessons name their outputs from their own folder, wherever the
    /// command runs (here: the repository's root).
    func testSceneFilePathsAreRelativeToTheSceneFile() throws {
        try FileManager.default.createDirectory(atPath: folder + "/course/lessons", withIntermediateDirectories: true)
        let scene = try write("epochs: 1\nlr: 0.1\noutput: ../site/week1.gif\nlayout: week1.layout.json\n", "course/lessons/week1.yaml")
        let run = try descent(["render", scene, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/course/site/week1.gif"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/course/lessons/week1.layout.json"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: RenderCommandTests.repository.path + "/site/week1.gif"))
        XCTAssertEqual(try descent(["render", scene, "--check"]).status, 0, "--check finds them where the render put them")
    }

    func testCheckExitsZeroWhenFreshOneWhenStaleTwoOnError() throws {
        let scene = try write("epochs: 1\nlr: 0.1\noutput: \(folder)/small.gif\n", "small.yaml")
        XCTAssertEqual(try descent(["render", scene, "--check"]).status, 1, "missing output is stale")
        XCTAssertEqual(try descent(["render", scene]).status, 0)
        XCTAssertEqual(try descent(["render", scene, "--check"]).status, 0)
        let other = try descent(["render", scene, "--check", "--w0", "3"])
        XCTAssertEqual(other.status, 1, "a different lesson makes the file stale")
        XCTAssertEqual(try descent(["render", scene, "--check", "--lr", "-3"]).status, 2)
    }

    func testSeveralRatesGiveOneGIFAndTranscriptEachNamedByRate() throws {
        let run = try descent(["render", "--lr", "0.1,0.21", "--epochs", "2", "-o", folder + "/cmp.gif",
                               "--transcript", folder + "/cmp.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for rate in ["0.1", "0.21"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/cmp_lr\(rate).gif"))
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/cmp_lr\(rate).json"))
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(json["lr"] as? Double, Double(rate))
            XCTAssertEqual(json["regime"] as? String, rate == "0.1" ? "one-step" : "diverging")
            XCTAssertEqual((json["epochs"] as? [Any])?.count, 2)
            XCTAssertEqual((json["stages"] as? [Any])?.count, 12)
        }
    }

    func testPosterAndHTMLSnippetForCourseSites() throws {
        let gif = folder + "/site/descent.gif", html = folder + "/site/descent.html", poster = folder + "/site/img/still.png"
        let run = try descent(["render", "--epochs", "2", "--scale", "0.5", "-o", gif, "--html", html,
                               "--poster", poster, "--poster-stage", "1:tangent"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let png = try Data(contentsOf: URL(fileURLWithPath: poster))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([width, height], [400, 300], "poster has the GIF's size")
        let snippet = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(snippet.contains(#"<source srcset="img/still.png" media="(prefers-reduced-motion: reduce)">"#), snippet)
        XCTAssertTrue(snippet.contains(#"<img src="descent.gif" width="400" height="300" alt="Animated gradient descent"#), snippet)
        XCTAssertTrue(snippet.contains("learning rate 0.025 (monotone"), snippet)
        XCTAssertTrue(snippet.contains(#"aria-details="descent-descent-gif""#) && snippet.contains(#"<details id="descent-descent-gif">"#),
                      "the image is tied to its transcript")
        XCTAssertEqual(snippet.components(separatedBy: "<tr><td>").count - 1, 2, "one transcript row per epoch")
        XCTAssertEqual(snippet.components(separatedBy: "<li>Epoch ").count - 1, 12, "one sentence per stage")
        XCTAssertTrue(snippet.contains("<button type=\"button\" data-action=\"toggle\">Pause animation</button>"))
        XCTAssertTrue(snippet.contains("\"poster\":8"), "the player starts a reduced-motion reader on the poster's stage (1:tangent)")
        XCTAssertFalse(snippet.contains("http://") || snippet.contains("https://"), "nothing from the network")
    }

    func testSceneErrorsNameFileLineAndKeyWithExitCode2() throws {
        let scene = try write("epochs: 3\nlr: quick\n", "bad.yaml")
        let run = try descent(["render", scene, "-o", folder + "/never.gif"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("bad.yaml:2: lr: must be a number"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/never.gif"))
        let missing = try descent(["render", folder + "/nope.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope.yaml"), missing.stderr)
    }

    func testFailedRenderLeavesTheExistingOutputUnchangedAndNoTemporaryFile() throws {
        let gif = folder + "/keep.gif"
        let original = Data("an existing asset".utf8)
        try original.write(to: URL(fileURLWithPath: gif))
        let blocker = try write("a file where the frames folder should be", "frames")
        let run = try descent(["render", "--epochs", "1", "-o", gif, "--frames-dir", blocker])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: gif)), original)
        XCTAssertEqual(try scratch.leftovers(), [])
    }
}
