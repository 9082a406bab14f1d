import Foundation
import XCTest
import Chart
import Descent
import PNG
import Raster
import Typeset

/// Rendered keyframes of the seed lesson: golden images and pixel probes.
final class KeyframeImageTests: XCTestCase {
    // XCTest runs a class's tests one at a time, on one thread.
    nonisolated(unsafe) private static var shared: (FigureRenderer, LessonFigure)?

    private func figure() throws -> (FigureRenderer, LessonFigure) {
        if let shared = KeyframeImageTests.shared { return shared }
        let renderer = FigureRenderer(style: Style(), fonts: try FontLibrary())
        let figure = try LessonFigure(lesson: .seed, renderer: renderer)
        KeyframeImageTests.shared = (renderer, figure)
        return (renderer, figure)
    }

    private func render(_ stage: LessonStage, epoch: Int = 0) throws -> Canvas {
        let (renderer, figure) = try figure()
        return try renderer.render(figure.figure(for: Moment(epoch: epoch, stage: stage), renderer: renderer))
    }

    /// Golden images may drift by anti-aliasing noise (another FreeType build), not by
    /// content: at most 0.5 % of pixels may differ, and by at most 8 levels per channel
    /// on average over those. Refresh on purpose with `make golden`.
    private func assertMatchesGolden(_ canvas: Canvas, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Fixtures/golden"),
                                "missing golden \(name).png; run make golden", file: file, line: line)
        let golden = try PNGFile.read(path: url.path)
        XCTAssertEqual(golden.width, canvas.width, file: file, line: line)
        XCTAssertEqual(golden.height, canvas.height, file: file, line: line)
        guard golden.width == canvas.width, golden.height == canvas.height else { return }
        var differing = 0
        var total = 0
        for i in stride(from: 0, to: golden.pixels.count, by: 4) {
            var worst = 0
            for k in 0..<3 { worst = max(worst, abs(Int(golden.pixels[i + k]) - Int(canvas.pixels[i + k]))) }
            if worst > 0 { differing += 1; total += worst }
        }
        let pixels = canvas.width * canvas.height
        XCTAssertLessThanOrEqual(Double(differing) / Double(pixels), 0.005,
                                 "\(differing) pixels differ from \(name).png", file: file, line: line)
        if differing > 0 {
            XCTAssertLessThanOrEqual(Double(total) / Double(differing), 8, "mean difference", file: file, line: line)
        }
    }

    func testFirstStageOfEpochZeroMatchesGolden() throws {
        try assertMatchesGolden(try render(.weight), "epoch00_weight")
    }

    func testLastStageOfEpochZeroMatchesGolden() throws {
        try assertMatchesGolden(try render(.update), "epoch00_update")
    }

    /// Teachers' lessons from the layout corpus, at their first update: adaptive axes
    /// with a multiplier, wrapped long labels, legends below the axes of a 400x400 figure, and
    /// the (w, b) landscape with its contours, colour bar, path and step.
    func testTeachersLessonsMatchTheirGoldens() throws {
        let corpus = try XCTUnwrap(Bundle.module.url(forResource: "corpus", withExtension: nil, subdirectory: "Fixtures"))
        for name in ["house_prices", "long_labels", "small_square", "affine_zigzag"] {
            let scene = try SceneFile.read(path: corpus.appendingPathComponent(name + ".yaml").path)
            let renderer = FigureRenderer(style: scene.style, fonts: try FontLibrary())
            let figure = try LessonFigure(lesson: try scene.lesson(rate: scene.learningRates[0]),
                                          widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                          labels: try scene.labels(), limits: scene.figureLimits, renderer: renderer)
            try assertMatchesGolden(try renderer.render(figure.figure(for: Moment(epoch: 0, stage: .update), renderer: renderer)), name)
        }
    }

    private func pixel(_ canvas: Canvas, _ p: Point) -> Color {
        canvas[Int(p.x.rounded(.down)), Int(p.y.rounded(.down))]
    }

    /// Where data lands in the seed figure, worked out without the production transform: the
    /// axes' frame is found in the pixels (its spines are the only lines dark over most of
    /// the figure's height or width), and the limits are the seed figure's, as literals —
    /// the notebook's y limits, and each x range padded by matplotlib's 5 % margin.
    private struct SeedAxes {
        static let loss = (x: (-11.25, 16.25), y: (-200.0, 900.0), columns: 0..<400)
        static let model = (x: (-1.25, 4.25), y: (-10.0, 30.0), columns: 400..<800)

        let left: Double, right: Double, top: Double, bottom: Double
        let x: (Double, Double), y: (Double, Double)

        init(_ canvas: Canvas, _ axes: (x: (Double, Double), y: (Double, Double), columns: Range<Int>)) throws {
            func dark(_ c: Color) -> Bool { min(c.r, c.g, c.b) < 128 }
            let spines = axes.columns.filter { x in (0..<canvas.height).filter { dark(canvas[x, $0]) }.count > canvas.height / 2 }
            let (first, last) = (try XCTUnwrap(spines.first), try XCTUnwrap(spines.last))
            let rows = (0..<canvas.height).filter { y in (first...last).filter { dark(canvas[$0, y]) }.count > (last - first) / 2 }
            XCTAssertEqual(spines.count, 2, "two vertical spines in columns \(axes.columns)")
            XCTAssertEqual(rows.count, 2, "two horizontal spines")
            // A spine one pixel wide is drawn over the pixel its edge falls in: its centre.
            left = Double(first) + 0.5
            right = Double(last) + 0.5
            top = Double(try XCTUnwrap(rows.first)) + 0.5
            bottom = Double(try XCTUnwrap(rows.last)) + 0.5
            x = axes.x
            y = axes.y
        }

        func pixelX(_ v: Double) -> Double { left + (v - x.0) / (x.1 - x.0) * (right - left) }
        func pixelY(_ v: Double) -> Double { bottom - (v - y.0) / (y.1 - y.0) * (bottom - top) }
        func pixel(_ dx: Double, _ dy: Double) -> Point { Point(pixelX(dx), pixelY(dy)) }
    }

    func testDataPointsAreDrawnInC0WhereTheirCoordinatesMap() throws {
        let canvas = try render(.weight)
        let modelAxes = try SeedAxes(canvas, SeedAxes.model)
        for (x, t) in zip(Lesson.seed.x, Lesson.seed.t) {
            // A prediction's cross (ringed in white) may stand on the point: most of the disc is C0 still.
            let centre = modelAxes.pixel(x, t)
            let inC0 = (-4...4).flatMap { dy in (-4...4).map { dx in centre + Point(Double(dx), Double(dy)) } }
                .filter { pixel(canvas, $0) == Theme.light.c0 }.count
            XCTAssertGreaterThanOrEqual(inC0, 8, "data point (\(x), \(t))")
        }
    }

    func testWeightStarsAreC1AndC3AtTheirWeights() throws {
        let canvas = try render(.update)
        let lossAxes = try SeedAxes(canvas, SeedAxes.loss)
        let n = Lesson.seed.numbers(epoch: 0)
        XCTAssertEqual(pixel(canvas, lossAxes.pixel(n.w, -190)), Theme.light.c1, "current weight star, filled")
        // The new weight's star is hollow (told from the current one by more than colour):
        // the page at its centre, C3 round it.
        let centre = lossAxes.pixel(n.wNew, -190)
        let hollow = pixel(canvas, centre)
        XCTAssertTrue(hollow.r > 200 && hollow.g > 200 && hollow.b > 200, "new weight star, hollow: \(hollow) at its centre")
        func c3Near(_ canvas: Canvas) -> Bool {
            (-7...7).contains { dy in (-7...7).contains { dx in pixel(canvas, centre + Point(Double(dx), Double(dy))) == Theme.light.c3 } }
        }
        XCTAssertTrue(c3Near(canvas), "new weight star's outline in C3")
        XCTAssertFalse(c3Near(try render(.drop)), "the new weight appears only at the update stage")
    }

    func testTheWeightLabelCrossesNeitherGuideLine() throws {
        // Just above the stars, the dotted guides at the weight and at the new weight carry
        // no orange (the weight label's colour) in any epoch: the label stands clear of both.
        for epoch in 0..<Lesson.seed.epochs {
            let canvas = try render(.update, epoch: epoch)
            let lossAxes = try SeedAxes(canvas, SeedAxes.loss)
            let n = Lesson.seed.numbers(epoch: epoch)
            let starRow = Int(lossAxes.pixelY(-190))
            for w in [n.w, n.wNew] {
                // The guide's own columns, found in its dots above the label's rows.
                let near = Int(lossAxes.pixelX(w))
                let guide = (near - 3...near + 3).filter { x in
                    (starRow - 60..<starRow - 30).filter { min(canvas[x, $0].r, canvas[x, $0].g, canvas[x, $0].b) < 128 }.count >= 3
                }
                XCTAssertFalse(guide.isEmpty, "epoch \(epoch): a dotted guide near column \(near)")
                for x in guide {
                    for y in starRow - 26..<starRow - 9 {
                        let c = canvas[x, y]
                        XCTAssertFalse(Int(c.r) > Int(c.b) + 60 && Int(c.g) > Int(c.b) + 20,
                                       "epoch \(epoch): orange at (\(x), \(y)) on the guide at w = \(w)")
                    }
                }
            }
        }
    }

    func testEveryStageAddsToTheFigureAndANewEpochStartsFresh() throws {
        var previous: [UInt8]?
        for stage in LessonStage.allCases {
            let canvas = try render(stage)
            XCTAssertNotEqual(canvas.pixels, previous, "\(stage) adds something")
            previous = canvas.pixels
        }
        // Epoch 0's dotted drop at w = 9 is black; epoch 1 starts without it.
        let lossAxes = try SeedAxes(try render(.loss, epoch: 0), SeedAxes.loss)
        let old = Lesson.seed.numbers(epoch: 0)
        let column = Int(lossAxes.pixelX(old.w))
        let rows = Int(lossAxes.pixelY(old.loss / 2))..<Int(lossAxes.pixelY(-100))
        func blackPixels(_ canvas: Canvas) -> Int {
            (column - 1...column + 1).map { x in rows.filter { canvas[x, $0] == .black }.count }.reduce(0, +)
        }
        XCTAssertGreaterThan(blackPixels(try render(.loss, epoch: 0)), 10)
        XCTAssertEqual(blackPixels(try render(.weight, epoch: 1)), 0)
    }

    func testNoTextOrLegendLeavesTheFigure() throws {
        // A 3-pixel margin round the figure stays white in every stage of the first and last epochs.
        for epoch in [0, Lesson.seed.epochs - 1] {
            for stage in LessonStage.allCases {
                let canvas = try render(stage, epoch: epoch)
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where x < 3 || y < 3 || x >= canvas.width - 3 || y >= canvas.height - 3 {
                        XCTAssertEqual(canvas[x, y], .white, "epoch \(epoch) \(stage) at \(x),\(y)")
                        if canvas[x, y] != .white { return }
                    }
                }
            }
        }
    }
}
