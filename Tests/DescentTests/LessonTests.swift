import Foundation
import XCTest
@testable import Descent
import Chart

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
        XCTAssertEqual(LessonFigure.number(123_456), "$1.2\\times10^{5}$")
        XCTAssertEqual(LessonFigure.rate(0.025), "0.025")
        XCTAssertEqual(LessonFigure.rate(0.00001), "$10^{-5}$")
        XCTAssertEqual(LessonFigure.rateText(0.000005), "5×10⁻⁶")
        XCTAssertEqual(LessonFigure.rateText(2), "2")
    }

    /// The rate keeps the text the teacher wrote: the figure shows it (a power of ten when
    /// written with an exponent) and the file names carry it.
    func testTheLearningRateKeepsItsTextAsWritten() throws {
        let small = try LearningRate(" 1e-5 ")
        XCTAssertEqual(small.text, "1e-5")
        XCTAssertEqual(small.value, 0.00001)
        XCTAssertEqual(LessonFigure.rate(small), "$10^{-5}$")
        XCTAssertEqual(LessonFigure.rateText(small), "1×10⁻⁵")
        XCTAssertEqual(LessonFigure.rate(try LearningRate("0.0000025")), "$2.5\\times10^{-6}$", "zeros past the fourth decimal: a power")
        XCTAssertEqual(LessonFigure.rate(try LearningRate("0.0250")), "0.0250", "a plain decimal exactly as written")
        XCTAssertEqual(try LearningRate(2).text, "2")
        var scene = Scene()
        scene.learningRates = [small, try LearningRate("0.1")]
        scene.output = "out/a.gif"
        XCTAssertEqual(scene.outputPath(rate: small), "out/a_lr1e-5.gif")
        for bad in ["0", "-0.1", "abc", "nan", "inf", ""] {
            XCTAssertThrowsError(try LearningRate(bad), bad) { error in
                XCTAssertEqual((error as? LessonError)?.field, "lr")
            }
        }
        scene.learningRates = [try LearningRate("0.1"), try LearningRate("0.10")]
        XCTAssertThrowsError(try scene.validate()) { XCTAssertEqual("\($0)", "lr: lists a rate twice") }
    }

    func testNumbersInFormulasAreTypesetPowersWithNegativeOperandsInParentheses() {
        XCTAssertEqual(NumberText.math(3e-7), "3\\times10^{-7}")
        XCTAssertEqual(NumberText.operand(-4816.812), "(-4816.81)")
        XCTAssertEqual(NumberText.operand(-3.4e8), "(-3.4\\times10^{8})")
        XCTAssertEqual(NumberText.compact(-3.4e8), "\u{2212}3.4×10⁸")
        let n = EpochNumbers(epoch: 0, w: 0, loss: 1, gradient: -3.4e8, wNew: 34, predictions: [], pointLosses: [])
        XCTAssertEqual(LessonFigure.updateEquation(n, rate: LessonFigure.rateMath(1e-7))[1],
                       "$= 0.00 - 10^{-7} \\times (-3.4\\times10^{8})$ $= 34.00$")
    }

    func testLimitsCoverTheDataTheMinimumAndTheVisitedWeights() throws {
        let houses = try Lesson(x: [50, 80, 110, 140, 170, 200], t: [110_000, 180_000, 240_000, 270_000, 330_000, 390_000],
                                w0: 0, learningRate: 4e-6, epochs: 12)
        let limits = FigureLimits(lesson: houses, overrides: LimitOverrides())
        for w in houses.weights + [houses.minimum] {
            XCTAssertTrue(limits.weight.lower <= w && w <= limits.weight.upper, "w = \(w) in \(limits.weight)")
            XCTAssertTrue(limits.loss.lower <= houses.loss(at: w) && houses.loss(at: w) <= limits.loss.upper)
        }
        for (x, t) in zip(houses.x, houses.t) {
            XCTAssertTrue(limits.x.lower <= x && x <= limits.x.upper)
            XCTAssertTrue(limits.y.lower <= t && t <= limits.y.upper)
        }
        XCTAssertTrue(limits.x.lower <= 0 && limits.x.lower > -0.15 * limits.x.span,
                      "0 is nearer than the inputs' spread: the axis starts just below it (\(limits.x))")
    }

    func testDivergingRunsCoverOnlyEpochsNearTheFirstLoss() throws {
        let lesson = try Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, learningRate: 0.3, epochs: 10)
        let limits = FigureLimits(lesson: lesson, overrides: LimitOverrides())
        let covered = lesson.weights.prefix { lesson.loss(at: $0) <= FigureLimits.coverFactor * lesson.loss(at: 9) }
        XCTAssertEqual(covered.count, 2, "w0 and w1 are within 4x the first loss")
        for w in covered { XCTAssertTrue(limits.weight.lower <= w && w <= limits.weight.upper) }
        let pinned = lesson.weights.dropFirst(2)
        XCTAssertTrue(pinned.allSatisfy { lesson.loss(at: $0) > limits.loss.upper }, "later epochs are pinned, not squashing the curve")
    }

    func testTheSceneCanSetEachAxisAndTheNotebookKeepsItsOwn() throws {
        let limits = FigureLimits(lesson: .seed, overrides: .notebook)
        XCTAssertEqual(limits.weight, AxisLimits(-11.25, 16.25))
        XCTAssertEqual(limits.loss, AxisLimits(-200, 900))
        XCTAssertEqual(limits.x, AxisLimits(-1.25, 4.25))
        XCTAssertEqual(limits.y, AxisLimits(-10, 30))
        let partly = FigureLimits(lesson: .seed, overrides: LimitOverrides(loss: AxisLimits(0, 50)))
        XCTAssertEqual(partly.loss, AxisLimits(0, 50))
        XCTAssertNotEqual(partly.weight, limits.weight, "the others come from the lesson")
    }
}
