import Foundation
import XCTest
@testable import Descent

/// The (w, b) lesson's arithmetic against numpy's (Tests/DescentTests/Fixtures/affine_numpy.json,
/// made by scripts/affine_fixtures.py): the path, the minimum, the Hessian's eigenvalues, and
/// the notebook's random starts from the project's own generator.
final class AffineLessonTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Case: Decodable {
            struct Minimum: Decodable { let w: Double, b: Double, loss: Double }
            struct Epoch: Decodable {
                let epoch: Int
                let w: Double, b: Double, loss: Double
                let grad_w: Double, grad_b: Double, w_new: Double, b_new: Double
            }
            let name: String
            let x: [Double], t: [Double], start: [Double]
            let lr: Double
            let epochs: Int
            let minimum: Minimum
            let eigenvalues: [Double]
            let epochs_data: [Epoch]
        }
        let cases: [Case]
        let starts: [String: [String: [Double]]]
    }

    private func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "affine_numpy", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    private func close(_ a: Double, _ b: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a, b, accuracy: 1e-9 * Swift.max(1, abs(b)), what, file: file, line: line)
    }

    func testThePathMinimumAndCurvaturesMatchNumpy() throws {
        for c in try fixture().cases {
            let rate = try LearningRate(c.lr)
            let lesson = try Lesson(objective: Objective(x: c.x, t: c.t, model: AffineLine()), start: c.start,
                                    optimizer: GradientDescent(rate: rate), rate: rate, epochs: c.epochs)
            for e in c.epochs_data {
                let p = lesson.path[e.epoch], next = lesson.path[e.epoch + 1]
                let g = lesson.objective.gradient(p)
                close(p[0], e.w, "\(c.name) epoch \(e.epoch) w")
                close(p[1], e.b, "\(c.name) epoch \(e.epoch) b")
                close(lesson.objective.value(p), e.loss, "\(c.name) epoch \(e.epoch) loss")
                close(g[0], e.grad_w, "\(c.name) epoch \(e.epoch) ∂L/∂w")
                close(g[1], e.grad_b, "\(c.name) epoch \(e.epoch) ∂L/∂b")
                close(next[0], e.w_new, "\(c.name) epoch \(e.epoch) w_new")
                close(next[1], e.b_new, "\(c.name) epoch \(e.epoch) b_new")
            }
            let minimum = try XCTUnwrap(lesson.leastSquares, c.name)
            close(minimum[0], c.minimum.w, "\(c.name) w*")
            close(minimum[1], c.minimum.b, "\(c.name) b*")
            close(lesson.objective.value(minimum), c.minimum.loss, "\(c.name) L*")
            close(lesson.curvatures[0], c.eigenvalues[0], "\(c.name) λmax")
            close(lesson.curvatures[1], c.eigenvalues[1], "\(c.name) λmin")
        }
    }

    func testTheRandomStartIsTheSameOnEveryMachine() throws {
        for (seed, starts) in try fixture().starts {
            let value = try XCTUnwrap(UInt64(seed))
            XCTAssertEqual(SplitMix64.notebookStart(seed: value, parameters: 1), starts["linear"], "seed \(seed)")
            XCTAssertEqual(SplitMix64.notebookStart(seed: value, parameters: 2), starts["affine"], "seed \(seed)")
        }
    }

    func testTheRegimeFollowsTheLargestFactorAndTheConditionNumberIsTheCurvaturesRatio() throws {
        // H = 2XᵀX = [[10, 6], [6, 6]]: λ = 8 ± √40.
        let lesson = try Lesson(objective: Objective(x: [0, 1, 2], t: [0.2, 1.3, 2.4], model: AffineLine()),
                                start: [-1, 4], optimizer: GradientDescent(rate: try LearningRate("0.12")),
                                rate: try LearningRate("0.12"), epochs: 3)
        XCTAssertEqual(lesson.conditionNumber, (8 + 40.0.squareRoot()) / (8 - 40.0.squareRoot()), accuracy: 1e-12)
        XCTAssertEqual(lesson.contractions[0], 1 - 0.12 * (8 + 40.0.squareRoot()), accuracy: 1e-12)
        XCTAssertEqual(lesson.regime, .monotone, "|r| largest along the flat direction, 0.80, not the steep one, −0.72")
    }

    func testSceneKeysAndTheirErrors() throws {
        let scene = try SceneFile.parse("model: affine\nb0: 4\nw0: -1\nlr: 0.12\n", file: "a.yaml")
        XCTAssertEqual(scene.model, .affine)
        XCTAssertEqual(scene.start, [-1, 4])
        let drawn = try SceneFile.parse("model: affine\nseed: 42\nb0: 3\n", file: "a.yaml")
        XCTAssertEqual(drawn.initialization, .random, "a seed alone asks for the draw")
        XCTAssertEqual(drawn.start, [SplitMix64.notebookStart(seed: 42, parameters: 2)[0], 3], "b0 given wins over its draw")
        let errors = [
            ("b0: 1\n", "s.yaml:1: b0: is the intercept's start, which only `model: affine` has (the model is linear)"),
            ("seed: -3\n", "s.yaml:1: seed: must be a whole number from 0 to 18446744073709551615 (got -3)"),
            ("seed: 1.5\n", "s.yaml:1: seed: must be a whole number from 0 to 18446744073709551615 (got 1.5)"),
            ("init: given\nseed: 3\n", "s.yaml:2: seed: draws the start, but `init: given` starts from w0 and b0; remove one of them"),
            ("model: quadratic\n", "s.yaml:1: model: must be linear (y = w·x), affine (y = w·x + b) or logistic (p = σ(w·x + b)) (got quadratic)"),
        ]
        for (text, message) in errors {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "s.yaml"), text) { XCTAssertEqual("\($0)", message) }
        }
        XCTAssertThrowsError(try SceneFile.parse("model: affine\ndata: {x: [2, 2], t: [1, 3]}\n", file: "s.yaml")) {
            XCTAssertTrue("\($0)".hasPrefix("s.yaml:2: data.x: has one distinct value (2)"), "\($0)")
        }
    }

    /// A (w, b) path's words match its steps: each direction of the valley is named by how the
    /// path's distance from the minimum along it actually moves — its sign flipping every step
    /// (zig-zags) or not (slides) — computed here from the data alone, independently of the
    /// lesson's own curvature.
    func testTheWordsForEachDirectionMatchTheSignsOfTheActualSteps() throws {
        var random = SplitMix64(seed: 2026)
        var named = 0
        for _ in 0..<30 {
            let n = 3 + Int(random.unit() * 6)
            let x = (0..<n).map { _ in (random.unit() * 10 - 2).rounded() / 2 }
            guard Set(x).count > 1 else { continue }
            let t = x.map { 3 * $0 + 4 + random.normal() }
            // H = 2 [[Σx², Σx], [Σx, n]]: its eigenvalues and eigenvectors in closed form.
            let a = 2 * x.map { $0 * $0 }.reduce(0, +), b = 2 * x.reduce(0, +), d = 2 * Double(n)
            let mean = (a + d) / 2, radius = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
            let lambdas = [mean + radius, mean - radius]
            let vectors = lambdas.map { l -> [Double] in
                let v = abs(b) > 1e-12 ? [b, l - a] : (l == a ? [1.0, 0] : [0, 1.0])
                let norm = (v[0] * v[0] + v[1] * v[1]).squareRoot()
                return [v[0] / norm, v[1] / norm]
            }
            // Minimum from the normal equations.
            let sx = x.reduce(0, +), st = t.reduce(0, +), sxx = x.map { $0 * $0 }.reduce(0, +)
            let sxt = zip(x, t).map { $0 * $1 }.reduce(0, +)
            let det = sxx * Double(n) - sx * sx
            let best = [(sxt * Double(n) - sx * st) / det, (sxx * st - sx * sxt) / det]
            // A rate between 1/λ₁ and 1/λ₂: across the valley it overshoots, along it it does not.
            let rate = (1 / lambdas[0] + Swift.min(2 / lambdas[0], 1 / lambdas[1])) / 2
            let lesson = try Lesson(objective: Objective(x: x, t: t, model: AffineLine()), start: [best[0] + 3, best[1] - 5],
                                    spec: .gd, rate: LearningRate(rate), epochs: 6)
            let words = try XCTUnwrap(FigureLabels().valley(lesson.contractions), "directions of different behaviour are both named")
            named += 1
            for (k, vector) in vectors.enumerated() {
                let distances = lesson.path.map { p in vector[0] * (p[0] - best[0]) + vector[1] * (p[1] - best[1]) }
                let flips = zip(distances, distances.dropFirst()).filter { abs($0) > 1e-9 && abs($1) > 1e-9 }.map { ($0 < 0) != ($1 < 0) }
                XCTAssertFalse(flips.isEmpty)
                let zigzag = flips.allSatisfy { $0 }, steady = flips.allSatisfy { !$0 }
                XCTAssertTrue(zigzag || steady, "direction \(k + 1): the sign pattern is regular")
                XCTAssertEqual(words[k].contains("zig-zags"), zigzag, "direction \(k + 1): \(words[k]) for flips \(flips)")
                XCTAssertEqual(words[k].contains("slides"), steady, "direction \(k + 1): \(words[k])")
            }
        }
        XCTAssertGreaterThan(named, 20)
        // Directions that behave alike keep one regime word.
        let alike = try Lesson(objective: Objective(x: [0, 1, 2], t: [0.2, 1.3, 2.4], model: AffineLine()), start: [9, 0], spec: .gd,
                               rate: LearningRate("0.01"), epochs: 3)
        XCTAssertNil(FigureLabels().valley(alike.contractions))
    }

}
