import XCTest
@testable import Chart
import Raster
import Typeset

final class TextPlacementTests: XCTestCase {
    func testTextThatWouldCrossTheFrameIsMovedInsideByTheLeastDistance() throws {
        let renderer = FigureRenderer(style: Style(), fonts: try FontLibrary())
        let frame = Rect(minX: 50, minY: 50, maxX: 350, maxY: 350)
        let text = TextArtist("loss = 302.69", at: .data(Point(9, 0)), offsetPixels: Point(10, 0),
                              fontSizePixels: 16.7, color: .black, horizontal: .left, vertical: .center)
        let axes = Axes(frame: frame, xLimits: AxisLimits(0, 10)!, yLimits: AxisLimits(-1, 1)!, artists: [.text(text)])
        let box = try XCTUnwrap(renderer.textBox(text, in: axes))
        XCTAssertEqual(box.maxX, frame.maxX - FigureRenderer.textInset, accuracy: 1e-9)
        XCTAssertEqual(box.center.y, axes.transform.pixelY(0), accuracy: 3, "only moved sideways")
        XCTAssertGreaterThan(box.width, 80)
    }
}
