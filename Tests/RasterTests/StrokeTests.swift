import XCTest
@testable import Raster

final class StrokeTests: XCTestCase {
    private let clip = Rect(minX: -50, minY: -50, maxX: 250, maxY: 250)

    private func strokeMask(_ points: [Point], _ style: StrokeStyle, closed: Bool = false) -> CoverageMask? {
        Coverage.mask(of: Stroker.outline(of: points, style: style, closed: closed), clip: clip)
    }

    func testHorizontalStrokeCoversItsWidthInEveryColumnAtAnySubpixelOffset() {
        for width in [0.8, 1.0, 1.5, 2.08, 3.3, 8.0] {
            for offset in [0.0, 0.13, 0.5, 0.77] {
                let y = 20 + offset
                let mask = strokeMask([Point(10, y), Point(60, y)], StrokeStyle(width: width, cap: .butt)!)!
                for x in 11..<59 {
                    let column = (0..<60).reduce(0.0) { $0 + Double(mask[x, $1]) }
                    XCTAssertEqual(column, width, accuracy: 0.01, "width \(width) offset \(offset) column \(x)")
                }
            }
        }
    }

    func testDiagonalStrokeHasTheAreaOfItsRectangle() {
        let length = 50.0, width = 2.5
        let a = Point(20.3, 30.1), b = Point(20.3 + length * 0.6, 30.1 + length * 0.8)
        let mask = strokeMask([a, b], StrokeStyle(width: width, cap: .butt)!)!
        XCTAssertEqual(mask.area, length * width, accuracy: length * width * 0.001)
    }

    func testCapsExtendTheStrokeAsTheirShapesSay() {
        let a = Point(20, 20.5), b = Point(40, 20.5), w = 4.0
        let butt = strokeMask([a, b], StrokeStyle(width: w, cap: .butt)!)!.area
        let square = strokeMask([a, b], StrokeStyle(width: w, cap: .square)!)!.area
        let round = strokeMask([a, b], StrokeStyle(width: w, cap: .round)!)!.area
        XCTAssertEqual(butt, 20 * w, accuracy: 0.01)
        XCTAssertEqual(square, 20 * w + w * w, accuracy: 0.01)
        XCTAssertEqual(round, 20 * w + Double.pi * w * w / 4, accuracy: 0.05)
    }

    func testDenseCurveHasNoDarkenedJointsAndNoSeams() {
        // 400 short segments along a gentle arc: every pixel well inside is fully covered
        // (no seams) and no coverage exceeds 1 (no overlaps counted twice at joints).
        let points = (0...400).map { i -> Point in
            let t = Double(i) / 400
            return Point(20 + 160 * t, 100 - 60 * sin(t * Double.pi))
        }
        let mask = strokeMask(points, StrokeStyle(width: 6, cap: .butt, join: .round)!)!
        XCTAssertLessThanOrEqual(mask.values.max()!, 1)
        let length = zip(points, points.dropFirst()).reduce(0.0) { $0 + ($1.1 - $1.0).length }
        XCTAssertEqual(mask.area, length * 6, accuracy: length * 6 * 0.01)
        for p in points.dropFirst(5).dropLast(5) {
            XCTAssertEqual(mask[Int(p.x), Int(p.y)], 1, accuracy: 1e-4, "inside the stroke at \(p)")
        }
    }

    func testPolylineWithHalfAlphaIsNowhereDarkerThanOnePassAtItsJoints() {
        var canvas = Canvas(width: 120, height: 120)
        let zigzag = [Point(10, 10), Point(60, 100), Point(70, 15), Point(110, 90), Point(30, 60)]
        canvas.stroke(zigzag, style: StrokeStyle(width: 5, join: .miter)!, color: Color.black.withAlpha(0.5))
        var darkest = 255
        for y in 0..<120 { for x in 0..<120 { darkest = min(darkest, Int(canvas[x, y].r)) } }
        XCTAssertGreaterThanOrEqual(darkest, 127, "a single pass of 50 % black over white")
        XCTAssertLessThanOrEqual(darkest, 128)
    }

