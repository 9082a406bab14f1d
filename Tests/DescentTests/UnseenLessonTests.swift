import Foundation
import XCTest
import Chart
@testable import Descent
import PNG
import Raster
import TestSupport
import Typeset

/// Lessons nobody designed for: seeded random data at any magnitude and sign, 1 to 45
/// points, any regime, labels of any length in Spanish and English with math, any size
/// and scale. Every keyframe keeps the layout rules; a size too small is refused with a
/// minimum that then renders.
final class UnseenLessonTests: XCTestCase {
    private static let words = ["tiempo", "cantidad de lluvia", "precio (€)", "superficie (m²)", "horas de estudio",
                                "calificación", "temperature change (°C)", "load $F$ (N)", "extension $x_i$ (m)",
                                "número de visitantes por día", "$\\sqrt{x}$", "ganancia neta", "peso", "año"]

    private func label(_ rng: inout SplitMix) -> String {
        (0..<(1 + rng.below(7))).map { _ in UnseenLessonTests.words[rng.below(UnseenLessonTests.words.count)] }
            .joined(separator: " ")
    }

    private func scene(_ rng: inout SplitMix) -> Scene {
        var scene = Scene()
        scene.limits = LimitOverrides()
        let count = 1 + rng.below(45)
        let xScale = pow(10, Double(rng.below(10)) - 4), tScale = pow(10, Double(rng.below(10)) - 4)
        let xOffset = rng.below(3) == 0 ? -Double(count) * xScale * rng.unit() * 2 : 0
        scene.x = (0..<count).map { xOffset + xScale * (Double($0) + rng.unit()) }
        let slope = (rng.unit() * 4 - 2) * tScale / xScale
        scene.t = scene.x.map { slope * $0 + tScale * (rng.unit() - 0.5) }
        let sumSquares = scene.x.reduce(0) { $0 + $1 * $1 }
        let r = [0.8, 0.3, -0.4, -0.9, -1.15][rng.below(5)]
        scene.learningRates = [try! LearningRate((1 - r) / (2 * sumSquares))]
        scene.w0 = slope * (rng.unit() * 6 - 3) + (rng.below(4) == 0 ? 0 : slope)
        scene.epochs = 1 + rng.below(8)
        scene.width = 380 + rng.below(1000)
        scene.height = 370 + rng.below(600)
        scene.scale = [0.5, 1, 1, 1.5][rng.below(4)]
        if scene.scale == 0.5 { scene.width *= 2; scene.height *= 2 }
        scene.language = rng.below(2) == 0 ? .es : .en
        for key in ["x", "y", "weight", "loss", "observations", "model", "iteration"] where rng.below(2) == 0 {
            scene.labelOverrides[key] = String(label(&rng).prefix(200))
        }
        if rng.below(2) == 0 { scene.labelOverrides["model"] = "modelo: $y = w\\,x$ " + label(&rng) }
        return scene
    }

    func testRandomTeachersLessonsKeepEveryLayoutRule() throws {
        let fonts = try FontLibrary()
        var rng = SplitMix(seed: UInt64(ProcessInfo.processInfo.environment["DESCENT_UNSEEN_SEED"] ?? "") ?? 2026_11_28)
        for attempt in 0..<(Int(ProcessInfo.processInfo.environment["DESCENT_UNSEEN_ATTEMPTS"] ?? "") ?? 14) {
            var scene = self.scene(&rng)
            try scene.validate()
            let lesson = try scene.lesson(rate: scene.learningRates[0])
            let renderer = FigureRenderer(style: scene.style, fonts: fonts)
            let figure: LessonFigure
            do {
                figure = try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                          labels: try scene.labels(), limits: scene.limits, renderer: renderer)
            } catch let error as SceneError where error.minimumSize != nil {
                // The minimum named must be enough.
                let minimum = error.minimumSize!
                scene.width = minimum.width
                scene.height = minimum.height
                XCTAssertNoThrow(try LessonFigure(lesson: lesson, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                                  labels: try scene.labels(), limits: scene.limits, renderer: renderer),
                                 "attempt \(attempt): the minimum \(minimum.width)x\(minimum.height) does not fit")
                continue
            }
            var canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
            var failures = 0
            for keyframe in Storyboard(lesson: lesson).timeline.keyframes {
                let drawn = try renderer.renderRecording(figure.figure(for: keyframe.state, renderer: renderer), into: &canvas)
                let problems = LayoutInvariants.check(drawn, width: scene.pixelWidth, height: scene.pixelHeight, smallestText: scene.style.smallestTextSize,
                                                      canvas: canvas, points: lesson.x.count)
                if !problems.isEmpty, let folder = ProcessInfo.processInfo.environment["DESCENT_UNSEEN_DUMP"] {
                    let png = try PNGFile.encode(RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!)
                    FileManager.default.createFile(atPath: "\(folder)/attempt\(attempt).png", contents: Data(png))
                }
                for problem in problems.prefix(2) where failures < 4 {
                    XCTFail("attempt \(attempt) (\(lesson.x.count) points, \(scene.pixelWidth)x\(scene.pixelHeight), "
                            + "scale \(scene.scale)) epoch \(keyframe.state.epoch) \(keyframe.state.stage): \(problem)")
                    failures += 1
                }
            }
        }
    }
}
