import Foundation
import TestSupport
import XCTest

/// Outputs as one transaction: every output checked before anything is drawn, all written
/// or none; standard output; names that say their format; flags that used to be ignored.
final class OutputTransactionTests: CommandTestCase {
    override class var scratchName: String { "outputs" }

    private func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + name) }

    func testABadOutputStopsTheRenderBeforeAnyFileIsWritten() throws {
        try FileManager.default.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/ok.gif"))
        let cases: [([String], String)] = [
            (["--transcript", folder + "/adir"], "adir: it is a folder"),
            (["--transcript", folder + "/t.txt"], "t.txt: the transcript is written as .json"),
            (["--poster", folder + "/p.jpg"], "p.jpg: the poster is written as .png"),
            (["--layout", folder + "/ok.json", "--transcript", folder + "/ok.json"], "ok.json: is both the layout and the transcript"),
        ]
        for (flags, message) in cases {
            let run = try descent(["render", "-q", "-o", folder + "/ok.gif"] + flags)
            XCTAssertEqual(run.status, 2, "\(flags)")
            XCTAssertTrue(run.stderr.contains(message), "\(flags): \(run.stderr)")
            XCTAssertEqual(try String(contentsOfFile: folder + "/ok.gif", encoding: .utf8), "old", "\(flags): the old GIF is untouched")
        }
        let wrong = try descent(["render", "-q", "-o", folder + "/x.png"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("x.png: the GIF is written as .gif"), wrong.stderr)
        XCTAssertFalse(exists("x.png"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file left")
    }

    func testEveryOutputIsWrittenWhenAllSucceed() throws {
        let run = try descent(["render", "-q", "--lr", "0.1,0.15", "--epochs", "1", "-o", folder + "/r.gif", "--transcript",
                               folder + "/r.json", "--html", folder + "/r.html", "--layout", folder + "/l.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for rate in ["0.1", "0.15"] {
            for name in ["r_lr\(rate).gif", "r_lr\(rate).json", "r_lr\(rate).html", "r_lr\(rate)_poster.png", "l_lr\(rate).json"] {
                XCTAssertTrue(exists(name), name)
            }
        }
    }

    func testStandardOutputTakesTheGIFAndNothingElse() throws {
        let streamed = try descent(["render", "-q", "-o", "-"])
        let bytes = streamed.stdout
        XCTAssertEqual(streamed.status, 0)
        let committed = try Data(contentsOf: RenderCommandTests.repository.appendingPathComponent("Output/gradient_descent.gif"))
        XCTAssertTrue(bytes == committed, "the same bytes as a file render")
        let several = try descent(["render", "-q", "--lr", "0.1,0.2", "-o", "-"])
        XCTAssertEqual(several.status, 2)
        XCTAssertTrue(several.stderr.contains("-o -: several learning rates make several GIFs"), several.stderr)
        let transcript = try descent(["render", "-q", "-o", folder + "/a.gif", "--transcript", "-"])
        XCTAssertEqual(transcript.status, 2)
        XCTAssertTrue(transcript.stderr.contains("only the GIF can go to standard output, not the transcript"), transcript.stderr)
        XCTAssertFalse(exists("-"))
    }

    func testFlagsThatWereSilentlyIgnoredAreErrorsAndThereIsAVersion() throws {
        let twice = try descent(["render", "-q", "--lr", "0.1", "--lr", "0.2", "-o", folder + "/a.gif"])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("--lr: is given 2 times"), twice.stderr)
        for flags in [["--w0", "1", "--w0", "2"], ["-o", folder + "/b.gif", "--output", folder + "/c.gif"], ["--speed", "2", "--speed=3"]] {
            let output = flags.contains("-o") ? [] : ["-o", folder + "/a.gif"]
            let run = try descent(["render", "-q"] + output + flags)
            XCTAssertEqual(run.status, 2, "\(flags)")
            XCTAssertTrue(run.stderr.contains("is given 2 times; give it once"), "\(flags): \(run.stderr)")
        }
        let font = RenderCommandTests.repository.appendingPathComponent("Fonts/DejaVuSans.ttf").path
        let fonts = try descent(["render", "-q", "--epochs", "1", "--font", font, "--font", font, "-o", folder + "/f.gif"])
        XCTAssertEqual(fonts.status, 0, "--font is repeatable: \(fonts.stderr)")
        let stage = try descent(["render", "-q", "--poster-stage", "0:update", "-o", folder + "/a.gif"])
        XCTAssertEqual(stage.status, 2)
        XCTAssertTrue(stage.stderr.contains("--poster-stage: chooses the poster's keyframe, but no poster is written"), stage.stderr)
        XCTAssertFalse(exists("a.gif"))
        let version = try descent(["--version"])
        let text = String(decoding: version.stdout, as: UTF8.self)
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(text.hasPrefix("descent "), text)
    }
}