    func testDashedLineInkMatchesItsPattern() {
        let width = 2.0
        let dash = DashPattern.dashed(lineWidth: width)
        let style = StrokeStyle(width: width, cap: .butt, dash: dash)!
        let length = 185.0
        let pieces = dash.split([Point(5, 20.5), Point(5 + length / 2, 20.5), Point(5 + length, 20.5)])
        var outline = Path()
        for piece in pieces { outline.append(Stroker.outline(of: piece, style: style)) }
        let ink = Coverage.mask(of: outline, clip: clip)!.area / width
        // Whole periods of 3.7 + 1.6 line widths, then what is left of the last one.
        let period = 5.3 * width, on = 3.7 * width
        let whole = (length / period).rounded(.down)
        let expected = whole * on + min(on, length - whole * period)
        XCTAssertEqual(ink, expected, accuracy: expected * 0.01)
    }

    func testDashesContinueAcrossVertices() {
        let dash = DashPattern([4, 4])!
        let pieces = dash.split([Point(0, 0), Point(6, 0), Point(6, 10)])
        XCTAssertEqual(pieces.count, 2)
        XCTAssertEqual(pieces[1], [Point(6, 2), Point(6, 6)], "the second dash starts 2 px after the corner")
    }

    func testDashPatternRefusesWhatBreaksItsGuarantees() {
        XCTAssertNil(DashPattern([]))
        XCTAssertNil(DashPattern([1, -1]))
        XCTAssertNil(DashPattern([0, 0]))
        XCTAssertNil(DashPattern([1, .nan]))
        XCTAssertEqual(DashPattern([2])?.lengths, [2, 2], "odd patterns repeat to an even count")
    }

    func testSnappedOnePixelLinePutsAllItsInkInOneColumn() {
        for x in [30.0, 30.2, 30.49, 30.7] {
            let width = PixelSnap.width(1.11)
            let sx = PixelSnap.coordinate(x, width: width)
            let mask = strokeMask([Point(sx, 10), Point(sx, 40)], StrokeStyle(width: width, cap: .butt)!)!
            let columns = (25..<36).filter { c in (12..<38).contains { mask[c, $0] > 0 } }
            XCTAssertEqual(columns.count, 1, "x = \(x)")
            XCTAssertEqual(mask[columns[0], 20], 1, accuracy: 1e-6)
        }
    }

    func testMarkersStampIdenticallyAtWholePixels() {
        let stamp = MarkerStamp(shape: .star, size: 14, faceColor: .black, edgeColor: .black, edgeWidth: 1.4)
        var a = Canvas(width: 60, height: 60), b = Canvas(width: 60, height: 60)
        stamp.draw(on: &a, at: Point(20.2, 20.9))
        stamp.draw(on: &b, at: Point(30.7, 25.1))
        for y in 0..<40 { for x in 0..<40 { XCTAssertEqual(a[x, y], b[x + 10, y + 5]) } }
        XCTAssertEqual(a[20, 20], .black, "centred on the pixel that holds the point")
    }

    func testEveryMarkerShapeLeavesInk() {
        for shape in [MarkerShape.circle, .cross, .plus, .star, .square, .triangle, .triangleDown, .triangleLeft, .triangleRight] {
            let stamp = MarkerStamp(shape: shape, size: 10, faceColor: .black, edgeColor: .black, edgeWidth: 1)
            let ink = (stamp.face?.area ?? 0) + (stamp.edge?.area ?? 0)
            XCTAssertGreaterThan(ink, 8, "\(shape)")
        }
    }
}

final class CompositingTests: XCTestCase {
    func testHairlinesAreDrawnOnePixelWideAtReducedOpacity() {
        var canvas = Canvas(width: 40, height: 40)
        canvas.stroke([Point(5, 20.5), Point(35, 20.5)], style: StrokeStyle(width: 0.5)!, color: .black)
        XCTAssertEqual(Int(canvas[20, 20].r), 128, accuracy: 1, "half the ink of a 1-px line, in one row")
        XCTAssertEqual(canvas[20, 19], .white)
        XCTAssertEqual(canvas[20, 21], .white)
    }

