import Foundation
import TestSupport
import XCTest

/// Races as a teacher sets them up from the command line.
final class RaceCommandTests: CommandTestCase {
    override class var scratchName: String { "race" }

    /// Adam given gradient descent's small rate barely moves: said on stderr with a rate of
    /// its own to try (which does move it), not drawn as a silent stall.
    func testARunItsRateLeavesStillIsWarnedAboutWithARateToTry() throws {
        let flags = ["render", "-q", "--model", "affine", "--lr", "0.0012", "--epochs", "4", "--size", "640x480"]
        let stalled = try descent(flags + ["--optimizer", "gd,adam", "-o", folder + "/stalled.gif"])
        XCTAssertEqual(stalled.status, 0, stalled.stderr)
        XCTAssertTrue(stalled.stderr.contains("descent: warning: Adam (β₁ = 0.9, β₂ = 0.999, ε = 1×10⁻⁸), η = 0.0012 moves "), stalled.stderr)
        XCTAssertFalse(stalled.stderr.contains("gradient descent, η"), "gradient descent moves: \(stalled.stderr)")
        let rate = try XCTUnwrap(stalled.stderr.range(of: #"about [0-9.e-]+"#, options: .regularExpression).map { String(stalled.stderr[$0].dropFirst(6)) })
        let scene = folder + "/moving.yaml"
        try "model: affine\nlr: 0.0012\nepochs: 4\nsize: 640x480\noptimizers: [gd, {name: adam, lr: \(rate)}]\noutput: moving.gif\n"
            .write(toFile: scene, atomically: true, encoding: .utf8)
        let moving = try descent(["render", "-q", scene])
        XCTAssertEqual(moving.status, 0, moving.stderr)
        XCTAssertFalse(moving.stderr.contains("warning"), "with the rate suggested it moves: \(moving.stderr)")
    }
}
