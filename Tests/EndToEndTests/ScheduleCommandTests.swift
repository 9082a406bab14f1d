import Foundation
import TestSupport
import XCTest

/// `--schedule` from the command line: a good one writes each epoch's rate into the
/// transcript; a bad one exits 2 naming the flag and the setting, with nothing written.
final class ScheduleCommandTests: CommandTestCase {
    override class var scratchName: String { "schedule" }

    func testAScheduleFlagStepsTheRateAndABadOneWritesNothing() throws {
        let good = try descent(["render", "-q", "--schedule", "multistep,milestones=2;4,gamma=0.5", "--epochs", "6",
                                "-o", folder + "/s.gif", "--transcript", folder + "/s.json", "--html", folder + "/s.html"])
        XCTAssertEqual(good.status, 0, good.stderr)
        // The page says the rate changes, and where it ends.
        let html = try String(contentsOfFile: folder + "/s.html", encoding: .utf8)
        XCTAssertTrue(html.contains("learning rate 0.025 (multistep schedule, 0.00625 in the last epoch)"), html)
        try FileManager.default.removeItem(atPath: folder + "/s.html")
        try FileManager.default.removeItem(atPath: folder + "/s_poster.png")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/s.json"))) as? [String: Any]
        let rates = (json?["epochs"] as? [[String: Any]])?.compactMap { $0["lr"] as? Double }
        XCTAssertEqual(rates, [0.025, 0.025, 0.0125, 0.0125, 0.00625, 0.00625])
        XCTAssertEqual((json?["schedule"] as? [String: Any])?["milestones"] as? [Int], [2, 4])
        try FileManager.default.removeItem(atPath: folder + "/s.gif")
        try FileManager.default.removeItem(atPath: folder + "/s.json")
        for (flag, words) in [("step,gamma=0.5", "step_size is missing"), ("cosine,t_max=0", "t_max must be a whole number"),
                              ("warmup", "must be one of step, multistep"), ("step,step_size=2,gama=1", "gama is not a setting"),
                              ("step,step_size", "takes its settings as name=value")] {
            let bad = try descent(["render", "-q", "--schedule", flag, "-o", folder + "/bad.gif"])
            XCTAssertEqual(bad.status, 2, flag)
            XCTAssertTrue(bad.stderr.contains("--schedule") && bad.stderr.contains(words), "\(flag): \(bad.stderr)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], flag)
        }
    }
}
