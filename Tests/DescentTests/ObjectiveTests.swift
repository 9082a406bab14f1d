import XCTest
import TestSupport
import Chart
import Raster
import Typeset
@testable import Descent

/// Losses written as expressions, from the scene file to the figure: every named function
/// and hand-written ones in one and two variables, each with gradient descent, momentum and
/// Adam, and races on Beale's function and the saddle (scenes written here, none of them in
/// the gallery). Their paths are recomputed independently (sympy's derivatives, PyTorch's
/// documented update rules in numpy); every keyframe keeps the layout rules.
final class ObjectiveTests: XCTestCase {
    /// Each loss, where it starts when not its named start, and a rate for gd, momentum and Adam.
    static let losses: [(objective: String, start: String, rates: [String])] = [
        ("rosenbrock", "", ["0.001", "0.001", "0.05"]),
        ("beale", "", ["0.001", "0.001", "0.05"]),
        ("himmelblau", "", ["0.01", "0.005", "0.1"]),
        ("booth", "", ["0.05", "0.02", "0.5"]),
        ("saddle", "", ["0.1", "0.05", "0.1"]),
        ("rastrigin", "", ["0.002", "0.002", "0.05"]),
        ("\"w^4 - 3*w^2 + w\"", "w0: -0.2\n", ["0.02", "0.01", "0.1"]),
        ("\"exp(-w^2/4) * cos(2*w) + 0.05*w^2\"", "w0: 2.2\n", ["0.1", "0.05", "0.1"]),
        ("\"sqrt(1 + (w - 2)^2) + 2*(b - w/2)^2\"", "w0: -1\nb0: 2\n", ["0.05", "0.02", "0.1"]),
    ]
    static let optimizers = ["gd", "momentum", "adam"]

    static func scenes(epochs: Int, extra: String = "") throws -> [(name: String, scene: Scene)] {
        var scenes: [(String, Scene)] = []
        for loss in losses {
            for (k, optimizer) in optimizers.enumerated() {
                let text = "objective: \(loss.objective)\n\(loss.start)optimizer: \(optimizer)\nlr: \(loss.rates[k])\nepochs: \(epochs)\n" + extra
                scenes.append(("\(loss.objective) \(optimizer)", try SceneFile.parse(text, file: "objective.yaml")))
            }
        }
        for (objective, rate) in [("beale", "0.001"), ("saddle", "0.05")] {
            let text = "objective: \(objective)\nlr: \(rate)\nepochs: \(epochs)\noptimizers: [gd, momentum, { name: adam, lr: 0.05 }]\n" + extra
            scenes.append(("\(objective) race", try SceneFile.parse(text, file: "race.yaml")))
        }
        return scenes
    }

