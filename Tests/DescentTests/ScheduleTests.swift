import XCTest
import TestSupport
import Chart
import Raster
import Typeset
@testable import Descent

/// Learning-rate schedules: every schedule with gradient descent, momentum and Adam, on the
/// notebook's lesson and the line with an intercept, against PyTorch's own chained rules
/// (`get_lr` of each scheduler, written out in numpy), and every keyframe's layout.
final class ScheduleTests: XCTestCase {
    static let schedules = ["{name: step, step_size: 3, gamma: 0.5}", "{name: multistep, milestones: [2, 5], gamma: 0.3}",
                            "{name: exponential, gamma: 0.8}", "{name: cosine, t_max: 5, eta_min: 0.001}",
                            "{name: linear, start_factor: 0.25, total_iters: 4}", "{name: linear}", "{name: step, step_size: 4}"]

    static func scenes(epochs: Int) throws -> [(String, Scene)] {
        var scenes: [(String, Scene)] = []
        for schedule in schedules {
            for (optimizer, rate) in [("gd", "0.08"), ("momentum", "0.05"), ("adam", "0.5")] {
                for model in ["linear", "affine"] {
                    let text = "model: \(model)\nw0: 4\nlr: \(rate)\nepochs: \(epochs)\noptimizer: \(optimizer)\nschedule: \(schedule)\n"
                    scenes.append(("\(schedule) \(optimizer) \(model)", try SceneFile.parse(text, file: "schedule.yaml")))
                }
            }
        }
        return scenes
    }

