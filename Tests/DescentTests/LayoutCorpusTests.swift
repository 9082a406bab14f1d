import Foundation
import XCTest
import Chart
@testable import Descent
import Raster
import Typeset

/// Teachers' lessons the project did not design for — tiny and huge magnitudes, negative
/// inputs, 2 and 40 points, 1 and 200 epochs, every regime, 60-character labels, 400x400,
/// 1200x500, half scale — each rendered whole, every keyframe checked from what the
/// renderer says it drew (the `--layout` export) and against its pixels.
final class LayoutCorpusTests: XCTestCase {
    static let corpus: URL = Bundle.module.url(forResource: "corpus", withExtension: nil, subdirectory: "Fixtures")!

    static var scenes: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }

    func testTheCorpusCoversWhatTeachersWrite() throws {
        XCTAssertGreaterThanOrEqual(LayoutCorpusTests.scenes.count, 12)
        let scenes = try LayoutCorpusTests.scenes.map { try SceneFile.read(path: $0.path) }
        let magnitudes = scenes.flatMap { $0.x + $0.t }.map(abs).filter { $0 > 0 }
        XCTAssertLessThanOrEqual(magnitudes.min()!, 1e-4)
        XCTAssertGreaterThanOrEqual(magnitudes.max()!, 3e5)
        XCTAssertTrue(scenes.contains { $0.x.count == 2 } && scenes.contains { $0.x.count >= 40 })
        XCTAssertTrue(scenes.contains { $0.epochs == 1 } && scenes.contains { $0.epochs >= 200 })
        XCTAssertTrue(scenes.contains { $0.x.contains { $0 < 0 } })
        let regimes = Set(try scenes.flatMap { s in try s.learningRates.map { try s.lesson(rate: $0).regime } })
        XCTAssertTrue(regimes.isSuperset(of: [.monotone, .oscillating, .diverging]), "\(regimes)")
        XCTAssertTrue(scenes.contains { $0.labelOverrides.values.contains { $0.count >= 60 } })
        XCTAssertTrue(scenes.contains { $0.width == 400 && $0.height == 400 })
        XCTAssertTrue(scenes.contains { $0.width == 1200 && $0.height == 500 })
        XCTAssertTrue(scenes.contains { $0.scale == 0.5 })
    }

    func testEveryKeyframeOfEverySceneKeepsItsTextsApartInsideAndInked() throws {
        let fonts = try FontLibrary()
        for url in LayoutCorpusTests.scenes {
            let scene = try SceneFile.read(path: url.path)
            let name = url.lastPathComponent
            for rate in scene.learningRates {
                let lesson = try scene.lesson(rate: rate)
                let renderer = FigureRenderer(style: scene.style, fonts: fonts)
                let figure = try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                              labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
                var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
                var failures = 0
                var pointLabelCounts: Set<Int> = []
                for keyframe in Storyboard(lesson: lesson, durations: scene.durations).timeline.keyframes {
                    let moment = keyframe.state
                    let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
                    // Labels may give way only where no place is free; in the corpus none has to.
                    let roles = Set(drawn.map(\.role))
                    // The (w, b) lesson shows the gradient as an arrow and the step as another.
                    let tangent: Role = lesson.isAffine ? .gradient : .slopeValue
                    let expected: [Role] = [.weightValue] + (moment.stage.shows(.loss) ? [.lossValue] : [])
                        + (moment.stage.shows(.tangent) ? [tangent] : []) + [.weightOnLine]
                        + (lesson.isAffine && moment.stage.shows(.step)
                           && lesson.path[moment.epoch] != lesson.path[moment.epoch + 1] ? [.step] : [])
                        + (lesson.isAffine ? [.colorbar, .minimum] : [])
                    for role in expected where !roles.contains(role) && failures < 5 {
                        XCTFail("\(name) epoch \(moment.epoch) \(moment.stage): no \(role)")
                        failures += 1
                    }
                    pointLabelCounts.insert(drawn.filter { $0.role == .pointLoss }.count)
                    // A squared loss is never negative: no loss tick below 0 unless the scene set the axis.
                    if scene.figureLimits.loss == nil, !lesson.isAffine, failures < 5 {
                        let left = figure.frames[0].minX
                        let lossTicks = drawn.filter { element in
                            element.axes == "loss" && element.role == .tick && Double(element.box.maxX) <= left
                        }
                        if let negative = lossTicks.first(where: { ($0.text ?? "").hasPrefix("−") }) {
                            XCTFail("\(name) epoch \(moment.epoch) \(moment.stage): a negative loss tick \(negative.text ?? "")")
                            failures += 1
                        }
                    }
                    let problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize,
                                                          canvas: canvas, points: lesson.x.count)
                    for problem in problems.prefix(3) where failures < 5 {
                        XCTFail("\(name) epoch \(moment.epoch) \(moment.stage): \(problem)")
                        failures += 1
                    }
                }
                XCTAssertEqual(pointLabelCounts.count, 1, "\(name): the same points carry their loss in every frame")
                XCTAssertGreaterThan(pointLabelCounts.first ?? 0, 0, "\(name): some point carries its loss")
                if lesson.regime != .diverging {
                    let limits = figure.limits.weight
                    let best = lesson.leastSquares?.first ?? lesson.minimum
                    for w in lesson.weights + [best] {
                        XCTAssertTrue(limits.lower <= w && w <= limits.upper || scene.limits.weight != nil,
                                      "\(name): weight \(w) outside \(limits)")
                    }
                    if lesson.isAffine, let b = figure.limits.intercept {
                        for p in lesson.path + [lesson.leastSquares!] {
                            XCTAssertTrue(b.lower <= p[1] && p[1] <= b.upper, "\(name): intercept \(p[1]) outside \(b)")
                        }
                    }
                }
            }
        }
    }

    /// At convergence the tangent is flat through the loss dot: the values beside the dot go
    /// above or below it rather than be struck through (as they are kept off markers), at
    /// every tangent stage of a lesson that converges.
    func testTheTangentStrikesThroughNoValue() throws {
        let scene = try SceneFile.parse("lr: 0.05\nepochs: 12\n", file: "converging.yaml")
        let lesson = try scene.lesson(rate: scene.learningRates[0])
        let renderer = FigureRenderer(style: scene.style, fonts: try FontLibrary())
        let figure = try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                      labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
        var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
        var checked = 0
        for keyframe in Storyboard(lesson: lesson, durations: scene.durations).timeline.keyframes where keyframe.state.stage == .tangent {
            let drawn = try renderer.renderRecording(figure.figure(for: keyframe.state, renderer: renderer), into: &canvas)
            guard let tangent = drawn.first(where: { $0.role == .tangent })?.points else { continue }
            for value in drawn where [.lossValue, .slopeValue].contains(value.role) {
                let box = value.box
                for piece in tangent {
                    for (a, b) in zip(piece, piece.dropFirst()) {
                        for k in 0...100 {
                            let x = a.x + (b.x - a.x) * Double(k) / 100, y = a.y + (b.y - a.y) * Double(k) / 100
                            XCTAssertFalse(Double(box.x) + 1 < x && x < Double(box.maxX) - 1 && Double(box.y) + 1 < y && y < Double(box.maxY) - 1,
                                           "epoch \(keyframe.state.epoch): the tangent crosses \(value.role) '\(value.text ?? "")' at (\(x), \(y))")
                        }
                    }
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 24, "two values at each of twelve tangent stages")
    }

    /// A diverging (w, b) lesson on inputs in thousandths and targets in thousands, with
    /// Chinese labels, at the smallest size it fits: its update formula is wider than its
    /// column even at 70 % of the title's size, and its (w, b) value wider than the panel
    /// once the numbers grow. The formula shrinks further instead of leaving the figure (its
    /// ink used to start 39 px left of it), the value is written smaller while that fits and
    /// gives way after, and every keyframe keeps the layout rules.
    func testANarrowDivergingLandscapeKeepsEveryTextInside() throws {
        let scene = try SceneFile.parse("""
            data: { x: [0.0012, 0.0031, 0.0047, 0.0058, 0.0075, 0.0093, 0.011], t: [1520, 1985, 2410, 2630, 3100, 3420, 3900] }
            model: affine
            w0: 0
            b0: 0
            lr: 0.3
            epochs: 8
            size: 540x400
            labels: { x: 反应时间（秒）, y: 产量（公斤）, weight: 权重, iteration: 迭代, squared_loss: 平方损失 }
            """, file: "narrow.yaml")
        let lesson = try scene.lesson(rate: scene.learningRates[0])
        XCTAssertEqual(lesson.regime, .diverging)
        let renderer = FigureRenderer(style: scene.style, fonts: try FontLibrary())
        let figure = try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                      labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
        var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
        for keyframe in Storyboard(lesson: lesson, durations: scene.durations).timeline.keyframes {
            let moment = keyframe.state
            let drawn = try renderer.renderRecording(figure.figure(for: moment, renderer: renderer), into: &canvas)
            let titles = drawn.filter { $0.role == .title && $0.axes == "landscape" }
            // The rule and its numbers, the numbers wrapped (at operators when need be) as they grow.
            XCTAssertTrue(moment.stage == .update ? (3...4).contains(titles.count) : titles.isEmpty,
                          "epoch \(moment.epoch) \(moment.stage): the update formula in \(titles.count) lines")
            if moment.epoch == 0 {
                XCTAssertTrue(drawn.contains { $0.role == .weightValue }, "\(moment.stage): (w, b) = (0.00, 0.00) fits, smaller")
            }
            let problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize,
                                                  canvas: canvas, points: lesson.x.count)
            XCTAssertEqual(problems, [], "epoch \(moment.epoch) \(moment.stage)")
        }
    }
}

