import Foundation
import XCTest
@testable import Descent

/// The lesson's arithmetic against numpy's, from the notebook run (reference JSON).
final class LessonTests: XCTestCase {
    private struct Reference: Decodable {
        let lr: Double
        let w0: Double
        let epochs: Int
        let stages: [StageNumbers]
    }

    private struct StageNumbers: Decodable {
        let stage: String
        let duration_s: Double
        let epoch: Int
        let w: Double
        let loss: Double
        let grad: Double
        let w_new: Double
        let point_losses: [Double]
    }

    private func reference() throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "seed_numpy_stages", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func testSeedLessonMatchesNumpyWithinOneBillionth() throws {
        let ref = try reference()
        let lesson = Lesson.seed
        XCTAssertEqual(lesson.learningRate, ref.lr)
        XCTAssertEqual(lesson.w0, ref.w0)
        XCTAssertEqual(lesson.epochs, ref.epochs)
        XCTAssertEqual(ref.stages.count, 60)
        for stage in ref.stages {
            let n = lesson.numbers(epoch: stage.epoch)
            XCTAssertEqual(n.w, stage.w, accuracy: 1e-9, "w, epoch \(stage.epoch)")
            XCTAssertEqual(n.loss, stage.loss, accuracy: 1e-9, "loss, epoch \(stage.epoch)")
            XCTAssertEqual(n.gradient, stage.grad, accuracy: 1e-9, "gradient, epoch \(stage.epoch)")
            XCTAssertEqual(n.wNew, stage.w_new, accuracy: 1e-9, "w_new, epoch \(stage.epoch)")
            XCTAssertEqual(n.pointLosses.count, stage.point_losses.count)
            for (ours, theirs) in zip(n.pointLosses, stage.point_losses) {
                XCTAssertEqual(ours, theirs, accuracy: 1e-9, "point loss, epoch \(stage.epoch)")
            }
        }
    }

    func testStoryboardHasTheNotebooksSixtyStagesAndHundredFiftySeconds() throws {
        let ref = try reference()
        let frames = Storyboard(lesson: .seed).timeline.keyframes
        XCTAssertEqual(frames.count, 60)
        XCTAssertEqual(frames.map(\.delayCentiseconds).reduce(0, +), 15_000)
        XCTAssertEqual(frames.map(\.state.stage.rawValue), ref.stages.map(\.stage))
        XCTAssertEqual(frames.map(\.state.epoch), ref.stages.map(\.epoch))
        XCTAssertEqual(frames.map { Double($0.delayCentiseconds) / 100 }, ref.stages.map(\.duration_s))
    }

    func testLessonRefusesBadNumbersNamingTheField() {
        XCTAssertThrowsError(try Lesson(x: [], t: [], w0: 1, learningRate: 0.1, epochs: 1)) {
            XCTAssertEqual(($0 as? LessonError)?.field, "data.x")
        }
        XCTAssertThrowsError(try Lesson(x: [1, 2], t: [1], w0: 1, learningRate: 0.1, epochs: 1)) {
            XCTAssertEqual(($0 as? LessonError)?.field, "data")
        }
        XCTAssertThrowsError(try Lesson(x: [1], t: [1], w0: .nan, learningRate: 0.1, epochs: 1)) {
            XCTAssertEqual(($0 as? LessonError)?.field, "w0")
        }
        XCTAssertThrowsError(try Lesson(x: [1], t: [1], w0: 1, learningRate: 0, epochs: 1)) {
            XCTAssertEqual(($0 as? LessonError)?.field, "lr")
        }
        XCTAssertThrowsError(try Lesson(x: [1], t: [1], w0: 1, learningRate: 0.1, epochs: 0)) {
            XCTAssertEqual(($0 as? LessonError)?.field, "epochs")
        }
    }

    func testNumbersAreWrittenWithTwoDecimalsAndTheRateAsGiven() {
        XCTAssertEqual(LessonFigure.number(3.06623046), "3.07")
        XCTAssertEqual(LessonFigure.number(-2.5), "\u{2212}2.50")
        XCTAssertEqual(LessonFigure.number(123_456), "1.2e5")
        XCTAssertEqual(LessonFigure.rate(0.025), "0.025")
    }
}