    func testEveryScheduleMatchesPyTorchsChainedRules() throws {
        var runs: [String] = []
        for (_, scene) in try ScheduleTests.scenes(epochs: 14) {
            let lesson = try scene.lesson(rate: scene.learningRates[0])
            runs.append(String(decoding: try Transcript(storyboard: Storyboard(lesson: lesson, stages: [])).json(), as: UTF8.self))
        }
        let folder = try TemporaryFolder("schedules")
        let file = try folder.write("[" + runs.joined(separator: ",") + "]", "runs.json")
        let script = """
            import json, sys, math
            import numpy as np
            sys.path.insert(0, sys.argv[2])
            from torch_optim import Optimizer, close
            x, t = np.array([0.0, 1.0, 2.0]), np.array([0.2, 1.3, 2.4])
            def chained(s, base, epochs):
                # torch.optim.lr_scheduler's get_lr, stepped once after each epoch's update.
                lrs, lr = [], base
                for k in range(epochs):
                    if k > 0:
                        n = s['name']
                        if n == 'step':
                            lr = lr * s['gamma'] if k % int(s['step_size']) == 0 else lr
                        elif n == 'multistep':
                            lr = lr * s['gamma'] ** s['milestones'].count(k)
                        elif n == 'exponential':
                            lr = lr * s['gamma']
                        elif n == 'cosine':
                            T, m = int(s['t_max']), s['eta_min']
                            if (k - 1 - T) % (2 * T) == 0:
                                lr = lr + (base - m) * (1 - math.cos(math.pi / T)) / 2
                            else:
                                lr = (1 + math.cos(math.pi * k / T)) / (1 + math.cos(math.pi * (k - 1) / T)) * (lr - m) + m
                        elif n == 'linear':
                            a, b, total = s['start_factor'], s['end_factor'], int(s['total_iters'])
                            if k <= total:
                                lr = lr * (1 + (b - a) / (total * a + (k - 1) * (b - a)))
                    elif s['name'] == 'linear':
                        lr = base * s['start_factor']
                    lrs.append(lr)
                return lrs
            bad, checked = [], 0
            for run in json.load(open(sys.argv[1])):
                affine = run['model'] == 'affine'
                p = np.array([run['epochs'][0]['w']] + ([run['epochs'][0]['b']] if affine else []))
                lrs = chained(run['schedule'], run['lr'], len(run['epochs']))
                opt = Optimizer(run['optimizer'])
                for k, ep in enumerate(run['epochs']):
                    r = p[0] * x + (p[1] if affine else 0) - t
                    g = np.array([2 * (r * x).sum()] + ([2 * r.sum()] if affine else []))
                    lr = lrs[k]
                    p = opt.step(p, g, lr)
                    ours = [ep['lr'], ep['w_new']] + ([ep['b_new']] if affine else [])
                    for o, th in zip(ours, [lr] + list(p)):
                        checked += 1
                        if not close(o, th): bad.append((run['schedule']['name'], opt.spec['name'], k, o, th))
                    p = np.array(ours[1:])
            print(bad[:4], 'checked', checked, 'mismatches', len(bad))
            """
        let run = try runPython(script, [file, pythonSupport])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.hasSuffix("mismatches 0"), run.output)
    }

    /// A race's runs follow the scene's schedule, or each its own: named in the legend, its
    /// rule under the title beside the run's name.
    func testARunOfARaceMayHaveASchedulesOfItsOwn() throws {
        let scene = try SceneFile.parse("""
            model: affine
            lr: 0.05
            epochs: 6
            schedule: {name: exponential, gamma: 0.5}
            optimizers: [gd, {name: adam, lr: 0.3, schedule: {name: step, step_size: 2, gamma: 0.1}}]
            """, file: "race.yaml")
        let runs = try scene.lessons(rate: scene.learningRates[0])
        XCTAssertEqual(runs.map { $0.rate(epoch: 3) }, [0.05 * 0.125, 0.3 * 0.1])
        let labels = try scene.labels()
        XCTAssertEqual(Race.name(runs[1], methods: labels.methods), "Adam, η = 0.3, step")
        let lines = LessonFigure.scheduleLines(runs: runs, methods: labels.methods)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix("Adam: $\\eta_k = 0.3"), "\(lines)")
        XCTAssertThrowsError(try SceneFile.parse("optimizers: [gd, {name: adam, schedule: {name: warm}}]\n", file: "bad.yaml")) {
            XCTAssertTrue("\($0)".contains("must be one of step"), "\($0)")
        }
    }

    func testBadSchedulesAreErrorsNamingTheirKey() throws {
        func error(_ schedule: String) -> String {
            do { _ = try SceneFile.parse("schedule: \(schedule)\n", file: "bad.yaml"); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(error("{name: warmup}").contains("must be one of step, multistep, exponential, cosine, linear"))
        XCTAssertTrue(error("{name: step, step_size: 0}").contains("schedule.step_size: must be a whole number of epochs, at least 1"))
        XCTAssertTrue(error("{name: step}").contains("schedule.step_size: is missing"))
        XCTAssertTrue(error("{name: step, step_size: 2, gama: 0.5}").contains("schedule.gama: is not a setting of the step schedule"))
        XCTAssertTrue(error("{name: exponential, gamma: -1}").contains("schedule.gamma: must be a number greater than 0"))
        XCTAssertTrue(error("{name: multistep, milestones: [5, 3]}").contains("schedule.milestones: must be increasing"))
        XCTAssertTrue(error("{name: cosine}").contains("schedule.t_max: is missing"))
        XCTAssertTrue(error("{name: linear, start_factor: 0}").contains("schedule.start_factor"))
        XCTAssertTrue(error("{step_size: 3}").contains("schedule.name: is missing"))
        XCTAssertTrue(error("{name: step, step_size: 2}").hasPrefix("no error"))
    }

    /// The figure speaks of the rate in force: the update's η and the regime line follow it,
    /// the rule is written once; every keyframe keeps the layout rules.
    func testTheFigureFollowsTheRateAndKeepsTheLayoutRules() throws {
        let fonts = try FontLibrary()
        for (name, scene) in try ScheduleTests.scenes(epochs: 4).filter({ $0.0.hasPrefix("{name: step, step_size: 3") }) {
            let lesson = try scene.lesson(rate: scene.learningRates[0])
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let figure = try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                          labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
            var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
            for keyframe in Storyboard(lesson: lesson).timeline.keyframes {
                let moment = keyframe.state
                let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
                let problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize, canvas: canvas, points: 3)
                XCTAssertEqual(problems, [], "\(name) \(moment)")
                let titles = drawn.filter { $0.role == .title }.compactMap(\.text)
                XCTAssertTrue(titles.contains { $0.contains("\\lfloor k/3 \\rfloor") }, "\(name): the rule, in \(titles)")
                let rate = NumberText.math(lesson.rate(epoch: moment.epoch))
                XCTAssertTrue(titles.contains { $0.hasPrefix("η = $\(rate)$") }, "\(name) epoch \(moment.epoch): η = \(rate) in \(titles)")
            }
        }
    }
}
