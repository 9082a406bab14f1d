import Foundation
import XCTest
import Chart
@testable import Descent
import Raster
import Typeset

/// Several optimizers racing on one figure: every keyframe keeps the layout rules, shows
/// every run, and the scene's race is checked.
final class RaceTests: XCTestCase {
    private let scenes = [
        "data: {x: [0, 1, 2], t: [0.2, 1.3, 2.4]}\nw0: 9\nlr: 0.01\nepochs: 20\n"
            + "optimizers: [gd, {name: momentum, beta: 0.9}, rmsprop, adam]\nlang: es\n",
        "data: {x: [0, 1, 2], t: [0.2, 1.3, 2.4]}\nmodel: affine\nw0: -1\nb0: 4\nlr: 0.05\nepochs: 30\n"
            + "optimizers: [gd, momentum, {name: adam, lr: 0.3}, adagrad]\nsize: 640x480\n",
    ]

    func testEveryKeyframeOfARaceShowsEveryRunAndKeepsTheLayoutRules() throws {
        let fonts = try FontLibrary()
        for text in scenes {
            let scene = try SceneFile.parse(text, file: "race.yaml")
            let lessons = try scene.lessons(rate: scene.learningRates[0])
            XCTAssertEqual(lessons.count, 4)
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let figure = try LessonFigure(race: lessons, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                          labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
            let storyboard = Storyboard.race(lesson: figure.lesson, durations: scene.durations)
            let keyframes = storyboard.timeline.keyframes
            XCTAssertEqual(keyframes.count, scene.epochs, "one keyframe an epoch")
            XCTAssertEqual(keyframes[0].delayCentiseconds, 100)
            var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
            for keyframe in keyframes {
                let drawn = try renderer.renderRecording(figure.figure(for: keyframe.state, renderer: renderer), into: &canvas)
                XCTAssertEqual(drawn.filter { $0.role == .raceCurrent }.count, 4, "epoch \(keyframe.state.epoch): every run")
                let problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize, canvas: canvas,
                                                      points: scene.x.count)
                XCTAssertEqual(problems, [], "epoch \(keyframe.state.epoch)")
            }
            var transcript = Transcript(storyboard: storyboard)
            transcript.runs = figure.runs.map { Transcript.Run($0) }
            XCTAssertEqual(transcript.runs?.map(\.optimizer.name), lessons.map(\.spec.kind.rawValue))
            XCTAssertEqual(transcript.stages.count, scene.epochs)
            var snippet = HTMLSnippet(storyboard: storyboard, gifSource: "r.gif", posterSource: "r.png", width: 640, height: 480)
            snippet.runs = figure.runs
            XCTAssertTrue(snippet.altText.hasPrefix("Animated race of 4 optimizers"), snippet.altText)
            for run in lessons { XCTAssertTrue(snippet.altText.contains(run.spec.title), run.spec.title) }
        }
    }

    func testARaceIsCheckedAsAScene() {
        let errors = [
            ("optimizers: [gd, adam, gd, adam, gd, adam, gd, adam, gd]\n",
             "r.yaml:1: optimizers: lists 9 optimizers; a race has at most 8"),
            ("optimizer: adam\noptimizers: [gd, adam]\n",
             "r.yaml:2: optimizers: races several optimizers; `optimizer` names one — give one of the two"),
            ("optimizers: [gd, nadam]\n", "r.yaml:1: optimizer: must be one of gd, momentum, adagrad, rmsprop, adam (got nadam)"),
            ("optimizers: gd\n", "r.yaml:1: optimizers: must be a list of optimizers, like [gd, momentum, adam]"),
        ]
        for (text, message) in errors {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "r.yaml"), text) { XCTAssertEqual("\($0)", message) }
        }
    }

    /// A title is measured as it is drawn: every panel's drawn title is the one it was sized
    /// with for that epoch (or none). A race's counts the steps taken to the points it draws,
    /// as a single run's "Iteration 0" is the start.
    func testTitlesAreDrawnAsTheyWereMeasuredAndCountTheStepsShown() throws {
        let fonts = try FontLibrary()
        for text in scenes + ["lr: 0.05\nepochs: 4\noptimizer: adam\n", "epochs: 3\n"] {
            let scene = try SceneFile.parse(text, file: "t.yaml")
            let lessons = try scene.lessons(rate: scene.learningRates[0])
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let figure = try LessonFigure(race: lessons, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                          labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
            let storyboard = lessons.count > 1 ? Storyboard.race(lesson: figure.lesson, durations: scene.durations)
                                               : Storyboard(lesson: figure.lesson, durations: scene.durations)
            for keyframe in storyboard.timeline.keyframes {
                let moment = keyframe.state
                let drawn = figure.figure(for: moment, renderer: renderer)
                for (panel, axes) in zip(figure.panels, drawn.axes) {
                    XCTAssertTrue(axes.title.isEmpty || axes.title == panel.title(epoch: moment.epoch),
                                  "\(panel.name) at \(moment.epoch) \(moment.stage): drew \(axes.title), measured \(panel.title(epoch: moment.epoch))")
                }
                if lessons.count > 1 {
                    let steps = moment.epoch + 1
                    XCTAssertEqual(drawn.axes[0].title.first, "\(try scene.labels().iteration) \(steps)")
                    // The hyper-parameters once each, on the title; the legend names the optimizers alone.
                    let methods = try scene.labels().methods
                    let parameters = lessons.compactMap { l in l.spec.parameterList.map { "\(l.spec.name(methods)): \($0)" } }
                    XCTAssertEqual(Array(drawn.axes[0].title.dropFirst()), parameters.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
                    let legend = drawn.axes[0].artists.compactMap { artist -> String? in
                        if case .markers(let m) = artist, m.role == .raceCurrent { return m.label } else { return nil }
                    }
                    XCTAssertFalse(legend.contains { $0.contains("β") || $0.contains("ε") }, "\(legend)")
                    let current = drawn.axes[0].artists.compactMap { artist -> Point? in
                        if case .markers(let m) = artist, m.role == .raceCurrent { return m.data[0] } else { return nil }
                    }
                    XCTAssertEqual(current.first?.x ?? .nan, lessons[0].path[steps][0], accuracy: 1e-9 * max(1, abs(lessons[0].path[steps][0])),
                                   "the first run's dot stands where its \(steps) steps took it")
                }
            }
        }
    }

}
