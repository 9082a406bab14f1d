import XCTest
import Raster
@testable import Chart

/// Marching squares against shapes whose contours are known exactly: ellipses (the loss
/// bowl of a line with an intercept is one), two separate circles, a bowl cut by the grid.
final class ContoursTests: XCTestCase {
    private func grid(_ lower: Double, _ upper: Double, _ n: Int, _ f: (Double, Double) -> Double) -> ScalarGrid {
        let values = (0..<n).map { lower + (upper - lower) * Double($0) / Double(n - 1) }
        return ScalarGrid(xs: values, ys: values, f)
    }

    /// Shoelace: positive for a polygon turning anticlockwise (y up).
    private func area(_ polygon: [Point]) -> Double {
        zip(polygon, polygon.dropFirst() + [polygon[0]]).reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) } / 2
    }

    func testAnEllipsesIsolineLiesOnItAndEnclosesItsArea() {
        let (a, b) = (1.5, 0.8)
        let g = grid(-2, 2, 81) { x, y in (x / a) * (x / a) + (y / b) * (y / b) }
        let lines = Contours.lines(g, level: 1)
        XCTAssertEqual(lines.count, 1, "one closed line")
        let line = lines[0]
        XCTAssertEqual(line.first!.x, line.last!.x, accuracy: 1e-12, "closed")
        XCTAssertEqual(line.first!.y, line.last!.y, accuracy: 1e-12, "closed")
        // Linear interpolation of a quadratic along an edge of length h errs by at most h²/(4·min(a, b)²).
        let h = 4.0 / 80
        for p in line {
            let radius = ((p.x / a) * (p.x / a) + (p.y / b) * (p.y / b)).squareRoot()
            XCTAssertEqual(radius, 1, accuracy: h * h / (4 * b * b) + 1e-12, "\(p) on the ellipse")
        }
        XCTAssertEqual(abs(area(line)), Double.pi * a * b, accuracy: 0.005 * Double.pi * a * b)
    }

    func testTheRegionBelowFillsTheEllipseOnceWithPolygonsTurningOneWay() {
        let (a, b) = (1.2, 0.5)
        let g = grid(-2, 2, 121) { x, y in (x / a) * (x / a) + (y / b) * (y / b) }
        for level in [0.25, 1.0, 2.0] {
            let pieces = Contours.below(g, level: level)
            XCTAssertTrue(pieces.allSatisfy { area($0) > 0 }, "every piece anticlockwise at level \(level)")
            let exact = Double.pi * a * b * level
            XCTAssertEqual(pieces.reduce(0) { $0 + area($1) }, exact, accuracy: 0.01 * exact, "level \(level)")
        }
        XCTAssertEqual(Contours.below(g, level: -1).count, 0, "nothing below the minimum")
        let everything = Contours.below(g, level: 1e9)
        XCTAssertEqual(everything.reduce(0) { $0 + area($1) }, 16, accuracy: 1e-9, "the whole grid above the maximum")
        XCTAssertEqual(everything.count, 120, "one rectangle per row of whole cells")
    }

    func testSeparateBasinsGiveSeparateLines() {
        let g = grid(-2, 2, 101) { x, y in Swift.min((x - 1) * (x - 1) + y * y, (x + 1) * (x + 1) + y * y) }
        let lines = Contours.lines(g, level: 0.25)
        XCTAssertEqual(lines.count, 2)
        let total = Contours.below(g, level: 0.25).reduce(0) { $0 + area($1) }
        XCTAssertEqual(total, 2 * Double.pi * 0.25, accuracy: 0.01 * 2 * Double.pi * 0.25)
    }

    func testALineCutByTheGridEndsOnItsBorder() {
        // A circle of radius 1 about (1.5, 0) leaves the grid [-2, 2]² through x = 2.
        let g = grid(-2, 2, 41) { x, y in (x - 1.5) * (x - 1.5) + y * y }
        let lines = Contours.lines(g, level: 1)
        XCTAssertEqual(lines.count, 1)
        let line = lines[0]
        XCTAssertEqual(line.first!.x, 2, accuracy: 1e-12)
        XCTAssertEqual(line.last!.x, 2, accuracy: 1e-12)
        XCTAssertNotEqual(line.first!.y, line.last!.y, accuracy: 0.1, "open: two ends on the border")
    }

    func testViridisRunsFromPurpleToYellow() {
        XCTAssertEqual(Colormap.viridis(0), Color(r: 68, g: 1, b: 84))
        XCTAssertEqual(Colormap.viridis(1), Color(r: 253, g: 231, b: 37))
        XCTAssertEqual(Colormap.viridis(0.5), Color(r: 33, g: 145, b: 140))
        let bands = Colormap.viridisBands(10)
        let lightness = bands.map { 0.2126 * Double($0.r) + 0.7152 * Double($0.g) + 0.0722 * Double($0.b) }
        XCTAssertEqual(lightness, lightness.sorted(), "lighter band by band")
    }
}

/// A colour bar's ticks: three significant figures, no trailing zeros.
final class SignificantNumberTests: XCTestCase {
    func testThreeSignificantFigures() {
        XCTAssertEqual(NumberText.significant(30635), "30600")
        XCTAssertEqual(NumberText.significant(356.14), "356")
        XCTAssertEqual(NumberText.significant(42.34), "42.3")
        XCTAssertEqual(NumberText.significant(9.031), "9.03")
        XCTAssertEqual(NumberText.significant(0.4201), "0.42")
        XCTAssertEqual(NumberText.significant(2), "2")
        XCTAssertEqual(NumberText.significant(0), "0")
        XCTAssertEqual(NumberText.significant(-1.5), "\u{2212}1.5")
        XCTAssertEqual(NumberText.significant(1.7e5), "$1.7\\times10^{5}$")
    }
}
