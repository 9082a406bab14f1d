import XCTest
@testable import Chart
import Raster
import Typeset

final class LegendTests: XCTestCase {
    private let renderer = FigureRenderer(style: Style(), fonts: try! FontLibrary())

    private func axes(markersAt points: [Point]) -> Axes {
        Axes(frame: Rect(x: 50, y: 50, width: 400, height: 300), xLimits: AxisLimits(0, 10)!, yLimits: AxisLimits(0, 10)!,
             artists: [.markers(MarkerArtist(data: points, shape: .circle, sizePixels: 8, color: Theme.light.c0,
                                             edgeWidthPixels: 1, label: "points")),
                       .line(LineArtist(data: [Point(0, 0), Point(10, 0)], color: Theme.light.c1, widthPixels: 2, label: "line"))],
             legend: Legend())
    }

    private func best(_ axes: Axes) throws -> LegendLocation {
        let scores = try XCTUnwrap(renderer.legendBadness(axes))
        return LegendLocation.candidates[scores.firstIndex(of: scores.min()!)!]
    }

    func testBestLegendAvoidsMarkersAndPrefersMatplotlibsOrder() throws {
        XCTAssertEqual(try best(axes(markersAt: [Point(5, 5)])), .upperRight, "nothing in the way: matplotlib's first choice")
        XCTAssertEqual(try best(axes(markersAt: [Point(9.5, 9.5)])), .upperLeft)
        XCTAssertEqual(try best(axes(markersAt: [Point(9.5, 9.5), Point(0.5, 9.5), Point(0.5, 0.5), Point(9.5, 0.5)])),
                       .centerRight, "all four corners taken")
    }

    func testLegendSlidesAlongTheTopEdgeBetweenObstacles() throws {
        // Markers in every corner, along the bottom, at the centre and top centre: only an
        // off-centre spot on the top edge is free.
        let location = try best(axes(markersAt: [Point(0.3, 9.7), Point(9.7, 9.7), Point(5, 9.5), Point(5, 8.5),
                                                 Point(0.5, 0.5), Point(9.5, 0.5), Point(5, 5), Point(0.3, 5), Point(9.7, 5),
                                                 Point(2, 0.5), Point(3.5, 0.5), Point(5, 0.5), Point(6.5, 0.5), Point(8, 0.5)]))
        XCTAssertTrue(location.leftSide, "\(location)")
        XCTAssertEqual(location.y, 0)
    }
}