/// The layout rules every keyframe keeps, checked on what was drawn.
enum LayoutInvariants {
    /// A scene's figure and storyboard for its lessons at one rate: a race's, or the one lesson's.
    static func figure(_ scene: Scene, _ lessons: [Lesson], renderer: FigureRenderer) throws -> (LessonFigure, Storyboard) {
        let labels = try scene.labels()
        if lessons.count > 1 {
            return (try LessonFigure(race: lessons, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                     labels: labels, limits: scene.figureLimits, renderer: renderer),
                    Storyboard.race(lesson: lessons[0]))
        }
        return (try LessonFigure(lesson: lessons[0], widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                 labels: labels, limits: scene.figureLimits, renderer: renderer),
                Storyboard(lesson: lessons[0]))
    }

    static func check(_ drawn: [DrawnElement], width: Int, height: Int, smallestText: Double, canvas: Canvas?, points: Int) -> [String] {
        var problems: [String] = []
        func describe(_ e: DrawnElement) -> String { "\(e.role) '\(e.text ?? "")' \(e.box)" }
        func overlap(_ a: PixelRect, _ b: PixelRect) -> Bool { !a.intersection(b).isEmpty }
        // No text below what a projector shows (math's sub- and superscripts aside).
        for e in drawn where e.kind == .text {
            if let size = e.size, size < smallestText - 1e-6 {
                problems.append("text smaller than \(smallestText) px: \(size) px, \(describe(e))")
            }
        }
        let figure = PixelRect(x: 0, y: 0, width: width, height: height)
        for e in drawn where e.box.intersection(figure) != e.box {
            problems.append("leaves the figure: \(describe(e))")
        }
        let texts = drawn.filter { $0.kind == .text }
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] where overlap(a.box, b.box) {
                problems.append("texts overlap: \(describe(a)) and \(describe(b))")
            }
        }
        for legend in drawn where legend.kind == .legend {
            for t in texts where !t.role.rawValue.hasPrefix("legend") && overlap(t.box, legend.box) {
                problems.append("text on the legend: \(describe(t))")
            }
        }
        for axes in Set(drawn.map(\.axes)) {
            let observations = drawn.filter { $0.axes == axes && $0.role == .observation }.count
            if axes == "model", observations != points {
                problems.append("\(observations) of \(points) data points drawn (the others neither inside nor pinned)")
            }
        }
        if let canvas {
            for t in texts where !inked(t, on: canvas) {
                problems.append("no ink of its colour: \(describe(t))")
            }
        }
        return problems
    }

    /// Whether some pixel in the text's box has at least 40 % of the way from white to the
    /// text's colour (glyphs reach their colour at their stems; a 7-pixel "0" at half
    /// scale only part of the way).
    static func inked(_ text: DrawnElement, on canvas: Canvas) -> Bool {
        guard let color = text.color else { return true }
        let box = text.box.intersection(canvas.pixelBounds)
        var best = Int.max
        for y in box.y..<box.maxY {
            for x in box.x..<box.maxX {
                let p = canvas[x, y]
                let d = max(abs(Int(p.r) - Int(color.r)), abs(Int(p.g) - Int(color.g)), abs(Int(p.b) - Int(color.b)))
                best = min(best, d)
            }
        }
        let fromWhite = max(255 - Int(color.r), 255 - Int(color.g), 255 - Int(color.b))
        return Double(best) <= 0.6 * Double(fromWhite)
    }
}
