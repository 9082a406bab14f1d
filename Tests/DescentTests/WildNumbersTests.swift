import XCTest
import Chart
@testable import Descent
import Raster
import Typeset

/// "Wild but legal numbers still render", as the README promises: a diverging lesson's values
/// beyond the axes are pinned at the edge with an arrow, written in compact notation, and
/// never as NaN or inf.
final class WildNumbersTests: XCTestCase {
    func testNumberTextWritesInfinityAndNaNForPeople() {
        XCTAssertEqual(NumberText.compact(.infinity), "∞")
        XCTAssertEqual(NumberText.compact(-.infinity), "\u{2212}∞")
        XCTAssertEqual(NumberText.compact(.nan), "undefined")
        XCTAssertEqual(NumberText.label(.infinity), "∞")
        XCTAssertEqual(NumberText.math(.infinity), "\\infty")
        XCTAssertEqual(NumberText.math(-.infinity), "-\\infty")
        XCTAssertEqual(NumberText.math(.nan), "\\text{undefined}")
        XCTAssertEqual(NumberText.compact(-3.4e8), "\u{2212}3.4×10⁸")
    }

    func testADivergingLessonIsPinnedCompactAndNeverNaN() throws {
        // r = 1 − 0.5·2·5 = −4: the weight flies off by a factor of 4 an epoch, past 10³⁰⁰ by
        // the last epochs, where the loss overflows to infinity.
        let lesson = try Lesson(x: [1, 2], t: [1, 2], w0: 3, learningRate: 0.5, epochs: 520)
        XCTAssertEqual(lesson.regime, .diverging)
        XCTAssertTrue(lesson.numbers(epoch: 519).loss.isInfinite || lesson.numbers(epoch: 519).loss.isNaN)
        let fonts = try FontLibrary()
        let renderer = FigureRenderer(style: Style(), fonts: fonts)
        let figure = try LessonFigure(lesson: lesson, limits: LimitOverrides(), renderer: renderer)
        var canvas = Canvas(width: 800, height: 600)
        for epoch in [5, 40, 519] {
            let drawn = try renderer.renderRecording(figure.figure(for: Moment(epoch: epoch, stage: .update), renderer: renderer),
                                                     into: &canvas)
            XCTAssertTrue(drawn.contains { $0.role == .pinArrow }, "epoch \(epoch): a value beyond the axes is pinned with an arrow")
            let texts = drawn.compactMap(\.text)
            for text in texts {
                let plain = text.replacingOccurrences(of: "\\infty", with: "").lowercased()
                XCTAssertFalse(plain.contains("nan") || plain.contains("inf"), "epoch \(epoch): '\(text)'")
            }
            if epoch < 519 {
                XCTAssertTrue(texts.contains { $0.contains("\\times10^{") }, "epoch \(epoch): huge values as powers of ten: \(texts)")
            } else {
                // Past overflow the weight is ∞ − ∞: said as "undefined", in words.
                XCTAssertTrue(texts.contains { $0.contains("undefined") || $0.contains("∞") }, "\(texts)")
            }
        }
        let transcript = try Transcript(storyboard: Storyboard(lesson: lesson)).json()
        XCTAssertFalse(String(decoding: transcript, as: UTF8.self).contains("nan"), "the transcript says NaN in words")
    }
}
