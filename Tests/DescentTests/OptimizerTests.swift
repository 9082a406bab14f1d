import Foundation
import XCTest
@testable import Descent

/// Every optimizer against a numpy implementation of PyTorch's torch.optim formulas
/// (Tests/DescentTests/Fixtures/optimizers_numpy.json, made by scripts/optimizer_fixtures.py),
/// on both models; and the hyper-parameters a scene may not set.
final class OptimizerTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Step: Decodable {
            let p: [Double]
            let grad: [Double]
            let state: [String: [Double]]
        }
        struct Case: Decodable {
            let model: String
            let optimizer: String
            let hyper: [String: Double]
            let lr: Double
            let start: [Double]
            let epochs: Int
            let x: [Double], t: [Double]
            let steps: [Step]
            let batch: Int?
            let seed: UInt64?
            let batches: [[Int]]?

            enum CodingKeys: String, CodingKey { case model, optimizer, hyper, lr, start, epochs, x, t, steps, batch, seed, batches }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                model = try c.decode(String.self, forKey: .model)
                optimizer = try c.decode(String.self, forKey: .optimizer)
                // nesterov is a JSON boolean; every other hyper-parameter a number.
                let raw = try c.decode([String: Flexible].self, forKey: .hyper)
                hyper = raw.mapValues(\.value)
                lr = try c.decode(Double.self, forKey: .lr)
                start = try c.decode([Double].self, forKey: .start)
                epochs = try c.decode(Int.self, forKey: .epochs)
                x = try c.decode([Double].self, forKey: .x)
                t = try c.decode([Double].self, forKey: .t)
                steps = try c.decode([Step].self, forKey: .steps)
                batch = try c.decodeIfPresent(Int.self, forKey: .batch)
                seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
                batches = try c.decodeIfPresent([[Int]].self, forKey: .batches)
            }
        }
        struct Flexible: Decodable {
            let value: Double
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let b = try? c.decode(Bool.self) { value = b ? 1 : 0 } else { value = try c.decode(Double.self) }
            }
        }
        let cases: [Case]
    }

    func testEveryOptimizerMatchesPyTorchsFormulasOnBothModels() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "optimizers_numpy", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        XCTAssertEqual(fixture.cases.count, 20)
        XCTAssertEqual(fixture.cases.filter { $0.batch != nil }.count, 4, "mini-batch cases on both models")
        let names = ["momentum_buffer": "momentum_buffer", "sum": "sum", "square_avg": "square_avg",
                     "exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq"]
        for c in fixture.cases {
            let kind = try XCTUnwrap(OptimizerKind(rawValue: c.optimizer))
            let spec = try OptimizerSpec(kind, parameters: c.hyper)
            let rate = try LearningRate(c.lr)
            let model: any Model = c.model == "affine" ? AffineLine() : LineThroughOrigin()
            var schedule: [[Int]]?
            if let k = c.batch, let seed = c.seed {
                var random = SplitMix64(seed: seed &+ 1)
                schedule = Objective.batches(points: c.x.count, size: k, epochs: c.epochs, random: &random)
                XCTAssertEqual(schedule, c.batches, "the same batches from the same seed as the Python re-implementation")
            }
            let lesson = try Lesson(objective: Objective(x: c.x, t: c.t, model: model), start: c.start, spec: spec,
                                    rate: rate, epochs: c.epochs, batches: schedule)
            let label = "\(c.model) \(c.optimizer) \(c.hyper)"
            for (e, step) in c.steps.enumerated() {
                for k in step.p.indices {
                    XCTAssertEqual(lesson.path[e + 1][k], step.p[k], accuracy: 1e-9 * max(1, abs(step.p[k])), "\(label) epoch \(e) p\(k)")
                    XCTAssertEqual(lesson.gradient(epoch: e)[k], step.grad[k],
                                   accuracy: 1e-9 * max(1, abs(step.grad[k])), "\(label) epoch \(e) grad")
                }
                for (name, values) in step.state {
                    let ours = try XCTUnwrap(lesson.states[e].buffers[OptimizerState.Buffer(rawValue: names[name]!)!], "\(label) epoch \(e) has \(name)")
                    for k in values.indices {
                        XCTAssertEqual(ours[k], values[k], accuracy: 1e-9 * max(1, abs(values[k])), "\(label) epoch \(e) \(name)")
                    }
                }
                XCTAssertEqual(lesson.states[e].steps, e + 1)
            }
        }
    }

    func testScenesNameTheOptimizerItsHyperParametersAndItsOwnRate() throws {
        let scene = try SceneFile.parse("lr: 0.1\noptimizer: {name: momentum, beta: 0.8, nesterov: true, lr: 0.01}\n", file: "o.yaml")
        XCTAssertEqual(scene.optimizer.kind, .momentum)
        XCTAssertEqual(scene.optimizer.method, .momentum(Momentum.Settings(beta: 0.8, nesterov: true)))
        let lesson = try scene.lesson(rate: scene.learningRates[0])
        XCTAssertEqual(lesson.rate.text, "0.01", "the optimizer's own lr wins")
        XCTAssertEqual(try SceneFile.parse("optimizer: adam\n", file: "o.yaml").optimizer, try OptimizerSpec(.adam))
        let errors = [
            ("optimizer: sgd\n", "o.yaml:1: optimizer: must be one of gd, momentum, adagrad, rmsprop, adam (got sgd)"),
            ("optimizer:\n  name: adam\n  beta: 0.9\n",
             "o.yaml:3: optimizer.beta: is not a hyper-parameter of adam; it takes beta1, beta2, eps, lr"),
            ("optimizer: {beta: 0.9}\n", "o.yaml:1: optimizer.name: is missing: one of gd, momentum, adagrad, rmsprop, adam"),
            ("optimizer: {name: rmsprop, alpha: 1.5}\n", "o.yaml:1: optimizer.alpha: must be at least 0 and below 1 (got 1.5)"),
            ("optimizer: {name: momentum, nesterov: maybe}\n", "o.yaml:1: optimizer.nesterov: must be true or false"),
        ]
        for (text, message) in errors {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "o.yaml"), text) { XCTAssertEqual("\($0)", message) }
        }
    }

    /// Another optimizer's regime is judged from its run; gradient descent keeps its closed form.
    func testTheBehaviourOfARunIsJudgedFromItsLosses() throws {
        func lesson(_ kind: OptimizerKind, _ lr: String, epochs: Int = 30) throws -> Lesson {
            try Lesson(objective: Objective(x: [0, 1, 2], t: [0.2, 1.3, 2.4]), start: [9], spec: try OptimizerSpec(kind),
                       rate: try LearningRate(lr), epochs: epochs)
        }
        XCTAssertEqual(try lesson(.adam, "0.1").behaviour, .converging)
        XCTAssertEqual(try lesson(.momentum, "0.5").behaviour, .diverging)
        XCTAssertEqual(try lesson(.momentum, "0.05").behaviour, .oscillating)
        let transcript = Transcript(storyboard: Storyboard(lesson: try lesson(.adam, "0.5", epochs: 2)))
        XCTAssertEqual(transcript.regime, "converging")
        XCTAssertNil(transcript.r, "no closed-form factor for Adam")
        XCTAssertEqual(transcript.optimizer.name, "adam")
        XCTAssertNotNil(transcript.epochs[0].m)
        XCTAssertNotNil(transcript.epochs[0].v)
    }

    func testMiniBatchesComeFromTheSeedAndTheirSizeIsChecked() throws {
        let text = "data: {x: [0, 1, 2, 3, 4, 5], t: [0, 1, 2, 3, 4, 5]}\nbatch: 2\nseed: 9\nepochs: 7\n"
        let scene = try SceneFile.parse(text, file: "b.yaml")
        XCTAssertEqual(scene.initialization, .given, "with mini-batches the seed draws them, not the start")
        let batches = try XCTUnwrap(scene.batches)
        XCTAssertEqual(batches.count, 7)
        XCTAssertTrue(batches.allSatisfy { $0.count == 2 && Set($0).count == 2 })
        XCTAssertEqual(Set(batches[0] + batches[1] + batches[2]), Set(0..<6), "a pass visits every point once")
        XCTAssertEqual(try SceneFile.parse(text, file: "b.yaml").batches, batches, "the same seed, the same batches")
        XCTAssertNotEqual(try SceneFile.parse(text.replacingOccurrences(of: "seed: 9", with: "seed: 10"), file: "b.yaml").batches,
                          batches, "another seed, other batches")
        XCTAssertNil(try SceneFile.parse("batch: 3\n", file: "b.yaml").batches, "a batch of every point is the full gradient")
        let transcript = Transcript(storyboard: Storyboard(lesson: try scene.lesson(rate: scene.learningRates[0])))
        XCTAssertEqual(transcript.epochs[0].batch, batches[0])
        XCTAssertNotNil(transcript.epochs[0].fullGrad)
        for (bad, message) in [("batch: 0\n", "b.yaml:1: batch: must be between 1 and the number of points, 3 (got 0)"),
                               ("batch: 4\n", "b.yaml:1: batch: must be between 1 and the number of points, 3 (got 4)")] {
            XCTAssertThrowsError(try SceneFile.parse(bad, file: "b.yaml")) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testHyperParametersOutOfRangeOrForeignAreRefused() {
        let bad: [(OptimizerKind, [String: Double], String)] = [
            (.momentum, ["beta": 1], "optimizer.beta: must be at least 0 and below 1 (got 1.0)"),
            (.adam, ["beta2": -0.1], "optimizer.beta2: must be at least 0 and below 1 (got -0.1)"),
            (.rmsprop, ["eps": 0], "optimizer.eps: must be a finite number greater than 0 (got 0.0)"),
            (.adam, ["beta": 0.9], "optimizer.beta: is not a hyper-parameter of adam; it takes beta1, beta2, eps, lr"),
            (.gd, ["eps": 1e-8], "optimizer.eps: is not a hyper-parameter of gd; gd takes none (only lr)"),
        ]
        for (kind, parameters, message) in bad {
            XCTAssertThrowsError(try OptimizerSpec(kind, parameters: parameters)) { XCTAssertEqual("\($0)", message) }
        }
    }
}
