import Foundation
import TestSupport
import XCTest

/// A loss written as an expression, from the command line: its errors are the teacher's to
/// read (the column and a caret, a name suggested, a rate that stays finite), exit 2 and
/// leave nothing behind; a good one renders with its transcript naming it.
final class ObjectiveCommandTests: CommandTestCase {
    override class var scratchName: String { "objective" }

    private func refused(_ flags: [String], saying words: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try descent(["render", "-q", "--size", "640x480", "-o", folder + "/out.gif", "--transcript", folder + "/out.json"] + flags)
        XCTAssertEqual(run.status, 2, run.stderr, file: file, line: line)
        for word in words { XCTAssertTrue(run.stderr.contains(word), "\(word) not in: \(run.stderr)", file: file, line: line) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], "nothing written", file: file, line: line)
    }

    func testBadObjectivesAreRefusedWithTheirColumnAndNothingWritten() throws {
        try refused(["--objective", "(1 - w)^2 + sinn(b)"], saying: ["--objective", "column 13", "did you mean sin?",
                                                                    "    (1 - w)^2 + sinn(b)\n                ^"])
        try refused(["--objective", "rosenbrok"], saying: ["did you mean rosenbrock?"])
        try refused(["--objective", "100(b - w)"], saying: ["column 4", "operator before '('"])
        try refused(["--objective", "log(w)", "--w0=-2"], saying: ["not finite at the start"])
        try refused(["--objective", "exp(w^2)", "--w0", "3", "--lr", "1"], saying: ["--lr", "leaves the finite numbers at epoch 1",
                                                                                "a smaller rate stays finite, such as"])
        try refused(["--objective", "booth", "--model", "affine"], saying: ["give one of them"])
    }

    func testANamedFunctionRendersWithItsTranscriptAndAltText() throws {
        let run = try descent(["render", "-q", "--objective", "himmelblau", "--optimizer", "momentum", "--lr", "0.005",
                               "--epochs", "3", "--size", "640x480", "-o", folder + "/h.gif", "--transcript", folder + "/h.json",
                               "--html", folder + "/h.html"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/h.json"))) as? [String: Any]
        XCTAssertEqual(json?["model"] as? String, "objective")
        XCTAssertEqual(json?["objective"] as? String, "(w^2 + b - 11)^2 + (w + b^2 - 7)^2")
        let epochs = try XCTUnwrap(json?["epochs"] as? [[String: Any]])
        XCTAssertEqual(epochs.count, 3)
        // Himmelblau at its named start (0, −0.5): (−0.5 − 11)² + (0.25 − 7)² = 177.8125.
        XCTAssertEqual(try XCTUnwrap(epochs[0]["loss"] as? Double), 177.8125, accuracy: 1e-12)
        let html = try String(contentsOfFile: folder + "/h.html", encoding: .utf8)
        XCTAssertTrue(html.contains("on the loss L = (w^2 + b - 11)^2 + (w + b^2 - 7)^2"), html)
    }
}
