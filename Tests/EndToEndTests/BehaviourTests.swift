import Foundation
import TestSupport
import XCTest

/// Behaviours the README promises that no test proved before, checked end to end with an
/// independent reader (Pillow, through python3) where pixels or files are read.
final class BehaviourTests: CommandTestCase {
    override class var scratchName: String { "behaviour" }

    /// Python with Pillow (an independent reader): what `script` prints; it must succeed.
    @discardableResult
    private func python(_ script: String, _ arguments: [String] = []) throws -> String {
        let run = try runPython(script, arguments)
        XCTAssertEqual(run.status, 0, script)
        return run.output
    }

    /// The poster of `--poster-stage` is that keyframe, pixel for pixel (the frames folder's
    /// PNG of it), and the GIF shows it at that stage's time, within the palette's error.
    func testThePosterIsTheKeyframeOfItsStage() throws {
        let run = try descent(["render", "-q", "--epochs", "2", "--scale", "0.5", "-o", folder + "/a.gif",
                               "--poster", folder + "/p.png", "--poster-stage", "1:tangent", "--frames-dir", folder + "/frames",
                               "--transcript", folder + "/a.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let script = """
        import sys, json
        from PIL import Image
        poster = Image.open(sys.argv[1]).convert('RGBA')
        frame = Image.open(sys.argv[2]).convert('RGBA')
        other = Image.open(sys.argv[3]).convert('RGBA')
        stages = json.load(open(sys.argv[5]))['stages']
        start = next(s['start_cs'] for s in stages if s['epoch'] == 1 and s['stage'] == 'tangent') * 10
        gif = Image.open(sys.argv[4]); t = 0
        for i in range(gif.n_frames):
            gif.seek(i)
            if t <= start < t + gif.info['duration']: break
            t += gif.info['duration']
        shown = gif.convert('RGBA')
        def far(a, b):
            # Pixels where some channel differs by more than 40 levels: beyond a palette's error.
            pa, pb = a.tobytes(), b.tobytes()
            return sum(1 for i in range(0, len(pa), 4) if max(abs(pa[i + k] - pb[i + k]) for k in range(3)) > 40)
        print(poster.tobytes() == frame.tobytes(), far(poster, shown), far(poster, other))
        """
        let result = try python(script, [folder + "/p.png", folder + "/frames/frame_008_epoch01_tangent.png",
                                         folder + "/frames/frame_000_epoch00_weight.png", folder + "/a.gif", folder + "/a.json"])
        let parts = result.split(separator: " ")
        XCTAssertEqual(parts.first, "True", "the poster is the keyframe's pixels: \(result)")
        let gifFar = try XCTUnwrap(Int(parts[1])), otherFar = try XCTUnwrap(Int(parts[2]))
        XCTAssertLessThan(gifFar, 20, "the GIF at that moment shows it (palette error only): \(result)")
        XCTAssertGreaterThan(otherFar, 100, "another keyframe (the first) looks different: \(result)")
    }

    /// `--lang es` and a scene's `labels` reach the figure: the layout export lists the texts drawn.
    func testLanguageAndLabelOverridesAreDrawn() throws {
        let scene = try scratch.write("labels: { x: horas de sol, loss_curve: \"pérdida total\" }\nepochs: 1\n", "s.yaml")
        let run = try descent(["render", "-q", scene, "--lang", "es", "--scale", "0.5", "-o", folder + "/a.gif", "--layout", folder + "/a.layout.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let layout = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/a.layout.json"))) as? [String: Any])
        let texts = Set((layout["keyframes"] as? [[String: Any]] ?? []).flatMap { keyframe in
            (keyframe["elements"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        })
        XCTAssertTrue(texts.contains("horas de sol"), "the x label overridden: \(texts.sorted().prefix(40))")
        XCTAssertTrue(texts.contains("pérdida total"), "the loss curve's legend overridden")
        let english = try descent(["render", "-q", scene, "--lang", "en", "--scale", "0.5", "-o", folder + "/b.gif", "--layout", folder + "/b.layout.json"])
        XCTAssertEqual(english.status, 0, english.stderr)
        let other = try String(contentsOfFile: folder + "/b.layout.json", encoding: .utf8)
        let spanish = try String(contentsOfFile: folder + "/a.layout.json", encoding: .utf8)
        XCTAssertNotEqual(other, spanish, "the language changes the texts that are not overridden")
        XCTAssertTrue(other.contains("horas de sol"), "overrides win in any language")
    }

    /// `encode --dither ordered|fs` from the command line: each differs from none and from
    /// the other, on frames with more colours than a palette holds.
    func testEncodeDitherChoicesGiveDifferentGIFs() throws {
        try python("""
        import sys
        from PIL import Image
        for k in range(2):
            im = Image.new('RGB', (120, 80))
            im.putdata([((x * 2 + k * 7) % 256, (y * 3) % 256, (x + y) % 256) for y in range(80) for x in range(120)])
            im.save(sys.argv[1] + '/f%d.png' % k)
        """, [folder])
        var bytes: [String: Data] = [:]
        for dither in ["none", "ordered", "fs"] {
            let run = try descent(["encode", folder + "/f0.png", folder + "/f1.png", "--dither", dither, "-o", folder + "/\(dither).gif"])
            XCTAssertEqual(run.status, 0, run.stderr)
            bytes[dither] = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(dither).gif"))
        }
        XCTAssertNotEqual(bytes["none"], bytes["ordered"])
        XCTAssertNotEqual(bytes["none"], bytes["fs"])
        XCTAssertNotEqual(bytes["ordered"], bytes["fs"])
    }

    /// Grey, palette and 16-bit PNGs (written by Pillow) encode to what Pillow reads from them.
    func testGreyPaletteAndSixteenBitPNGsAreRead() throws {
        try python("""
        import sys
        from PIL import Image
        d = sys.argv[1]
        grey = Image.new('L', (40, 30)); grey.putdata([(x * 6) % 256 for y in range(30) for x in range(40)]); grey.save(d + '/grey.png')
        pal = Image.new('P', (40, 30)); pal.putpalette([0, 0, 0, 255, 0, 0, 0, 128, 255, 250, 250, 250] + [0] * 744)
        pal.putdata([(x // 10 + y // 10) % 4 for y in range(30) for x in range(40)]); pal.save(d + '/palette.png')
        deep = Image.new('I;16', (40, 30)); deep.putdata([(x * 1600) % 65536 for y in range(30) for x in range(40)]); deep.save(d + '/deep.png')
        """, [folder])
        for name in ["grey", "palette", "deep"] {
            let run = try descent(["encode", folder + "/\(name).png", "-o", folder + "/\(name).gif"])
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            let same = try python("""
            import sys
            from PIL import Image
            src = Image.open(sys.argv[1])
            if src.mode.startswith('I'):
                values = list(src.getdata())
                src = Image.new('L', src.size); src.putdata([round(v / 257) for v in values])
            a = src.convert('RGB'); b = Image.open(sys.argv[2]).convert('RGB')
            print(max(abs(x - y) for x, y in zip(a.tobytes(), b.tobytes())))
            """, [folder + "/\(name).png", folder + "/\(name).gif"])
            XCTAssertLessThanOrEqual(Int(same) ?? 99, 1, "\(name): the GIF shows the PNG (largest difference \(same))")
        }
    }

    /// `--loop N` reaches the file (Pillow reads the NETSCAPE2.0 block), and the lesson's GIF
    /// written to a pipe has the file's bytes.
    func testLoopCountAndAPipe() throws {
        XCTAssertEqual(try descent(["render", "-q", "--epochs", "1", "--scale", "0.5", "--loop", "3", "-o", folder + "/a.gif"]).status, 0)
        XCTAssertEqual(try python("import sys; from PIL import Image; print(Image.open(sys.argv[1]).info.get('loop'))", [folder + "/a.gif"]), "3")
        let process = Process()
        process.executableURL = RenderCommandTests.executable
        process.arguments = ["render", "-q", "--epochs", "1", "--scale", "0.5", "--loop", "3", "-o", "/dev/stdout"]
        process.currentDirectoryURL = RenderCommandTests.repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let piped = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(piped == (try Data(contentsOf: URL(fileURLWithPath: folder + "/a.gif"))), "a pipe gets the file's bytes")
    }

    /// `descent testcard` draws every primitive into a PNG that is not blank.
    func testTheTestCardIsDrawn() throws {
        let run = try descent(["testcard", "-o", folder + "/card.png"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let colours = try python("import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('RGB'); print(im.size[0] * im.size[1], len(im.getcolors(1 << 24)))",
                                 [folder + "/card.png"])
        let numbers = colours.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 2)
        XCTAssertGreaterThan(numbers.first ?? 0, 100_000, "a large card")
        XCTAssertGreaterThan(numbers.last ?? 0, 100, "anti-aliased primitives in many shades")
    }

    /// Under a terminal the progress bar draws on standard error, and the GIF is the same as
    /// without one.
    func testTheProgressBarDrawsUnderATerminalAndLeavesTheGIFAlone() throws {
        XCTAssertEqual(try descent(["render", "-q", "--epochs", "2", "--scale", "0.5", "-o", folder + "/quiet.gif"]).status, 0)
        let shown = try python("""
        import os, pty, subprocess, sys
        master, slave = pty.openpty()
        proc = subprocess.Popen([sys.argv[1], 'render', '--epochs', '2', '--scale', '0.5', '-o', sys.argv[2]],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=sys.argv[3])
        os.close(slave)
        out = b''
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk: break
            out += chunk
        proc.wait()
        print(proc.returncode, out.count(b'\\r'), len(out))
        """, [RenderCommandTests.executable.path, folder + "/bar.gif", RenderCommandTests.repository.path])
        let numbers = shown.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers.first, 0, shown)
        XCTAssertGreaterThan(numbers.count > 1 ? numbers[1] : 0, 2, "the bar is redrawn in place: \(shown)")
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: folder + "/bar.gif")) == Data(contentsOf: URL(fileURLWithPath: folder + "/quiet.gif")),
                      "the progress bar does not touch the GIF")
    }
}
