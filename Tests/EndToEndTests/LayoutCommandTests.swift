import Foundation
import TestSupport
import XCTest

/// `descent render --layout`: what every keyframe draws, checked against the GIF giflib
/// decodes; limits and sizes a teacher gets wrong are errors naming the key or flag.
final class LayoutCommandTests: CommandTestCase {
    override class var scratchName: String { "layout" }

    private func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func testLayoutDescribesWhatTheDecodedGIFShows() throws {
        let scene = folder + "/houses.yaml"
        try """
        data: { x: [50, 80, 110, 140, 170, 200], t: [110000, 180000, 240000, 270000, 330000, 390000] }
        w0: 0
        lr: 0.000004
        epochs: 2
        """.write(toFile: scene, atomically: true, encoding: .utf8)
        let gif = folder + "/houses.gif", layout = folder + "/houses.json"
        let run = try descent(["render", scene, "-o", gif, "--layout", layout, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let export = try json(layout)
        XCTAssertEqual(export["width"] as? Int, 800)
        let axes = try XCTUnwrap(export["axes"] as? [[String: Any]])
        XCTAssertEqual(axes.compactMap { $0["name"] as? String }, ["loss", "model"])
        let modelY = try XCTUnwrap(axes[1]["ylim"] as? [Double])
        XCTAssertTrue(modelY[0] <= 110_000 && modelY[1] >= 390_000, "the prices are in view: \(modelY)")
        let keyframes = try XCTUnwrap(export["keyframes"] as? [[String: Any]])
        let decoded = try GIFReplay(path: gif)
        // Keyframes that change no pixel merge into the frame before; match by start time.
        XCTAssertEqual(keyframes.count, 12)
        var start = 0
        var frameStarts: [Int] = []
        for delay in decoded.delays { frameStarts.append(start); start += delay }
        var checkedTexts = 0
        for keyframe in keyframes {
            let at = try XCTUnwrap(keyframe["start_cs"] as? Int)
            let frame = decoded.frames[frameStarts.lastIndex { $0 <= at }!]
            for element in try XCTUnwrap(keyframe["elements"] as? [[String: Any]]) where element["kind"] as? String == "text" {
                let box = try XCTUnwrap(element["box"] as? [Int])
                let hex = try XCTUnwrap(element["color"] as? String)
                let color = Int(hex.dropFirst(), radix: 16)!
                let rgb = [(color >> 16) & 255, (color >> 8) & 255, color & 255]
                var best = Int.max
                for y in box[1]..<box[3] {
                    for x in box[0]..<box[2] {
                        let i = (y * decoded.width + x) * 4
                        best = min(best, (0..<3).map { abs(Int(frame[i + $0]) - rgb[$0]) }.max()!)
                    }
                }
                XCTAssertLessThanOrEqual(best, 96, "\(element["role"]!) '\(element["text"] ?? "")' has no ink of \(hex) in \(box)")
                // Its font size: ticks and legend entries at matplotlib's 10 pt (13.9 px at 100 dpi),
                // titles and values at 12 pt or less; one line's ink is no taller than its line.
                let size = try XCTUnwrap(element["size"] as? Double, "every text gives its size")
                let role = element["role"] as? String ?? ""
                if ["tick", "legend_entry", "axis_label"].contains(role) { XCTAssertEqual(size, 13.9, accuracy: 0.05, role) }
                XCTAssertTrue((8...16.7).contains(size), "\(role) at \(size) px")
                if !(element["text"] as? String ?? "").contains("$") {  // (a y label is turned: its line is its width)
                    XCTAssertLessThanOrEqual(Double(min(box[3] - box[1], box[2] - box[0])), 1.3 * size, role)
                }
                checkedTexts += 1
            }
        }
        XCTAssertGreaterThan(checkedTexts, 200)
    }

    /// The (w, b) lesson from the command line: its landscape panel in the export, with the
    /// colour bar, the minimum and, at the step, the step's arrow; several rates for it too;
    /// its bad input named.
    func testTheAffineLessonsLandscapeIsInTheLayout() throws {
        let layout = folder + "/affine.json"
        let run = try descent(["render", "--model", "affine", "--w0", "-1", "--b0", "4", "--lr", "0.05,0.12", "--epochs", "2",
                               "-o", folder + "/affine.gif", "--layout", layout, "--transcript", folder + "/t.json", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for rate in ["0.05", "0.12"] {
            let export = try json(folder + "/affine_lr\(rate).json")
            let axes = try XCTUnwrap(export["axes"] as? [[String: Any]])
            XCTAssertEqual(axes.compactMap { $0["name"] as? String }, ["landscape", "model"])
            let keyframes = try XCTUnwrap(export["keyframes"] as? [[String: Any]])
            let step = try XCTUnwrap(keyframes.first { $0["stage"] as? String == "step" })
            let roles = Set(try XCTUnwrap(step["elements"] as? [[String: Any]]).compactMap { $0["role"] as? String })
            XCTAssertTrue(roles.isSuperset(of: ["colorbar", "colorbar_tick", "minimum", "step", "gradient", "current_weight"]),
                          "\(rate): \(roles.sorted())")
            let transcript = try json(folder + "/t_lr\(rate).json")
            XCTAssertEqual(transcript["model"] as? String, "affine")
            XCTAssertEqual((transcript["r"] as? [Double])?.count, 2)
        }
        let linearB0 = try descent(["render", "--b0", "1", "-o", folder + "/x.gif"])
        XCTAssertEqual(linearB0.status, 2)
        XCTAssertTrue(linearB0.stderr.contains("--b0: is the intercept's start, which only `model: affine` has"), linearB0.stderr)
        let badSeed = try descent(["render", "--seed", "-1", "-o", folder + "/x.gif"])
        XCTAssertEqual(badSeed.status, 2)
        XCTAssertTrue(badSeed.stderr.contains("--seed: must be a whole number from 0 to 18446744073709551615 (got -1)"), badSeed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/x.gif"), "nothing written")
    }

    func testLayoutIsNamedLikeTheGIFsForSeveralRates() throws {
        let run = try descent(["render", "--lr", "0.1,0.15", "--epochs", "1", "-o", folder + "/cmp.gif",
                               "--layout", folder + "/cmp.json", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for rate in ["0.1", "0.15"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/cmp_lr\(rate).json"), rate)
        }
    }

    func testBadLimitsAreErrorsNamingTheKey() throws {
        for (limits, problem) in [("{ weight: [5, 1] }", "lower < upper"), ("{ loss: [0, .nan] }", "finite"),
                                  ("{ x: [1] }", "[lower, upper]"), ("{ y: [2, 2] }", "lower < upper"),
                                  ("{ z: [0, 1] }", "limits takes")] {
            let scene = folder + "/limits.yaml"
            try "lr: 0.1\nlimits: \(limits)\n".write(toFile: scene, atomically: true, encoding: .utf8)
            let out = folder + "/never.gif"
            let run = try descent(["render", scene, "-o", out])
            XCTAssertEqual(run.status, 2, limits)
            XCTAssertTrue(run.stderr.contains("limits.") && run.stderr.contains(problem) && run.stderr.contains("limits.yaml:2"),
                          "\(limits): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
    }

    func testASizeTooSmallForThePanelsNamesTheSmallestThatFits() throws {
        let out = folder + "/tiny.gif"
        let run = try descent(["render", "--size", "120x300", "-o", out, "--layout", folder + "/tiny.json"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("--size") && run.stderr.contains("too small"), run.stderr)
        let minimum = try XCTUnwrap(run.stderr.split(separator: " ").last { $0.contains("x") && $0.first!.isNumber })
        let fits = try descent(["render", "--size", String(minimum).trimmingCharacters(in: .whitespacesAndNewlines),
                                "--epochs", "1", "-o", out, "--quiet"])
        XCTAssertEqual(fits.status, 0, "the size named fits: \(minimum) \(fits.stderr)")
        try FileManager.default.removeItem(atPath: out)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], "nothing written")
    }

    func testACharacterNoFontHasIsAnErrorNamingItAndTheLabel() throws {
        let scene = folder + "/missing.yaml"
        try "labels: { y: \"lluvia \u{10FFFD}\" }\n".write(toFile: scene, atomically: true, encoding: .utf8)
        let out = folder + "/missing.gif"
        let run = try descent(["render", scene, "-o", out, "--epochs", "1"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("U+10FFFD") && run.stderr.contains("labels.y") && run.stderr.contains("--font"),
                      run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let allowed = try descent(["render", scene, "-o", out, "--epochs", "1", "--allow-missing-glyphs", "--quiet"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("warning") && allowed.stderr.contains("U+10FFFD"), allowed.stderr)
    }

    func testTheLayoutNamesTheFontsChineseLabelsCameFrom() throws {
        let scene = folder + "/zh.yaml"
        try "labels: { x: 时间, y: 降雨量 }\nepochs: 1\n".write(toFile: scene, atomically: true, encoding: .utf8)
        let run = try descent(["render", scene, "-o", folder + "/zh.gif", "--layout", folder + "/zh.json", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let fonts = try XCTUnwrap(json(folder + "/zh.json")["fonts"] as? [String])
        XCTAssertTrue(fonts.contains { $0.hasSuffix("wqy-microhei.ttc") }, "\(fonts)")
    }
}
