import Foundation
import TestSupport
import XCTest

/// `--check` by fingerprint: every output carries it, read back here by Pillow (not by
/// descent's own readers); any input, a font file's bytes included, changes it; re-encoding
/// that keeps the comment does not; `--pixels` also compares what the GIF shows.
final class FingerprintTests: XCTestCase {
    private var scratch: TemporaryFolder!
    private var folder: String { scratch.path }

    override func setUpWithError() throws {
        scratch = try TemporaryFolder("fingerprint")
    }

    /// Runs descent with `environment` added; standard output to a file.
    private func descent(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = RenderCommandTests.executable
        process.arguments = arguments
        process.currentDirectoryURL = RenderCommandTests.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = folder + "/stdout-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: out, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8), stderr)
    }

    /// Python with Pillow (an independent reader): what `script` prints; it must succeed.
    @discardableResult
    private func python(_ script: String, _ arguments: [String] = []) throws -> String {
        let run = try runPython(script, arguments)
        XCTAssertEqual(run.status, 0, script)
        return run.output
    }

    private var outputs: [String] {
        ["-o", folder + "/a.gif", "--transcript", folder + "/a.json", "--poster", folder + "/a.png",
         "--html", folder + "/a.html", "--layout", folder + "/a.layout.json", "--frames-dir", folder + "/frames"]
    }