    func testSourceOverUsesStraightAlphaScaledLinearlyByCoverage() {
        var canvas = Canvas(width: 4, height: 4)
        let mask = CoverageMask(bounds: PixelRect(x: 1, y: 1, width: 2, height: 1), values: [1, 0.5])
        canvas.composite(mask, color: Color(rgb: 0xFF7F0E).withAlpha(0.8))
        XCTAssertEqual(canvas[1, 1], Color(r: 255, g: 153, b: 62))
        // Coverage is kept in 8 bits (0.5 is level 128 of 255), so one level either way.
        let half = canvas[2, 1]
        XCTAssertEqual(half.r, 255)
        XCTAssertEqual(Int(half.g), 204, accuracy: 1)
        XCTAssertEqual(Int(half.b), 159, accuracy: 1)
        XCTAssertEqual(half.a, 255)
        XCTAssertEqual(canvas[0, 0], .white)
    }

    /// A fully covered run (blended four pixels at a time) gives each pixel what a mask of
    /// that pixel alone gives, and the exact blend within one level; pixels that are not
    /// opaque take the careful path.
    func testFullyCoveredRunsBlendAsSinglePixelsDo() {
        var seed: UInt32 = 7
        func next() -> UInt8 { seed = seed &* 1_664_525 &+ 1_013_904_223; return UInt8(seed >> 24) }
        var canvas = Canvas(width: 23, height: 3, background: .clear)
        for y in 0..<3 {
            for x in 0..<23 {
                // Random opaque colours; one pixel only half covered, so not opaque.
                let pixel = CoverageMask(bounds: PixelRect(x: x, y: y, width: 1, height: 1), values: [x == 7 && y == 1 ? 0.5 : 1])
                canvas.composite(pixel, color: Color(r: next(), g: next(), b: next()))
            }
        }
        let before = canvas
        XCTAssertLessThan(before[7, 1].a, 255)
        let color = Color(rgb: 0x1F77B4).withAlpha(0.8)
        let run = CoverageMask(bounds: PixelRect(x: 1, y: 0, width: 21, height: 3), values: [Float](repeating: 1, count: 63))
        canvas.composite(run, color: color)
        var single = before
        for y in 0..<3 {
            for x in 1..<22 {
                single.composite(CoverageMask(bounds: PixelRect(x: x, y: y, width: 1, height: 1), values: [1]), color: color)
            }
        }
        XCTAssertEqual(canvas.pixels, single.pixels)
        for y in 0..<3 {
            for x in 1..<22 where before[x, y].a == 255 {
                let (b, a) = (before[x, y], canvas[x, y])
                for (dst, src, got) in [(b.r, 0x1F, a.r), (b.g, 0x77, a.g), (b.b, 0xB4, a.b)] {
                    XCTAssertEqual(Double(got), 0.8 * Double(src) + 0.2 * Double(dst), accuracy: 1, "pixel \(x),\(y)")
                }
                XCTAssertEqual(a.a, 255)
            }
        }
        XCTAssertEqual(canvas[0, 1], before[0, 1], "outside the mask")
    }
}

final class RingTests: XCTestCase {
    func testClosedRectangleStrokeCoversAllFourSides() {
        var canvas = Canvas(width: 40, height: 40)
        canvas.stroke([Point(5.5, 5.5), Point(30.5, 5.5), Point(30.5, 30.5), Point(5.5, 30.5)],
                      style: StrokeStyle(width: 1, cap: .square, join: .miter)!, color: .black, closed: true)
        for i in 5...30 {
            XCTAssertEqual(canvas[i, 5], .black, "top \(i)")
            XCTAssertEqual(canvas[i, 30], .black, "bottom \(i)")
            XCTAssertEqual(canvas[5, i], .black, "left \(i)")
            XCTAssertEqual(canvas[30, i], .black, "right \(i)")
        }
        XCTAssertEqual(canvas[15, 15], .white)
    }
}
