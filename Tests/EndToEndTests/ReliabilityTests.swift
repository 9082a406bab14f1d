import Foundation
import TestSupport
import XCTest

/// Bad input, wild input and interrupted renders: clear errors, no crash, no lost file.
final class ReliabilityTests: CommandTestCase {
    override class var scratchName: String { "reliability" }

    private func leftovers() throws -> [String] {
        try scratch.leftovers()
    }

    func testHostileNumbersAreErrorsNamingTheFlagAndRange() throws {
        let out = folder + "/never.gif"
        let cases: [([String], String, String)] = [
            (["--lr", "0"], "--lr", "greater than 0"), (["--lr", "nan"], "--lr", "finite"), (["--lr", "inf"], "--lr", "finite"),
            (["--lr", "-0.1"], "--lr", "greater than 0"), (["--epochs", "0"], "--epochs", "between 1 and 10000"),
            (["--epochs", "10001"], "--epochs", "between 1 and 10000"), (["--w0", "nan"], "--w0", "finite"),
            (["--w0", "-inf"], "--w0", "finite"), (["--size", "99x600"], "--size", "between 100 and 8192"),
            (["--size", "800x9000"], "--size", "between 100 and 8192"), (["--size", "big"], "--size", "WIDTHxHEIGHT"),
            (["--scale", "0"], "--scale", "between 0.25 and 4"), (["--scale", "-1"], "--scale", "between 0.25 and 4"),
            (["--loop", "-1"], "--loop", "between 0 and 65535"), (["--lang", "french!"], "--lang", "a language tag like en, es, fr, de or pt-BR"), (["--lang", "it"], "--lang", "it has no words built in"),
            (["--threads", "0"], "--threads", "between 1 and 64"), (["--poster-stage", "3:jump", "--poster", folder + "/never.png"], "--poster-stage", "EPOCH:STAGE"),
        ]
        for (arguments, flag, range) in cases {
            let run = try descent(["render", "-o", out] + arguments)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(flag) && run.stderr.contains(range), "\(arguments): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(arguments)")
        }
    }

    func testHostileScenesAreErrorsNamingTheFile() throws {
        let nested = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let scenes: [(String, Data)] = [
            ("empty.yaml", Data()),
            ("binary.yaml", Data([0x00, 0xFF, 0xFE, 0x10, 0x80, 0x00])),
            ("prose.yaml", Data("Gradient descent is an optimisation algorithm.\n: - ]".utf8)),
            ("nested.yaml", Data(("lr: " + nested).utf8)),
            ("huge.yaml", Data(("lr: 0.1\n" + String(repeating: "# padding\n", count: 150_000)).utf8)),
            ("durations.yaml", Data("durations: { update: -1 }".utf8)),
            ("data.yaml", Data("data: { x: [], t: [] }".utf8)),
        ]
        for (name, contents) in scenes {
            let path = folder + "/" + name
            try contents.write(to: URL(fileURLWithPath: path))
            let run = try descent(["render", path, "-o", folder + "/never.gif"])
            XCTAssertEqual(run.status, 2, name)
            XCTAssertTrue(run.stderr.contains(name), "\(name): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Fatal"), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/never.gif"))
    }

    func testWildButLegalNumbersRenderWithoutNaNOrCrash() throws {
        let scene = folder + "/wild.yaml"
        try "data: { x: [1000000, 2500000, -3000000], t: [2000000, 5000000, -6100000] }\nw0: 1000000\nlr: 1\nepochs: 3\nsize: 400x460\n"
            .write(toFile: scene, atomically: true, encoding: .utf8)
        let run = try descent(["render", scene, "-o", folder + "/wild.gif", "--transcript", folder + "/wild.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // A rate of 10¹⁰⁰ takes the weight past the largest double in two steps (the notebook's
        // rate of 1 takes 324 epochs to get there: minutes of a debug build for the same fact).
        let tooSmall = try descent(["render", "--lr", "1e100", "--epochs", "6", "--size", "120x100", "-o", folder + "/overflow.gif"])
        XCTAssertEqual(tooSmall.status, 2, "a figure too small for its panels is an error, not a crash: \(tooSmall.stderr)")
        let overflow = try descent(["render", "--lr", "1e100", "--epochs", "6", "-o", folder + "/overflow.gif",
                                    "--transcript", folder + "/overflow.json", "--quiet"])
        XCTAssertEqual(overflow.status, 0, "weights overflowing to infinity still render: \(overflow.stderr)")
        let json = try String(contentsOfFile: folder + "/overflow.json", encoding: .utf8)
        XCTAssertTrue(json.contains("\"Infinity\"") || json.contains("\"NaN\""), "the transcript says where numbers overflowed")
    }

    func testExistingOutputSurvivesAFolderItCannotWriteAndAFullDevice() throws {
        let unwritable = try descent(["render", "--epochs", "1", "-o", "/proc/descent-test/out.gif"])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("/proc/descent-test"), unwritable.stderr)
        let full = try descent(["render", "--epochs", "1", "-o", "/dev/full"])
        XCTAssertEqual(full.status, 2)
        XCTAssertTrue(full.stderr.contains("No space left"), full.stderr)
        var info = stat()
        XCTAssertEqual(stat("/dev/full", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/full is still a device, not replaced by a file")
        let isFolder = try descent(["render", "--epochs", "1", "-o", folder])
        XCTAssertEqual(isFolder.status, 2)
        XCTAssertTrue(isFolder.stderr.contains("is a folder"), isFolder.stderr)
    }

    func testOutputThroughASymbolicLinkKeepsTheLink() throws {
        let real = folder + "/real.gif", link = folder + "/link.gif"
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        XCTAssertEqual(try descent(["render", "--epochs", "1", "--size", "400x400", "-o", link]).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), real)
        XCTAssertEqual(String(decoding: try Data(contentsOf: URL(fileURLWithPath: real)).prefix(6), as: UTF8.self), "GIF89a")
    }

    func testInterruptedRenderLeavesTheExistingOutputAndNoTemporaryFile() throws {
        for signal in [SIGTERM, SIGINT] {
            let out = folder + "/asset.gif"
            let original = Data("the committed asset".utf8)
            try original.write(to: URL(fileURLWithPath: out))
            let process = Process()
            process.executableURL = RenderCommandTests.executable
            process.arguments = ["render", "--epochs", "2000", "--size", "400x400", "-o", out, "--quiet"]
            process.standardError = Pipe()
            try process.run()
            // Long enough for the temporary file to exist (the palette pass has begun).
            Thread.sleep(forTimeInterval: 1.0)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 128 + signal, "signal \(signal)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), original, "signal \(signal)")
            XCTAssertEqual(try leftovers(), [], "signal \(signal)")
        }
    }

    func testASignalAtAnyMomentEndsTheRenderAndLeavesNoTemporaryFile() throws {
        // The handler must work whatever the threads were doing — in the middle of an
        // allocation too (a handler that allocated once deadlocked there): signals at
        // moments spread over the whole render, frames written by several threads, and
        // several outputs. Interrupted, it leaves nothing at all (all or nothing); finished,
        // everything.
        var rng = SplitMix(seed: 5)
        var interrupted = 0
        for attempt in 0..<16 {
            for name in ["frames", "interrupted.gif", "interrupted.json", "poster.png", "page.html"] {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
            let out = folder + "/interrupted.gif"
            let process = Process()
            process.executableURL = RenderCommandTests.executable
            process.arguments = ["render", "--epochs", "40", "--size", "400x400", "-o", out, "--quiet",
                                 "--frames-dir", folder + "/frames", "--transcript", folder + "/interrupted.json",
                                 "--poster", folder + "/poster.png", "--html", folder + "/page.html"]
            process.standardError = Pipe()
            try process.run()
            Thread.sleep(forTimeInterval: 0.02 + Double(rng.next() % 400) / 1000)
            kill(process.processIdentifier, attempt % 2 == 0 ? SIGTERM : SIGHUP)
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return XCTFail("attempt \(attempt): the render did not end within 20 s of the signal")
            }
            // It may also have finished before the signal came.
            let signal = attempt % 2 == 0 ? SIGTERM : SIGHUP
            XCTAssertTrue([0, 128 + signal].contains(process.terminationStatus), "attempt \(attempt)")
            XCTAssertEqual(try leftovers(), [], "attempt \(attempt)")
            let frames = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/frames")) ?? []
            XCTAssertEqual(frames.filter { !$0.hasSuffix(".png") && $0 != "frames.json" }, [], "attempt \(attempt): temporary frames left")
            let outputs = ["interrupted.gif", "interrupted.json", "poster.png", "page.html"]
                .filter { FileManager.default.fileExists(atPath: folder + "/" + $0) }
            if process.terminationStatus == 0 {
                XCTAssertEqual(outputs.count, 4, "attempt \(attempt): finished, every output is there")
                XCTAssertTrue(frames.contains("frames.json"), "attempt \(attempt)")
            } else {
                // A signal during the renames waits for them: all new then, or all old.
                interrupted += 1
                if outputs.isEmpty {
                    XCTAssertEqual(frames, [], "attempt \(attempt): interrupted before the renames, no frame")
                } else {
                    XCTAssertEqual(outputs.count, 4, "attempt \(attempt): interrupted during the renames, every output")
                    XCTAssertTrue(frames.contains("frames.json"), "attempt \(attempt)")
                }
            }
        }
        XCTAssertGreaterThan(interrupted, 8, "most signals should come while the render runs")
    }
}