    func testEveryOutputCarriesTheFingerprint() throws {
        let run = try descent(["render", "-q", "--epochs", "1", "--scale", "0.5"] + outputs)
        XCTAssertEqual(run.status, 0, run.stderr)
        let gif = try python("import sys; from PIL import Image; print(Image.open(sys.argv[1]).info['comment'].decode())", [folder + "/a.gif"])
        XCTAssertTrue(gif.hasPrefix("descent-fingerprint sha256:") && gif.count == 27 + 64, gif)
        let png = try python("import sys; from PIL import Image; print(Image.open(sys.argv[1]).text['descent-fingerprint'])", [folder + "/a.png"])
        XCTAssertTrue(png.hasPrefix("descent-fingerprint sha256:") && png.count == 27 + 64, png)
        XCTAssertNotEqual(png, gif, "the poster's tEXt chunk: what makes the GIF, and the poster's moment")
        for json in ["a.json", "a.layout.json"] {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + json))) as? [String: Any])
            XCTAssertEqual(object["fingerprint"] as? String, gif, json)
        }
        let html = try String(contentsOfFile: folder + "/a.html", encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!-- descent-fingerprint sha256:") && !html.hasPrefix("<!-- \(gif) -->\n")
                      && !html.hasPrefix("<!-- \(png) -->\n"), "the snippet's own: with its links and the poster's moment")
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/frames/frames.json"))) as? [String: Any])
        XCTAssertEqual(manifest["fingerprints"] as? [String], [gif])
        // Fresh by fingerprint, and by pixels; no date or machine in it: the same again.
        XCTAssertEqual(try descent(["render", "--check", "--epochs", "1", "--scale", "0.5"] + outputs).status, 0)
        XCTAssertEqual(try descent(["render", "--check", "--pixels", "--epochs", "1", "--scale", "0.5"] + outputs).status, 0)
        // Each output's fingerprint is of what makes it: a plainer command checks the GIF fresh.
        XCTAssertEqual(try descent(["render", "--check", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif"]).status, 0,
                       "a GIF rendered with --html --poster is fresh for a plain --check")
        XCTAssertEqual(try descent(["render", "--check", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif",
                                    "--transcript", folder + "/a.json"]).status, 0, "and so is any subset of its outputs")
        let otherPoster = try descent(["render", "--check", "--epochs", "1", "--scale", "0.5", "--poster-stage", "0:loss"] + outputs)
        XCTAssertEqual(otherPoster.status, 1)
        XCTAssertEqual(otherPoster.stdout.split(separator: "\n").filter { $0.hasPrefix("stale: ") }.sorted(),
                       ["stale: \(folder)/a.html", "stale: \(folder)/a.png"], "another poster: only the poster and the snippet")
        // Any input changes it: every output is stale.
        let changed = try descent(["render", "--check", "--epochs", "1", "--scale", "0.5", "--w0", "8"] + outputs)
        XCTAssertEqual(changed.status, 1)
        for name in ["a.gif", "a.json", "a.png", "a.html", "a.layout.json", "frames/frames.json"] {
            XCTAssertTrue(changed.stdout.contains("stale: \(folder)/\(name)"), "\(name): \(changed.stdout)")
        }
    }

    /// A font file's bytes are an input: the same scene with a changed font is stale.
    func testAChangedFontFileMakesEveryOutputStale() throws {
        let fonts = folder + "/fonts"
        try FileManager.default.createDirectory(atPath: fonts, withIntermediateDirectories: true)
        for face in ["DejaVuSans.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-Bold.ttf"] {
            try FileManager.default.copyItem(atPath: RenderCommandTests.repository.path + "/Fonts/" + face, toPath: fonts + "/" + face)
        }
        let flags = ["render", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif"]
        XCTAssertEqual(try descent(flags + ["-q"], environment: ["DESCENT_FONTS": fonts]).status, 0)
        XCTAssertEqual(try descent(flags + ["--check"], environment: ["DESCENT_FONTS": fonts]).status, 0)
        // Bold is not drawn in this figure, yet its bytes count: a font update is an input.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: fonts + "/DejaVuSans-Bold.ttf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0, 0, 0, 0]))
        try handle.close()
        let stale = try descent(flags + ["--check"], environment: ["DESCENT_FONTS": fonts])
        XCTAssertEqual(stale.status, 1, stale.stderr)
        XCTAssertTrue(stale.stdout.contains("stale: \(folder)/a.gif"), stale.stdout)
    }

    /// Re-encoded by another tool that keeps the comment, a GIF is still fresh; with a pixel
    /// changed, only --pixels sees it.
    func testReencodingKeepsItFreshAndPixelsSeeAChangedPixel() throws {
        let flags = ["render", "--epochs", "1", "--scale", "0.5", "-o", folder + "/a.gif"]
        XCTAssertEqual(try descent(flags + ["-q"]).status, 0)
        let resave = """
        import sys
        from PIL import Image
        gif = Image.open(sys.argv[1]); frames = []; durations = []
        for i in range(gif.n_frames):
            gif.seek(i); frames.append(gif.convert('RGB')); durations.append(gif.info['duration'])
        if sys.argv[3] == 'touch':
            frames[-1].putpixel((5, 5), (255, 0, 255))
        frames[0].save(sys.argv[2], save_all=True, append_images=frames[1:], duration=durations, loop=0,
                       comment=gif.info['comment'], optimize=False, format='GIF')
        """
        _ = try python(resave, [folder + "/a.gif", folder + "/a.gif.tmp", "keep"])
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.gif.tmp")),
                          try Data(contentsOf: URL(fileURLWithPath: folder + "/a.gif")), "Pillow wrote other bytes")
        try FileManager.default.removeItem(atPath: folder + "/a.gif")
        try FileManager.default.moveItem(atPath: folder + "/a.gif.tmp", toPath: folder + "/a.gif")
        XCTAssertEqual(try descent(flags + ["--check"]).status, 0, "other bytes, the same fingerprint: fresh")
        XCTAssertEqual(try descent(flags + ["--check", "--pixels"]).status, 0, "and the same pixels and delays")
        _ = try python(resave, [folder + "/a.gif", folder + "/b.gif", "touch"])
        try FileManager.default.removeItem(atPath: folder + "/a.gif")
        try FileManager.default.moveItem(atPath: folder + "/b.gif", toPath: folder + "/a.gif")
        XCTAssertEqual(try descent(flags + ["--check"]).status, 0, "the fingerprint alone cannot see a pixel")
        let pixels = try descent(flags + ["--check", "--pixels"])
        XCTAssertEqual(pixels.status, 1)
        XCTAssertTrue(pixels.stdout.contains("stale: \(folder)/a.gif"), pixels.stdout)
        let alone = try descent(["render", "--pixels", "-o", folder + "/a.gif"])
        XCTAssertEqual(alone.status, 2)
        XCTAssertTrue(alone.stderr.contains("--pixels: compares pixels for --check; add --check"), alone.stderr)
    }
}
