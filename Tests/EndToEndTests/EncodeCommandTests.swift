import Foundation
import TestSupport
import XCTest

/// `descent encode`: PNG frames (written by Pillow) in, a GIF out, read back with giflib.
final class EncodeCommandTests: XCTestCase {
    private var scratch: TemporaryFolder!
    private var folder: String { scratch.path }

    override func setUpWithError() throws {
        scratch = try TemporaryFolder("encode")
    }

    private func pixels(width: Int = 24, height: Int = 16, _ color: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height { for x in 0..<width { let c = color(x, y); pixels += [c.0, c.1, c.2, c.3] } }
        return pixels
    }

    private func frame(_ name: String, width: Int = 24, height: Int = 16, _ color: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) throws -> String {
        let path = folder + "/" + name
        try Pillow.writePNG(path, width: width, height: height, rgba: pixels(width: width, height: height, color))
        return path
    }

    private func decode(_ path: String) throws -> (frames: [[UInt8]], delays: [Int]) {
        let replay = try GIFReplay(path: path)
        return (replay.frames, replay.delays)
    }

    func testFramesWithFewColoursEncodeLosslesslyWithTheirDelays() throws {
        let colours: [(Int, Int) -> (UInt8, UInt8, UInt8, UInt8)] = [
            { x, y in (x + y) % 5 == 0 ? (31, 119, 180, 255) : (255, 255, 255, 255) },
            { x, _ in x < 8 ? (255, 127, 14, 255) : (255, 255, 255, 255) },
            { _, y in y == 3 ? (0, 0, 0, 255) : (255, 255, 255, 255) },
        ]
        let (a, b, c) = (try frame("a.png", colours[0]), try frame("b.png", colours[1]), try frame("c.png", colours[2]))
        let out = folder + "/out.gif"
        let run = try RenderCommandTests.descent(["encode", a, b, c, "-o", out, "--delays", "20,30,250"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let decoded = try decode(out)
        XCTAssertEqual(decoded.delays, [20, 30, 250])
        XCTAssertEqual(decoded.frames, colours.map { pixels($0) })
    }

    func testTranslucentPixelsAreLaidOnWhite() throws {
        let a = try frame("half.png", width: 4, height: 4) { _, _ in (0, 0, 0, 128) }
        let out = folder + "/half.gif"
        XCTAssertEqual(try RenderCommandTests.descent(["encode", a, "-o", out]).status, 0)
        XCTAssertEqual(Array(try decode(out).frames[0].prefix(4)), [127, 127, 127, 255])
    }

    /// `--background none`: a transparent GIF, pixels under half covered left out, and a
    /// pixel that vanishes in the next frame cleared (read back by giflib and replayed).
    func testATransparentBackgroundKeepsWhatIsHalfCovered() throws {
        let colours: [(Int, Int) -> (UInt8, UInt8, UInt8, UInt8)] = [
            { x, y in x < 8 && y < 8 ? (200, 30, 40, 255) : (0, 0, 0, x < 12 ? 127 : 0) },
            { x, y in x >= 8 && y < 8 ? (200, 30, 40, 200) : (0, 0, 0, 0) },
        ]
        let a = try frame("a.png", colours[0]), b = try frame("b.png", colours[1])
        let out = folder + "/clear.gif"
        let run = try RenderCommandTests.descent(["encode", a, b, "--background", "none", "-o", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let decoded = try decode(out)
        for (frame, colour) in zip(decoded.frames, colours) {
            XCTAssertEqual(frame, pixels { x, y in
                let c = colour(x, y)
                return c.3 >= 128 ? (c.0, c.1, c.2, 255) : (0, 0, 0, 0)
            })
        }
        let dithered = try RenderCommandTests.descent(["encode", a, b, "--background", "none", "--dither", "fs", "-o", out])
        XCTAssertEqual(dithered.status, 2)
        XCTAssertTrue(dithered.stderr.contains("--background none: cannot be dithered (--dither fs)"), dithered.stderr)
        let other = try RenderCommandTests.descent(["encode", a, "--background", "grey", "-o", out])
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("--background: must be white (the default) or none (transparent) (got grey)"), other.stderr)
    }

    func testBadFramesAndDelaysAreErrorsNamingTheFileOrFlag() throws {
        let a = try frame("a.png") { _, _ in (255, 255, 255, 255) }
        let small = try frame("small.png", width: 8, height: 8) { _, _ in (0, 0, 0, 255) }
        let text = folder + "/notes.png"
        try "not a picture".write(toFile: text, atomically: true, encoding: .utf8)
        let whole = try Data(contentsOf: URL(fileURLWithPath: a))
        let truncated = folder + "/truncated.png"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        let huge = folder + "/huge.png"
        try EncodeCommandTests.pngHeader(width: 100_000, height: 100_000).write(to: URL(fileURLWithPath: huge))
        let out = folder + "/never.gif"
        let cases: [([String], String)] = [
            ([a, small], "small.png"),
            ([a, text], "notes.png"),
            ([a, truncated], "truncated.png"),
            ([huge], "huge.png"),
            ([a, folder + "/missing.png"], "missing.png"),
            ([a, a, "--delays", "10"], "--delays"),
            ([a, "--delay", "0"], "--delay"),
            ([a, "--delays", "10,x"], "--delays"),
            ([a, "--dither", "noise"], "--dither"),
        ]
        for (arguments, named) in cases {
            let run = try RenderCommandTests.descent(["encode"] + arguments + ["-o", out])
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(named), "\(arguments): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(arguments)")
        }
    }

    /// A PNG that is only a signature and an IHDR chunk declaring `width` × `height`.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var chunk: [UInt8] = Array("IHDR".utf8)
        for v in [width, height] { chunk += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        chunk += [8, 6, 0, 0, 0]
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in chunk {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + chunk
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        return Data(bytes)
    }
}

/// `descent typeset`: a label to a tightly cropped transparent PNG.
final class TypesetCommandTests: XCTestCase {
    func testLabelBecomesATightTransparentPNG() throws {
        let scratch = try TemporaryFolder("typeset")
        let out = scratch.file("eq.png")
        let run = try RenderCommandTests.descent(["typeset", "Loss at $w = 9.00$: $\\frac{\\partial L}{\\partial w} = 77.80$",
                                                  "--size", "20", "--color", "#1f77b4", "-o", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let image = try Pillow.readPNG(out)
        XCTAssertGreaterThan(image.width, 200)
        XCTAssertLessThan(image.height, 80, "cropped to the ink")
        XCTAssertEqual(image.rgba[3], 0, "transparent background")
        let inked = stride(from: 0, to: image.rgba.count, by: 4).filter { image.rgba[$0 + 3] == 255 }
        XCTAssertFalse(inked.isEmpty)
        XCTAssertTrue(inked.allSatisfy { Array(image.rgba[$0..<$0 + 3]) == [0x1F, 0x77, 0xB4] }, "solid ink in the colour asked")
        // Cropped to the ink with a 2-pixel transparent border: ink in the third row and column
        // from each edge, none in the two outside them.
        func alpha(_ x: Int, _ y: Int) -> UInt8 { image.rgba[(y * image.width + x) * 4 + 3] }
        func rowInked(_ y: Int) -> Bool { (0..<image.width).contains { alpha($0, y) > 0 } }
        func columnInked(_ x: Int) -> Bool { (0..<image.height).contains { alpha(x, $0) > 0 } }
        XCTAssertEqual([0, 1, 2, image.height - 3, image.height - 2, image.height - 1].map(rowInked), [false, false, true, true, false, false])
        XCTAssertEqual([0, 1, 2, image.width - 3, image.width - 2, image.width - 1].map(columnInked), [false, false, true, true, false, false])
    }

    func testMalformedMathIsAnErrorWithTheColumnAndExitCode2() throws {
        let scratch = try TemporaryFolder("typeset")
        let run = try RenderCommandTests.descent(["typeset", "$\\frac{a}$", "-o", scratch.file("bad.png")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("column 10"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("bad.png")))
    }
}
