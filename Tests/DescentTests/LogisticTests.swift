import XCTest
import TestSupport
import Chart
import Raster
import Typeset
@testable import Descent

/// Logistic regression: p = σ(w·x + b) with the binary cross-entropy summed over the points,
/// against numpy (PyTorch's BCEWithLogits formula, its optimizers' rules), stable for
/// confident predictions; the figure keeps the layout rules.
final class LogisticTests: XCTestCase {
    static let data = "data: {x: [0.5, 1, 1.5, 2, 2.5, 2.75, 3, 3.5, 4, 4.5, 5, 5.5], t: [0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1]}\n"

    func testPathsMatchNumpyWithEveryOptimizerAndMiniBatches() throws {
        var runs: [String] = []
        for (optimizer, rate) in [("gd", "0.1"), ("momentum", "0.05"), ("adam", "0.3")] {
            for extra in ["", "batch: 4\nseed: 3\n", "schedule: {name: exponential, gamma: 0.9}\n"] {
                let scene = try SceneFile.parse(LogisticTests.data + "model: logistic\nw0: -1\nb0: 2\nlr: \(rate)\nepochs: 25\noptimizer: \(optimizer)\n" + extra,
                                                file: "logistic.yaml")
                let lesson = try scene.lesson(rate: scene.learningRates[0])
                runs.append(String(decoding: try Transcript(storyboard: Storyboard(lesson: lesson, stages: [])).json(), as: UTF8.self))
            }
        }
        let folder = try TemporaryFolder("logistic")
        let file = try folder.write("[" + runs.joined(separator: ",") + "]", "runs.json")
        let script = """
            import json, sys
            import numpy as np
            sys.path.insert(0, sys.argv[2])
            from torch_optim import Optimizer, close
            x = np.array([0.5, 1, 1.5, 2, 2.5, 2.75, 3, 3.5, 4, 4.5, 5, 5.5]); t = np.array([0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1.0])
            def bce(z, t):   # torch.nn.BCEWithLogitsLoss, reduction='sum'
                return np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
            bad, checked = [], 0
            for run in json.load(open(sys.argv[1])):
                assert run['model'] == 'logistic'
                p = np.array([run['epochs'][0]['w'], run['epochs'][0]['b']])
                opt = Optimizer(run['optimizer'])
                for k, ep in enumerate(run['epochs']):
                    z = p[0] * x + p[1]
                    loss = bce(z, t).sum()
                    idx = np.array(ep['batch']) if 'batch' in ep else np.arange(len(x))
                    r = 1 / (1 + np.exp(-z[idx])) - t[idx]
                    g = np.array([(r * x[idx]).sum(), r.sum()]) * len(x) / len(idx)
                    p = opt.step(p, g, ep['lr'])
                    ours = [ep['loss'], ep['grad'], ep['grad_b'], ep['w_new'], ep['b_new']] + ep['point_losses']
                    theirs = [loss, g[0], g[1], p[0], p[1]] + list(bce(z, t))
                    for o, th in zip(ours, theirs):
                        checked += 1
                        if not close(o, th): bad.append((opt.spec['name'], k, o, th))
                    p = np.array([ep['w_new'], ep['b_new']])
            print(bad[:4], 'checked', checked, 'mismatches', len(bad))
            """
        let run = try runPython(script, [file, pythonSupport])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.hasSuffix("mismatches 0"), run.output)
    }

    func testConfidentPredictionsKeepTheLossFiniteAndTheFitIsFoundByNewton() throws {
        let loss = BinaryCrossEntropy()
        XCTAssertEqual(loss.value(prediction: 800, target: 0), 800, accuracy: 1e-9)     // log(1 + e⁸⁰⁰), no overflow
        XCTAssertEqual(loss.value(prediction: -800, target: 1), 800, accuracy: 1e-9)
        XCTAssertEqual(loss.value(prediction: 800, target: 1), 0, accuracy: 1e-300)
        XCTAssertEqual(loss.slope(prediction: -800, target: 1), -1)
        XCTAssertEqual(BinaryCrossEntropy.sigmoid(-800), 0)
        // The fit: where the gradient vanishes (not separable data), as numpy's Newton iterations find it.
        let scene = try SceneFile.parse(LogisticTests.data + "model: logistic\nepochs: 2\n", file: "fit.yaml")
        let lesson = try scene.lesson(rate: scene.learningRates[0])
        let best = try XCTUnwrap(lesson.bestFit)
        let g = lesson.objective.gradient(best)
        XCTAssertLessThan(abs(g[0]) + abs(g[1]), 1e-8)
        // Separable data have no minimum: none is claimed.
        let separable = try SceneFile.parse("data: {x: [0, 1, 2, 3], t: [0, 0, 1, 1]}\nmodel: logistic\nepochs: 2\n", file: "sep.yaml")
        XCTAssertNil(try separable.lesson(rate: separable.learningRates[0]).bestFit)
    }

    func testTargetsOutsideZeroToOneAreRefusedNamingTheValue() {
        XCTAssertThrowsError(try SceneFile.parse("data: {x: [1, 2, 3], t: [0, 1, 2]}\nmodel: logistic\n", file: "bad.yaml")) { error in
            XCTAssertTrue("\(error)".contains("data.t") && "\(error)".contains("value 3, 2, is not"), "\(error)")
        }
    }

    func testEveryKeyframeKeepsTheLayoutRulesAndShowsTheBoundary() throws {
        let fonts = try FontLibrary()
        for (size, extra) in [("800x600", ""), ("640x480", "optimizer: adam\n"), ("640x480", "optimizers: [gd, momentum, adam]\n")] {
            let scene = try SceneFile.parse(LogisticTests.data + "model: logistic\nw0: 0\nb0: 0\nlr: 0.1\nepochs: 4\nsize: \(size)\n" + extra,
                                            file: "logistic.yaml")
            let lessons = try scene.lessons(rate: scene.learningRates[0])
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let (figure, storyboard) = try LayoutInvariants.figure(scene, lessons, renderer: renderer)
            var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
            for keyframe in storyboard.timeline.keyframes {
                let moment = keyframe.state
                let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
                XCTAssertEqual(LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize, canvas: canvas, points: 12),
                               [], "\(size) \(extra) \(moment)")
                if lessons.count == 1 {
                    // Drawn exactly while x = −b/w stands in view.
                    let p = lessons[0].path[moment.epoch], boundary = -p[1] / p[0]
                    let inView = boundary.isFinite && figure.limits.x.lower < boundary && boundary < figure.limits.x.upper
                    XCTAssertEqual(drawn.contains { $0.role == .decisionBoundary }, inView, "\(size) \(moment): the boundary at \(boundary)")
                }
                // The predictions are probabilities: every one inside [0, 1] on the axis.
                XCTAssertTrue(figure.limits.y.lower <= 0 && figure.limits.y.upper >= 1, "\(figure.limits.y)")
            }
        }
    }
}
