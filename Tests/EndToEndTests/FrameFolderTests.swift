import Descent
import Foundation
@testable import Render
import TestSupport
import XCTest

/// Frame folders owned through their manifest, `--check` over every output, and the
/// all-or-nothing promise with a failure injected at each output in turn.
final class FrameFolderTests: XCTestCase {
    private var scratch: TemporaryFolder!
    private var folder: String { scratch.path }

    override func setUpWithError() throws {
        scratch = try TemporaryFolder("frames")
    }

    override func tearDown() {
        FaultInjection.fail(atWrite: nil)
    }

    private func descent(_ arguments: [String]) throws -> RenderCommandTests.Run {
        try RenderCommandTests.descent(arguments)
    }

    private func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// coreutils' sha256sum of a file: a hash computed outside descent.
    private func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    func testTheFolderIsOwnedThroughItsManifest() throws {
        let frames = folder + "/frames"
        let first = try descent(["render", "-q", "--epochs", "3", "--scale", "0.5", "-o", folder + "/a.gif", "--frames-dir", frames])
        XCTAssertEqual(first.status, 0, first.stderr)
        let three = names(frames).filter { $0.hasSuffix(".png") }
        XCTAssertEqual(three.count, 18, "six stages a epoch")
        // The manifest lists every frame with its SHA-256, as sha256sum computes it.
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: frames + "/frames.json"))) as? [String: Any])
        let listed = try XCTUnwrap(manifest["frames"] as? [[String: String]])
        XCTAssertEqual(listed.map { $0["file"]! }, three)
        for entry in listed.prefix(4) {
            XCTAssertEqual(entry["sha256"], try sha256sum(frames + "/" + entry["file"]!), entry["file"]!)
        }
        // A later, shorter render removes what it no longer makes and nothing else.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: frames + "/notes.txt"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: frames + "/cover.png"))
        let second = try descent(["render", "-q", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif", "--frames-dir", frames])
        XCTAssertEqual(second.status, 0, second.stderr)
        let one = names(frames)
        XCTAssertEqual(one.filter { $0.hasPrefix("frame_") }.count, 6)
        XCTAssertTrue(one.contains("notes.txt") && one.contains("cover.png"), "files not named like frames are never touched: \(one)")
        XCTAssertFalse(one.contains { $0.hasPrefix("frame_") && $0.contains("epoch02") })
        XCTAssertEqual(one.filter { $0.hasSuffix(".tmp") }, [])
    }

    func testAFolderWithFramesNoManifestListsIsRefused() throws {
        let frames = folder + "/frames"
        try FileManager.default.createDirectory(atPath: frames, withIntermediateDirectories: true)
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: frames + "/frame_000_epoch00_weight.png"))
        let run = try descent(["render", "-q", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif", "--frames-dir", frames])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("--frames-dir \(frames): holds frame files no render of descent listed there (frame_000_epoch00_weight.png)"),
                      run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/a.gif"), "nothing written")
        XCTAssertEqual(names(frames), ["frame_000_epoch00_weight.png"])
        XCTAssertEqual(try String(contentsOfFile: frames + "/frame_000_epoch00_weight.png", encoding: .utf8), "someone else's")
        // A manifest that is not ours is refused too.
        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: folder + "/frames.json"))
        let other = try descent(["render", "-q", "--epochs", "1", "-o", folder + "/b.gif", "--frames-dir", folder])
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("frames.json is not a descent frames manifest"), other.stderr)
    }

    func testCheckNamesEveryStaleMissingAndExtraFileAndTheRefresh() throws {
        let frames = folder + "/frames"
        let flags = ["render", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif", "--frames-dir", frames,
                     "--transcript", folder + "/a.json", "--poster", folder + "/a.png", "--html", folder + "/a.html",
                     "--layout", folder + "/a.layout.json"]
        XCTAssertEqual(try descent(flags + ["-q"]).status, 0)
        let fresh = try descent(flags + ["--check"])
        XCTAssertEqual(fresh.status, 0, fresh.stderr + String(decoding: fresh.stdout, as: UTF8.self))
        // Break one of each kind.
        try FileManager.default.removeItem(atPath: frames + "/frame_001_epoch00_loss.png")
        try Data("x".utf8).write(to: URL(fileURLWithPath: frames + "/frame_002_epoch00_tangent.png"))
        try FileManager.default.copyItem(atPath: frames + "/frame_000_epoch00_weight.png", toPath: frames + "/frame_009_epoch01_update.png")
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/a.json"))
        try FileManager.default.removeItem(atPath: folder + "/a.html")
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/a.layout.json"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/a.png"))
        let run = try descent(flags + ["--check"])
        XCTAssertEqual(run.status, 1)
        let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        for expected in ["missing: \(frames)/frame_001_epoch00_loss.png", "stale: \(frames)/frame_002_epoch00_tangent.png",
                         "extra: \(frames)/frame_009_epoch01_update.png", "stale: \(folder)/a.json", "missing: \(folder)/a.html",
                         "stale: \(folder)/a.layout.json", "stale: \(folder)/a.png"] {
            XCTAssertTrue(lines.contains(expected), "\(expected) in \(lines)")
        }
        XCTAssertFalse(lines.contains { $0.hasSuffix("a.gif") }, "the GIF is fresh: \(lines)")
        let refresh = try XCTUnwrap(lines.last)
        XCTAssertTrue(refresh.hasPrefix("refresh with: descent render --epochs 1"), refresh)
        XCTAssertFalse(refresh.contains("--check"), refresh)
        // The refresh command makes it fresh again (the extra frame is not ours: refused).
        try FileManager.default.removeItem(atPath: frames + "/frame_009_epoch01_update.png")
        let again = try descent(Array(refresh.dropFirst("refresh with: descent ".count).split(separator: " ").map(String.init)) + ["-q"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try descent(flags + ["--check"]).status, 0)
    }

    /// For every k, the k-th output's write fails: the render ends with an error, every
    /// existing file is as it was, byte for byte, and nothing new or partial is left.
    func testAFailureAtAnyOutputLeavesEveryFileAsItWas() throws {
        func scene(epochs: Int) -> Scene {
            var scene = Scene()
            scene.epochs = epochs
            scene.scale = 0.5
            scene.output = folder + "/lesson.gif"
            scene.layout = folder + "/lesson.layout.json"
            return scene
        }
        var options = RenderOptions()
        options.transcript = folder + "/lesson.json"
        options.poster = folder + "/lesson.png"
        options.html = folder + "/lesson.html"
        options.framesDirectory = folder + "/frames"
        options.threads = 2
        try SceneRender(scene: scene(epochs: 1), options: options).run()
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in [folder, folder + "/frames"] {
                for name in names(path) where !name.isEmpty {
                    var isFolder: ObjCBool = false
                    FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder)
                    if !isFolder.boolValue { files[path + "/" + name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)) }
                }
            }
            return files
        }
        let before = try snapshot()
        XCTAssertEqual(before.count, 5 + 6 + 1, "GIF, layout, transcript, poster, snippet; six frames and the manifest")
        // The same outputs of another lesson: 5 files and 12 frames.
        let other = scene(epochs: 2)
        var k = 1
        while k < 40 {
            FaultInjection.fail(atWrite: k)
            do {
                try SceneRender(scene: other, options: options).run()
                break
            } catch {
                XCTAssertTrue("\(error)".contains("injected fault"), "write \(k): \(error)")
            }
            let after = try snapshot()
            let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
            XCTAssertEqual(changed, [], "write \(k) failed: every file as it was, nothing new, nothing partial")
            guard changed.isEmpty else { return }
            k += 1
        }
        XCTAssertEqual(k, 5 + 12 + 1 + 1, "every output's write (the frames manifest's too) was failed in turn, then the render went through")
        XCTAssertNotEqual(try snapshot(), before)
    }
}
