import XCTest
@testable import Descent

/// A lesson is a model, a loss and an optimizer step: a model defined here plugs in without
/// touching the lesson's arithmetic.
final class SeamsTests: XCTestCase {
    /// y = w·x + b, the next lesson's model, written as a user of the seams would.
    private struct Affine: Model {
        var parameterNames: [String] { ["w", "b"] }
        func predict(_ x: Double, _ p: [Double]) -> Double { p[0] * x + p[1] }
        func sensitivities(_ x: Double, _ p: [Double]) -> [Double] { [x, 1] }
    }

    func testTheGradientIsTheSumOfEachPointsSlopeTimesItsSensitivity() {
        let objective = Objective(x: [0, 1, 2], t: [0.2, 1.3, 2.4], model: Affine())
        let p = [0.5, -1.0]
        // ∂L/∂w = Σ 2 rᵢ xᵢ and ∂L/∂b = Σ 2 rᵢ, with rᵢ = w xᵢ + b − tᵢ, by hand.
        let r = [0.5 * 0 - 1 - 0.2, 0.5 * 1 - 1 - 1.3, 0.5 * 2 - 1 - 2.4]
        let expected = [2 * (r[0] * 0 + r[1] * 1 + r[2] * 2), 2 * (r[0] + r[1] + r[2])]
        let g = objective.gradient(p)
        XCTAssertEqual(g[0], expected[0], accuracy: 1e-12)
        XCTAssertEqual(g[1], expected[1], accuracy: 1e-12)
        XCTAssertEqual(objective.value(p), r.map { $0 * $0 }.reduce(0, +), accuracy: 1e-12)
        // And against central differences, so the sensitivities cannot be wrong together.
        for k in 0..<2 {
            var up = p, down = p
            up[k] += 1e-6
            down[k] -= 1e-6
            XCTAssertEqual(g[k], (objective.value(up) - objective.value(down)) / 2e-6, accuracy: 1e-6)
        }
    }

    func testGradientDescentStepsEveryParameterAndCountsItsSteps() throws {
        let rate = try LearningRate("0.1")
        let objective = Objective(x: [1, 2], t: [3, 5], model: Affine())
        let path = objective.descend(from: [0, 0], with: GradientDescent(rate: rate), epochs: 3)
        XCTAssertEqual(path.count, 4)
        for e in 0..<3 {
            let g = objective.gradient(path[e])
            XCTAssertEqual(path[e + 1], [path[e][0] - 0.1 * g[0], path[e][1] - 0.1 * g[1]])
        }
        var state = OptimizerState()
        _ = GradientDescent(rate: rate).step([1], gradient: [1], state: &state)
        XCTAssertEqual(state.steps, 1)
    }

    func testALessonOnAnotherModelKeepsItsParametersAndRefusesAWrongStart() throws {
        let rate = try LearningRate("0.05")
        let objective = Objective(x: [0, 1, 2], t: [1, 3, 5], model: Affine())
        let lesson = try Lesson(objective: objective, start: [0, 0], optimizer: GradientDescent(rate: rate),
                                rate: rate, epochs: 200)
        XCTAssertEqual(lesson.path.last![0], 2, accuracy: 1e-3, "the slope of t = 2x + 1")
        XCTAssertEqual(lesson.path.last![1], 1, accuracy: 1e-3, "its intercept")
        XCTAssertEqual(lesson.numbers(epoch: 0).predictions, [0, 0, 0])
        XCTAssertThrowsError(try Lesson(objective: objective, start: [0], optimizer: GradientDescent(rate: rate),
                                        rate: rate, epochs: 1)) {
            XCTAssertEqual("\($0)", "start: needs one finite value for each of w, b")
        }
    }
}