    /// Losses, exact gradients and updates of every run, as the transcript writes them,
    /// against numpy's recomputation from the expression, the start and the optimizer's
    /// settings: within 1e-7 relative (and 10⁻¹² absolute, for a gradient that has cancelled
    /// to nothing at a minimum).
    func testEveryPathMatchesAnIndependentRecomputation() throws {
        var runs: [String] = []
        for (name, scene) in try ObjectiveTests.scenes(epochs: 25) {
            for lesson in try scene.lessons(rate: scene.learningRates[0]) {
                let transcript = Transcript(storyboard: Storyboard(lesson: lesson, stages: []))
                XCTAssertEqual(transcript.objective, scene.objective?.text, name)
                runs.append(String(decoding: try transcript.json(), as: UTF8.self))
            }
        }
        XCTAssertEqual(runs.count, 9 * 3 + 2 * 3)
        let folder = try TemporaryFolder("objectives")
        let file = try folder.write("[" + runs.joined(separator: ",") + "]", "runs.json")
        let script = """
            import json, sys, math
            import numpy as np, sympy
            sys.path.insert(0, sys.argv[2])
            from torch_optim import Optimizer, close
            w, b = sympy.symbols('w b', real=True)
            bad, checked = [], 0
            for run in json.load(open(sys.argv[1])):
                e = sympy.sympify(run['objective'].replace('^', '**'), locals={'w': w, 'b': b, 'e': sympy.E, 'pi': sympy.pi})
                two = 'b' in run['epochs'][0]
                args = (w, b)
                f = sympy.lambdify(args, e, 'math')
                grads = [sympy.lambdify(args, sympy.diff(e, v), 'math') for v in (args if two else (w,))]
                opt, lr = Optimizer(run['optimizer']), run['lr']
                p = np.array([run['epochs'][0]['w']] + ([run['epochs'][0]['b']] if two else []))
                for t, ep in enumerate(run['epochs'], start=1):
                    at = (p[0], p[1] if two else 0.0)
                    g = np.array([d(*at) for d in grads])
                    theirs = [f(*at), g[0]] + ([g[1]] if two else [])
                    ours = [ep['loss'], ep['grad']] + ([ep['grad_b']] if two else [])
                    p = opt.step(p, g, lr)
                    theirs += list(p)
                    ours += [ep['w_new']] + ([ep['b_new']] if two else [])
                    for o, th in zip(ours, theirs):
                        checked += 1
                        if not close(o, th): bad.append((run['objective'], opt.spec['name'], t, o, th))
                    p = np.array(ours[-len(p):])
            print(bad[:5], 'checked', checked, 'mismatches', len(bad))
            """
        let run = try runPython(script, [file, pythonSupport])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.hasSuffix("mismatches 0"), run.output)
        XCTAssertTrue(run.output.contains("checked "), run.output)
    }

    /// A curve with two minima: started on either side of the hump between them, gradient
    /// descent ends in the minimum on its side (the roots of 4w³ − 6w + 1, numpy.roots).
    func testACurveWithTwoMinimaEndsInTheOneOnTheStartsSide() throws {
        for (start, minimum) in [(-0.2, -1.300839565), (0.4, 1.130901123), (-2.0, -1.300839565), (2.0, 1.130901123)] {
            let scene = try SceneFile.parse("objective: \"w^4 - 3*w^2 + w\"\nw0: \(start)\nlr: 0.02\nepochs: 300\n", file: "two.yaml")
            let lesson = try scene.lesson(rate: scene.learningRates[0])
            XCTAssertEqual(lesson.weights.last!, minimum, accuracy: 1e-6, "from \(start)")
        }
    }

    /// Every keyframe of every scene: texts apart, inside and inked; the current point (or
    /// each run's) drawn inside its panel; the minima marked; the loss over the epochs drawn.
    func testEveryKeyframeKeepsTheLayoutRules() throws {
        let fonts = try FontLibrary()
        for (name, scene) in try ObjectiveTests.scenes(epochs: 3, extra: "size: 640x480\n") {
            let lessons = try scene.lessons(rate: scene.learningRates[0])
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let (figure, storyboard) = try LayoutInvariants.figure(scene, lessons, renderer: renderer)
            var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
            var failures = 0
            for keyframe in storyboard.timeline.keyframes where failures < 5 {
                let moment = keyframe.state
                let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
                var problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize, canvas: canvas, points: 0)
                let current: Role = lessons.count > 1 ? .raceCurrent : .currentWeight
                let panel = figure.frames[0]
                let marks = drawn.filter { $0.role == current && $0.axes == figure.panels[0].name }
                if marks.isEmpty { problems.append("no \(current)") }
                for mark in marks {
                    let c = (x: Double(mark.box.x) + Double(mark.box.width) / 2, y: Double(mark.box.y) + Double(mark.box.height) / 2)
                    if !(panel.minX - 1...panel.maxX + 1 ~= c.x && panel.minY - 1...panel.maxY + 1 ~= c.y) {
                        problems.append("the current point \(mark.box) outside its panel \(panel)")
                    }
                }
                let roles = Set(drawn.map(\.role))
                if lessons.count == 1, !roles.contains(.historyPoint) { problems.append("no loss history") }
                if scene.objective?.named != .saddle, !roles.contains(.minimum) { problems.append("no minimum marked") }
                for problem in problems.prefix(3) {
                    XCTFail("\(name) epoch \(moment.epoch) \(moment.stage): \(problem)")
                    failures += 1
                }
            }
        }
    }

    /// Scene errors: `objective` with data or a model, b0 for a curve, a bad expression (with
    /// its column), a name misspelt, a start outside the loss's domain.
    func testBadObjectivesAreClearErrors() throws {
        func error(_ text: String) -> String {
            do {
                let scene = try SceneFile.parse(text, file: "bad.yaml")
                _ = try scene.lesson(rate: scene.learningRates[0])
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(error("objective: rosenbrock\ndata: {x: [1, 2], t: [3, 4]}\n").contains("give one of them"))
        XCTAssertTrue(error("objective: rosenbrock\nmodel: affine\n").contains("give one of them"))
        XCTAssertTrue(error("objective: \"(w - 1)^2\"\nb0: 3\n").contains("has no b"))
        let syntax = error("objective: \"(w - 1)^2 + 3*\"\n")
        XCTAssertTrue(syntax.contains("column 15") && syntax.contains("^"), syntax)
        XCTAssertTrue(error("objective: rosenbrok\n").contains("did you mean rosenbrock?"), error("objective: rosenbrok\n"))
        XCTAssertTrue(error("objective: \"cosh(w)\"\n").contains("unknown function 'cosh'"))
        XCTAssertTrue(error("objective: \"log(w)\"\nw0: -2\n").contains("not finite at the start"))
        XCTAssertTrue(error("objective: \"exp(w^2)\"\nw0: 3\nlr: 1\n").contains("leaves the finite numbers at epoch"))
        XCTAssertTrue(error("objective: booth\nbatch: 2\n").contains("mini-batches"))
    }
}
