import TestSupport
import XCTest
@testable import Raster

final class CoverageTests: XCTestCase {
    private let big = Rect(minX: -100, minY: -100, maxX: 100, maxY: 100)

    func testAxisAlignedRectangleAtFractionalCoordinatesCoversExactlyItsArea() {
        let rect = Rect(minX: 2.3, minY: 1.7, maxX: 9.85, maxY: 6.1)
        let mask = Coverage.mask(of: .rectangle(rect), clip: big)!
        XCTAssertEqual(mask.area, rect.area, accuracy: 1e-4)
        XCTAssertEqual(mask[3, 3], 1, accuracy: 1e-6)
        XCTAssertEqual(mask[2, 3], 0.7, accuracy: 1e-5)
        XCTAssertEqual(mask[2, 1], 0.7 * 0.3, accuracy: 1e-5)
        XCTAssertEqual(mask[9, 6], 0.85 * 0.1, accuracy: 1e-5)
    }

    func testCircleCoversPiRSquaredWithinATenthOfAPercent() {
        for radius in [3.0, 7.5, 20.25] {
            let mask = Coverage.mask(of: .circle(center: Point(30.3, 29.6), radius: radius), clip: big)!
            let exact = Double.pi * radius * radius
            XCTAssertEqual(mask.area, exact, accuracy: exact * 0.001, "radius \(radius)")
        }
    }

    func testRandomPolygonsMatchExactPerPixelAreas() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<40 {
            let centre = Point(10 + rng.unit() * 3, 10 + rng.unit() * 3)
            let count = 3 + Int(rng.unit() * 6)
            // Star-shaped about the centre, hence simple (no self-intersections).
            let polygon: [Point] = (0..<count).map { i in
                let angle = (Double(i) + rng.unit() * 0.8) * 2 * Double.pi / Double(count)
                let radius = 1.5 + rng.unit() * 6
                return Point(centre.x + radius * cos(angle), centre.y + radius * sin(angle))
            }
            let mask = Coverage.mask(of: Path(contours: [polygon]), clip: big)!
            // What canvases composite through: the nearest of 256 levels.
            let levels = AlphaMask(mask)
            var covered = 0.0
            for y in 0..<24 {
                for x in 0..<24 {
                    let pixel = Rect(minX: Double(x), minY: Double(y), maxX: Double(x + 1), maxY: Double(y + 1))
                    let exact = CrossSection.area(of: polygon, in: pixel)
                    covered += exact
                    XCTAssertEqual(Double(mask[x, y]), exact, accuracy: 1.0 / 255, "pixel \(x),\(y)")
                    XCTAssertEqual(Double(levels[x, y]), exact, accuracy: 0.5 / 255 + 1e-6, "8-bit pixel \(x),\(y)")
                }
            }
            // The reference itself adds up to the shoelace area of the whole polygon.
            let shoelace = abs(zip(polygon, polygon.dropFirst() + [polygon[0]]).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }) / 2
            XCTAssertEqual(covered, shoelace, accuracy: 1e-9)
            XCTAssertEqual(levels.area, mask.area, accuracy: Double(levels.levels.count) * 0.5 / 255)
        }
    }

    func testRoundedRectangleSidesStayOnTheirLines() {
        // Corner arcs end exactly on the sides: nothing leaks into the row or column beside
        // a side on whole pixels, and the sides cover their pixels fully.
        let box = Rect(minX: 10, minY: 10, maxX: 60, maxY: 40)
        let mask = Coverage.mask(of: .roundedRectangle(box, radius: 4), clip: big.insetBy(-40))!
        for x in 16..<54 {
            XCTAssertEqual(mask[x, 9], 0, "above the top side at column \(x)")
            XCTAssertEqual(mask[x, 40], 0, "below the bottom side at column \(x)")
            XCTAssertEqual(mask[x, 10], 1, accuracy: 1e-6)
        }
        for y in 16..<34 {
            XCTAssertEqual(mask[9, y], 0, "left of the left side at row \(y)")
            XCTAssertEqual(mask[60, y], 0, "right of the right side at row \(y)")
        }
        XCTAssertEqual(mask.area, 50 * 30 - (4 - Double.pi) * 16, accuracy: 0.05)
    }

    func testClippingIsExactAtAFractionalClipEdge() {
        let clip = Rect(minX: 0, minY: 0, maxX: 5.25, maxY: 4.5)
        let mask = Coverage.mask(of: .rectangle(Rect(minX: -3, minY: -3, maxX: 20, maxY: 20)), clip: clip)!
        XCTAssertEqual(mask.area, clip.area, accuracy: 1e-4)
        XCTAssertEqual(mask[5, 1], 0.25, accuracy: 1e-5)
        XCTAssertEqual(mask[5, 4], 0.125, accuracy: 1e-5)
    }

    func testEvenOddLeavesTheOverlapOfTwoSquaresEmpty() {
        var path = Path.rectangle(Rect(minX: 0, minY: 0, maxX: 4, maxY: 4))
        path.append(.rectangle(Rect(minX: 2, minY: 2, maxX: 6, maxY: 6)))
        let evenOdd = Coverage.mask(of: path, rule: .evenOdd, clip: big)!
        let nonZero = Coverage.mask(of: path, rule: .nonZero, clip: big)!
        XCTAssertEqual(evenOdd[3, 3], 0, accuracy: 1e-6)
        XCTAssertEqual(nonZero[3, 3], 1, accuracy: 1e-6)
        XCTAssertEqual(evenOdd.area, 24, accuracy: 1e-4)
        XCTAssertEqual(nonZero.area, 28, accuracy: 1e-4)
    }

}

/// The area of a simple polygon inside a pixel, found without clipping: the length of the
/// polygon's cross-section at x, inside the pixel's rows, is linear in x between the
/// x-coordinates where a vertex lies or an edge crosses the pixel's top or bottom, so the
/// midpoint rule on each such piece integrates it exactly. Independent of the production
/// clipper by construction (no polygon is ever clipped).
enum CrossSection {
    static func area(of polygon: [Point], in pixel: Rect) -> Double {
        var breaks = [pixel.minX, pixel.maxX]
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            breaks.append(a.x)
            for level in [pixel.minY, pixel.maxY] where (a.y - level) * (b.y - level) < 0 {
                breaks.append(a.x + (level - a.y) / (b.y - a.y) * (b.x - a.x))
            }
        }
        let inside = breaks.filter { $0 >= pixel.minX && $0 <= pixel.maxX }.sorted()
        var area = 0.0
        for (left, right) in zip(inside, inside.dropFirst()) where right > left {
            area += (right - left) * length(of: polygon, at: (left + right) / 2, from: pixel.minY, to: pixel.maxY)
        }
        return area
    }

    /// The length of the vertical line at `x` inside the polygon, between `low` and `high`
    /// (crossings paired in order: a simple polygon's inside is between odd and even ones).
    private static func length(of polygon: [Point], at x: Double, from low: Double, to high: Double) -> Double {
        var crossings: [Double] = []
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            if (a.x <= x) != (b.x <= x) {
                crossings.append(a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y))
            }
        }
        crossings.sort()
        var total = 0.0
        for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
            total += max(0, min(crossings[pair + 1], high) - max(crossings[pair], low))
        }
        return total
    }
}
