import CGIF
import Foundation
import XCTest

/// The `descent` executable, run as a user runs it, its GIF read back with giflib's decoder.
final class RenderCommandTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `descent` built beside the test runner (both live in the build's products folder).
    static var executable: URL {
        let candidates = [Bundle.main.executableURL, Bundle(for: RenderCommandTests.self).executableURL,
                          Bundle(for: RenderCommandTests.self).bundleURL]
            .compactMap { $0?.deletingLastPathComponent().appendingPathComponent("descent") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Run {
        let status: Int32
        let stderr: String
        /// What the command wrote to standard output (a GIF, with `-o -`).
        var stdout = Data()
    }

    @discardableResult
    static func descent(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let errors = Pipe()
        process.standardError = errors
        // Standard output to a file, not a pipe: a GIF would fill a pipe while stderr is read.
        let outPath = NSTemporaryDirectory() + "descent-stdout-\(getpid())-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardOutput = out
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try out.close()
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self),
                   stdout: try Data(contentsOf: URL(fileURLWithPath: outPath)))
    }

    // XCTest runs a class's tests one at a time, on one thread.
    nonisolated(unsafe) private static var seedRender: (path: String, bytes: Data)?

    /// The seed lesson rendered once for the tests that read it.
    private func seedGIF() throws -> (path: String, bytes: Data) {
        if let cached = RenderCommandTests.seedRender { return cached }
        let path = NSTemporaryDirectory() + "descent-e2e-\(getpid())/seed.gif"
        let run = try RenderCommandTests.descent(["render", "-o", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = (path, try Data(contentsOf: URL(fileURLWithPath: path)))
        RenderCommandTests.seedRender = result
        return result
    }

    func testCommittedGIFIsWhatTheCodeRenders() throws {
        let committed = try Data(contentsOf: RenderCommandTests.repository.appendingPathComponent("Output/gradient_descent.gif"))
        XCTAssertTrue(try seedGIF().bytes == committed,
                      "Output/gradient_descent.gif is stale: run `make gif` and commit it")
    }

    func testTwoRunsGiveIdenticalBytes() throws {
        let path = NSTemporaryDirectory() + "descent-e2e-\(getpid())/again.gif"
        XCTAssertEqual(try RenderCommandTests.descent(["render", "-o", path]).status, 0)
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: path)) == seedGIF().bytes)
    }

    func testOneThreadAndSeveralThreadsGiveTheSameBytes() throws {
        let dir = NSTemporaryDirectory() + "descent-e2e-\(getpid())/"
        XCTAssertEqual(try RenderCommandTests.descent(["render", "--threads", "1", "-o", dir + "one.gif"]).status, 0)
        XCTAssertEqual(try RenderCommandTests.descent(["render", "--threads", "3", "-o", dir + "three.gif"]).status, 0)
        let one = try Data(contentsOf: URL(fileURLWithPath: dir + "one.gif"))
        XCTAssertTrue(one == (try Data(contentsOf: URL(fileURLWithPath: dir + "three.gif"))))
        XCTAssertTrue(one == (try seedGIF().bytes))
    }

    func testGiflibDecodesSixtyStagesOf800x600LoopingForHundredFiftySeconds() throws {
        let (path, bytes) = try seedGIF()
        XCTAssertEqual(String(decoding: bytes.prefix(6), as: UTF8.self), "GIF89a")
        var error: Int32 = 0
        let gif = try XCTUnwrap(DGifOpenFileName(path, &error), "giflib cannot open the file (\(error))")
        defer { DGifCloseFile(gif, &error) }
        XCTAssertEqual(DGifSlurp(gif), GIF_OK)
        XCTAssertEqual(gif.pointee.SWidth, 800)
        XCTAssertEqual(gif.pointee.SHeight, 600)
        let colorMap = try XCTUnwrap(gif.pointee.SColorMap)
        // The loop block stands right after the screen descriptor and the global colour table.
        let loopAt = 13 + 3 * Int(colorMap.pointee.ColorCount)
        let block = Array(bytes[loopAt..<loopAt + 19])
        XCTAssertEqual(Array(block[0..<3]), [0x21, 0xFF, 0x0B])
        XCTAssertEqual(String(decoding: block[3..<14], as: UTF8.self), "NETSCAPE2.0")
        XCTAssertEqual(Array(block[14..<18]), [3, 1, 0, 0], "loop count 0: forever")

        var delays: [Int] = []
        for i in 0..<Int(gif.pointee.ImageCount) {
            var control = GraphicsControlBlock()
            XCTAssertEqual(DGifSavedExtensionToGCB(gif, Int32(i), &control), GIF_OK)
            delays.append(Int(control.DelayTime))
            let image = gif.pointee.SavedImages[i].ImageDesc
            XCTAssertLessThanOrEqual(Int(image.Left + image.Width), 800)
            XCTAssertLessThanOrEqual(Int(image.Top + image.Height), 600)
        }
        // Stages that change no pixel (late epochs' steps hide under the loss dot) merge
        // into the frame before them, keeping their time.
        XCTAssertLessThanOrEqual(delays.count, 60)
        XCTAssertGreaterThanOrEqual(delays.count, 50)
        XCTAssertEqual(delays.reduce(0, +), 15_000)
        XCTAssertEqual(Array(delays.prefix(6)), [200, 200, 200, 200, 200, 500])
    }

    func testBadFlagsAreErrorsNamingTheFlagWithExitCode2AndNoFile() throws {
        let path = NSTemporaryDirectory() + "descent-e2e-\(getpid())/bad.gif"
        for (arguments, flag) in [(["--lr", "-1"], "--lr"), (["--epochs", "0"], "--epochs"),
                                  (["--scale", "9"], "--scale"), (["--loop", "-2"], "--loop"),
                                  (["--lr", "fast"], "--lr")] {
            let run = try RenderCommandTests.descent(["render", "-o", path] + arguments)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(flag), "\(arguments): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        }
        XCTAssertEqual(try RenderCommandTests.descent(["paint"]).status, 2, "unknown subcommand")
    }
}
