import XCTest
@testable import Descent
import Chart
import Raster
import Typeset

/// Long lessons: speed, detailed epochs, chosen epochs and the end hold give exact lengths,
/// and what is shown is what the transcript's stages list.
final class PacingTests: XCTestCase {
    private func total(_ edit: (inout Pacing) -> Void, epochs: Int = 10) throws -> Double {
        var pacing = Pacing()
        edit(&pacing)
        try pacing.check(epochs: epochs)
        let lesson = try Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, learningRate: 0.025, epochs: epochs)
        return Storyboard(lesson: lesson, pacing: pacing).totalSeconds
    }

    func testEveryOptionAndTheirCombinationsGiveExactLengths() throws {
        XCTAssertEqual(try total { _ in }, 150, "the notebook's 15 s an epoch")
        XCTAssertEqual(try total { $0.speed = 2 }, 75)
        XCTAssertEqual(try total { $0.speed = 0.5 }, 300)
        XCTAssertEqual(try total { $0.durations = [.update: 1, .weight: 0.5] }, 10 * (0.5 + 2 * 4 + 1))
        XCTAssertEqual(try total { $0.detailed = 3; $0.epochSeconds = 0.5 }, 3 * 15 + 7 * 0.5)
        XCTAssertEqual(try total { $0.detailed = 50 }, 150, "more detailed epochs than epochs: all detailed")
        XCTAssertEqual(try total { $0.show = [0, 1, 9] }, 45)
        XCTAssertEqual(try total { $0.endHold = 3 }, 153)
        XCTAssertEqual(try total { $0.speed = 2; $0.detailed = 1; $0.epochSeconds = 2; $0.show = [0, 5, 9]; $0.endHold = 1 },
                       (15 + 2 + 2) / 2 + 1, "the end hold is not sped up")
        XCTAssertEqual(try total({ $0.detailed = 0; $0.epochSeconds = 0.2 }, epochs: 10_000), 2000)
    }

    func testTheTranscriptKeepsEveryEpochAndListsOnlyTheShownStages() throws {
        var pacing = Pacing()
        pacing.show = [0, 4, 9]
        pacing.detailed = 1
        let lesson = try Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, learningRate: 0.025, epochs: 10)
        let transcript = Transcript(storyboard: Storyboard(lesson: lesson, pacing: pacing))
        XCTAssertEqual(transcript.epochs.count, 10)
        XCTAssertEqual(transcript.stages.map(\.epoch), [0, 0, 0, 0, 0, 0, 4, 9])
        XCTAssertEqual(transcript.stages.suffix(2).map(\.stage), ["update", "update"])
    }

    func testBadPacingIsNamed() throws {
        let scene = "epochs: 10\n"
        let errors = [
            ("speed: 0\n", "p.yaml:2: speed: must be between 0.1 and 10 (got 0.0)"),
            ("speed: 20\n", "p.yaml:2: speed: must be between 0.1 and 10 (got 20.0)"),
            ("show: 0-4,12\n", "p.yaml:2: show: names epoch 12, but the lesson's epochs are 0 to 9"),
            ("show: 4-2\n", "p.yaml:2: show: has the range 4-2 backwards; write it low-high"),
            ("show: 1,3,3\n", "p.yaml:2: show: names epoch 3 twice"),
            ("show: [5, 2]\n", "p.yaml:2: show: must list epochs in increasing order (2 after 5)"),
            ("pace: {epoch_seconds: 0}\n", "p.yaml:2: pace.epoch_seconds: must be more than 0 and at most 3600 seconds (got 0.0)"),
            ("end_hold: -1\n", "p.yaml:2: end_hold: must be from 0 to 3600 seconds (got -1.0)"),
            ("max_seconds: 0\n", "p.yaml:2: max_seconds: must be a number of seconds greater than 0 (got 0.0)"),
        ]
        for (text, message) in errors {
            XCTAssertThrowsError(try SceneFile.parse(scene + text, file: "p.yaml"), text) { XCTAssertEqual("\($0)", message) }
        }
        let fine = try SceneFile.parse(scene + "show: 0-2, 9\npace: {detailed: 2, epoch_seconds: 0.5}\nspeed: 2\nend_hold: 3\n", file: "p.yaml")
        XCTAssertEqual(fine.pacing.show, [0, 1, 2, 9])
        XCTAssertEqual(fine.pacing.detailed, 2)
        XCTAssertEqual(fine.pacing.endHold, 3)
    }
}

/// Smooth motion: in-between frames take their time from the next hold, and the point moves
/// one way through them.
final class MotionTests: XCTestCase {
    func testInBetweenFramesKeepTheLengthAndMoveTheStarOneWay() throws {
        let lesson = try Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, learningRate: 0.025, epochs: 4)
        var pacing = Pacing()
        let cut = Storyboard(lesson: lesson, pacing: pacing)
        pacing.motion = Motion(seconds: 0.5, fps: 25)
        let smooth = Storyboard(lesson: lesson, pacing: pacing)
        XCTAssertEqual(smooth.totalSeconds, cut.totalSeconds, "the same length")
        let keyframes = smooth.timeline.keyframes
        XCTAssertEqual(keyframes.count, cut.timeline.keyframes.count + 3 * 13, "13 frames (0.5 s at 25 fps, rounded) before each later epoch")
        XCTAssertTrue(keyframes.filter { $0.state.tween != nil }.allSatisfy { $0.delayCentiseconds == 4 })

        let fonts = try FontLibrary()
        let renderer = FigureRenderer(style: Style(), fonts: fonts)
        let figure = try LessonFigure(lesson: lesson, renderer: renderer)
        var canvas = Canvas(width: 800, height: 600)
        for epoch in 1..<4 {
            let between = keyframes.filter { $0.state.epoch == epoch && $0.state.tween != nil }.map(\.state)
            let xs = try between.map { moment -> Int in
                let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
                return try XCTUnwrap(drawn.first { $0.role == .currentWeight }).box.x
            }
            XCTAssertEqual(xs.count, 13)
            XCTAssertEqual(xs, xs.sorted(by: >), "epoch \(epoch): the star slides left, one way, towards w_new")
            XCTAssertLessThan(xs.last!, xs.first!)
        }
        XCTAssertEqual(Motion.ease(0), 0)
        XCTAssertEqual(Motion.ease(1), 1)
        XCTAssertEqual(Motion.ease(0.5), 0.5)
    }

    func testMotionIsChecked() {
        for (text, message) in [("motion: {kind: smooth, fps: 60}\n", "m.yaml:1: motion.fps: must be between 1 and 50 frames a second"),
                                ("motion: wobbly\n", "m.yaml:1: motion: must be smooth (frames in between) or cut (got wobbly)")] {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "m.yaml")) { XCTAssertTrue("\($0)".hasPrefix(message), "\($0)") }
        }
    }
}

/// A flat lesson (every x is 0) never moves: its regime says so.
final class StalledRegimeTests: XCTestCase {
    func testAFlatLessonIsStalledNotDiverging() throws {
        let lesson = try Lesson(x: [0, 0], t: [1, 2], w0: 3, learningRate: 0.1, epochs: 3)
        XCTAssertEqual(lesson.contraction, 1)
        XCTAssertEqual(lesson.regime, .stalled)
        XCTAssertEqual(lesson.weights, [3, 3, 3, 3])
        XCTAssertEqual(Transcript(storyboard: Storyboard(lesson: lesson)).regime, "stalled")
        XCTAssertEqual(FigureLabels(language: .es).regimes[.stalled], "estancada")
        XCTAssertEqual(Regime(ratio: 1.5), .diverging)
    }
}
