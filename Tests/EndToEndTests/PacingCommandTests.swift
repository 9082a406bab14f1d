import Foundation
import TestSupport
import XCTest

/// Pacing from the command line: flags override the scene, long GIFs are warned about or
/// refused (nothing written), and the flags' mistakes are named.
final class PacingCommandTests: CommandTestCase {
    override class var scratchName: String { "pacing" }

    private func seconds(_ transcript: String) throws -> Double {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: transcript))) as? [String: Any])
        let stages = try XCTUnwrap(json["stages"] as? [[String: Any]])
        let last = try XCTUnwrap(stages.last)
        return Double((last["start_cs"] as! Int) + (last["duration_cs"] as! Int)) / 100
    }

    func testFlagsPaceTheGIFExactly() throws {
        let t = folder + "/t.json"
        let run = try descent(["render", "-q", "-o", folder + "/a.gif", "--transcript", t, "--durations", "weight=1,update=3",
                               "--speed", "2", "--detailed", "2", "--epoch-seconds", "0.5", "--show", "0-3,9", "--end-hold", "2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Two detailed epochs of 1 + 2·4 + 3 = 12 s, three of 0.5 s, all halved; then 2 s.
        let expected: Double = (2.0 * 12.0 + 3.0 * 0.5) / 2.0 + 2.0
        XCTAssertEqual(try seconds(t), expected, accuracy: 0.005)
    }

    /// `--plays N` counts every play, as a teacher does; GIF's own count (`--loop`) counts the
    /// repeats after the first, and one play is a GIF without a loop block. Read by Pillow.
    func testPlaysCountsEveryPlay() throws {
        let loop = "import sys; from PIL import Image; print(Image.open(sys.argv[1]).info.get('loop', 'none'))"
        for (plays, expected) in [("1", "none"), ("3", "2"), ("forever", "0")] {
            let gif = folder + "/plays\(plays).gif"
            let run = try descent(["render", "-q", "--epochs", "1", "--size", "400x400", "--plays", plays, "-o", gif])
            XCTAssertEqual(run.status, 0, run.stderr)
            let read = try runPython(loop, [gif])
            XCTAssertEqual(read.status, 0)
            XCTAssertEqual(read.output.trimmingCharacters(in: .whitespacesAndNewlines), expected, "--plays \(plays)")
        }
        let bad = try descent(["render", "-q", "--plays", "0", "-o", folder + "/bad.gif"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--plays: must be forever or a number of plays from 1 to 65536 (got 0)"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/bad.gif"))
    }

    func testALongGIFIsWarnedAboutOrRefused() throws {
        let warned = try descent(["render", "-q", "-o", folder + "/long.gif", "--epochs", "50", "--show", "0-45"])
        XCTAssertEqual(warned.status, 0, warned.stderr)
        XCTAssertTrue(warned.stderr.contains("long.gif lasts 11 min 30 s (690 s); --detailed N"), warned.stderr)
        let refused = try descent(["render", "-q", "-o", folder + "/ci.gif", "--epochs", "50", "--max-seconds", "600"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--max-seconds: ci.gif would last 12 min 30 s (750 s), more than 600 s"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/ci.gif"), "nothing written")
        let fits = try descent(["render", "-q", "-o", folder + "/ci.gif", "--epochs", "50", "--max-seconds", "600",
                                "--detailed", "5", "--epoch-seconds", "0.5"])
        XCTAssertEqual(fits.status, 0, fits.stderr)
    }

    func testSmoothMotionGivesTheSameBytesOnAnyThreadsAndTheSameLength() throws {
        let one = folder + "/one.gif", two = folder + "/two.gif", t = folder + "/s.json", cut = folder + "/c.json"
        XCTAssertEqual(try descent(["render", "-q", "--motion", "smooth", "--epochs", "3", "--threads", "1", "-o", one,
                                    "--transcript", t]).status, 0)
        XCTAssertEqual(try descent(["render", "-q", "--motion", "smooth", "--epochs", "3", "--threads", "2", "-o", two]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: one)), try Data(contentsOf: URL(fileURLWithPath: two)))
        XCTAssertEqual(try descent(["render", "-q", "--epochs", "3", "-o", folder + "/cut.gif", "--transcript", cut]).status, 0)
        XCTAssertEqual(try seconds(t), try seconds(cut), "in-between frames take their time from the next hold")
        let bad = try descent(["render", "-q", "--motion", "wobbly", "-o", folder + "/x.gif"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--motion: must be smooth (frames in between) or cut (got wobbly)"), bad.stderr)
    }

    func testThePacingFlagsMistakesAreNamed() throws {
        let cases: [([String], String)] = [
            (["--durations", "wieght=2"], "--durations: has no stage wieght; the stages are weight, loss, tangent, step, drop, update"),
            (["--durations", "weight:2"], "--durations: must be stage=seconds pairs joined by commas"),
            (["--speed", "0"], "--speed: must be between 0.1 and 10 (got 0.0)"),
            (["--show", "0-4,12"], "--show: names epoch 12, but the lesson's epochs are 0 to 9"),
            (["--show", "3,1"], "--show: must list epochs in increasing order (1 after 3)"),
            (["--epoch-seconds", "-1"], "--epoch-seconds: must be more than 0 and at most 3600 seconds"),
        ]
        for (flags, message) in cases {
            let run = try descent(["render", "-q", "-o", folder + "/x.gif"] + flags)
            XCTAssertEqual(run.status, 2, "\(flags)")
            XCTAssertTrue(run.stderr.contains(message), "\(flags): \(run.stderr)")
        }
    }
}
