import XCTest
@testable import Chart
import Raster
import Typeset

/// `TextPlacer` on its own: texts kept inside the frame, apart from each other, off the
/// legend and off markers, given way to (or not) when no place is free.
final class TextPlacementTests: XCTestCase {
    private let frame = Rect(minX: 50, minY: 50, maxX: 350, maxY: 350)
    private var renderer: FigureRenderer!

    override func setUpWithError() throws {
        renderer = FigureRenderer(style: Style(), fonts: try FontLibrary())
    }

    private func placer(_ artists: [Artist]) -> TextPlacer {
        let axes = Axes(frame: frame, xLimits: AxisLimits(0, 10)!, yLimits: AxisLimits(-1, 1)!, artists: artists)
        return renderer.textPlacer(axes)
    }

    private func text(_ words: String, at point: Point, droppable: Bool = false, size: Double = 16.7,
                      alternatives: [TextPlacement] = []) -> TextArtist {
        TextArtist(words, at: .data(point), offsetPixels: Point(10, 0), fontSizePixels: size, color: .black,
                   horizontal: .left, vertical: .center, alternatives: alternatives, droppable: droppable)
    }

    func testTextThatWouldCrossTheFrameIsMovedInsideByTheLeastDistance() throws {
        let placed = placer([.text(text("loss = 302.69", at: Point(9, 0)))])
        let box = try XCTUnwrap(placed.box(of: text("loss = 302.69", at: Point(9, 0))))
        XCTAssertEqual(box.maxX, frame.maxX - FigureRenderer.textInset, accuracy: 1e-9)
        XCTAssertEqual(box.center.y, placed.axes.transform.pixelY(0), accuracy: 3, "only moved sideways")
        XCTAssertGreaterThan(box.width, 80)
    }

    func testTextsAtOneAnchorArePlacedApartInTheirOrder() throws {
        let texts = (0..<4).map { text("value \($0)", at: Point(5, 0)) }
        let placed = try placer(texts.map(Artist.text)).place(avoiding: [])
        XCTAssertEqual(placed.count, 4, "every text finds a place")
        XCTAssertEqual(placed[0]?.box, try placer([]).box(of: texts[0]), "the first keeps its own place")
        let boxes = placed.values.map(\.box)
        for (i, a) in boxes.enumerated() {
            let inside = frame.insetBy(FigureRenderer.textInset - 1e-9)
            XCTAssertTrue(inside.minX <= a.minX && a.maxX <= inside.maxX && inside.minY <= a.minY && a.maxY <= inside.maxY,
                          "\(a) inside the frame")
            for b in boxes[(i + 1)...] {
                XCTAssertFalse(FigureRenderer.overlaps(a, b, gap: 2), "\(a) and \(b) keep 2 px apart at least")
            }
        }
    }

    func testTheLegendIsAnObstacle() throws {
        let words = text("near the legend", at: Point(5, 0))
        let first = try XCTUnwrap(placer([]).box(of: words))
        let legend = first.insetBy(-4)
        let placed = try XCTUnwrap(placer([.text(words)]).place(avoiding: [legend])[0])
        XCTAssertFalse(FigureRenderer.overlaps(placed.box, legend, gap: 0), "moved off the legend")
    }

    func testAPlaceThatHidesAMarkerGivesWayToOneThatHidesNone() throws {
        let right = TextPlacement(Point(10, 0), .left, .center), left = TextPlacement(Point(-10, 0), .right, .center)
        let words = text("label", at: Point(5, 0), alternatives: [left])
        let firstBox = try XCTUnwrap(placer([]).box(of: words))
        // A marker right where the first place would put the text.
        let t = placer([]).axes.transform
        let under = Point(t.dataX(firstBox.center.x), t.dataY(firstBox.center.y))
        let markers = Artist.markers(MarkerArtist(data: [under], shape: .circle, sizePixels: 6, color: .black, edgeWidthPixels: 0))
        let placed = try XCTUnwrap(placer([markers, .text(words)]).place(avoiding: [])[1])
        XCTAssertEqual(placed.placement, left, "the alternative that hides no marker")
        XCTAssertNotEqual(placed.placement, right)
    }

    func testADroppableTextWithNoFreePlaceIsLeftOutAndAnotherIsPlacedAnyway() throws {
        // A frame full of legend: nothing is free.
        let everywhere = frame.insetBy(-10)
        let droppable = text("may go", at: Point(5, 0), droppable: true)
        let kept = text("must stay", at: Point(5, 0.5))
        let placed = try placer([.text(droppable), .text(kept)]).place(avoiding: [everywhere])
        XCTAssertNil(placed[0], "the droppable text gives way")
        XCTAssertEqual(placed[1]?.box, try placer([]).box(of: kept), "the other stays at its first place")
    }

    func testATextWiderThanItsPanelHasNoPlace() throws {
        let long = text(String(repeating: "very long words ", count: 8), at: Point(5, 0), droppable: true)
        XCTAssertNil(try placer([]).box(of: long))
        XCTAssertNil(try placer([.text(long)]).place(avoiding: [])[0])
    }
}
