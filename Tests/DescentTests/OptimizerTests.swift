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

            enum CodingKeys: String, CodingKey { case model, optimizer, hyper, lr, start, epochs, x, t, steps }

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
        XCTAssertEqual(fixture.cases.count, 16)
        let names = ["momentum_buffer": "momentum_buffer", "sum": "sum", "square_avg": "square_avg",
                     "exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq"]
        for c in fixture.cases {
            let kind = try XCTUnwrap(OptimizerKind(rawValue: c.optimizer))
            let spec = try OptimizerSpec(kind, parameters: c.hyper)
            let rate = try LearningRate(c.lr)
            let model: any Model = c.model == "affine" ? AffineLine() : LineThroughOrigin()
            let lesson = try Lesson(objective: Objective(x: c.x, t: c.t, model: model), start: c.start, spec: spec,
                                    rate: rate, epochs: c.epochs)
            let label = "\(c.model) \(c.optimizer) \(c.hyper)"
            for (e, step) in c.steps.enumerated() {
                for k in step.p.indices {
                    XCTAssertEqual(lesson.path[e + 1][k], step.p[k], accuracy: 1e-9 * max(1, abs(step.p[k])), "\(label) epoch \(e) p\(k)")
                    XCTAssertEqual(lesson.objective.gradient(lesson.path[e])[k], step.grad[k],
                                   accuracy: 1e-9 * max(1, abs(step.grad[k])), "\(label) epoch \(e) grad")
                }
                for (name, values) in step.state {
                    let ours = try XCTUnwrap(lesson.states[e].buffers[names[name]!], "\(label) epoch \(e) has \(name)")
                    for k in values.indices {
                        XCTAssertEqual(ours[k], values[k], accuracy: 1e-9 * max(1, abs(values[k])), "\(label) epoch \(e) \(name)")
                    }
                }
                XCTAssertEqual(lesson.states[e].steps, e + 1)
            }
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
