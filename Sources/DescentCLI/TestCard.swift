import ArgumentParser
import PNG
import Raster
import Render
import Typeset

/// Draws every Raster primitive at 1× and 3× into one PNG, for a person to inspect.
struct TestCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "testcard",
        abstract: "Draw every rasterizer primitive at 1× and 3× into a PNG, to inspect by eye.",
        discussion: """
        Rows: stroke widths 0.5 to 8 px; caps butt, round, square; joins miter, round, bevel; matplotlib's dashed and dotted presets; markers; fills at quarter-pixel offsets; snapped and unsnapped 1-px lines; a 50 % alpha polyline with sharp joints.

        Example:
          descent testcard -o Output/testcard.png
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PNG.", valueName: "path"))
    var output = "Output/testcard.png"

    func run() throws {
        let fonts: FontLibrary
        fonts = try FontLibrary()
        let baseWidth = 420.0, baseHeight = 330.0
        var canvas = Canvas(width: Int(baseWidth * 4) + 30, height: Int(baseHeight * 3) + 20)
        try TestCard(scale: 1, origin: Point(10, 10), fonts: fonts).draw(on: &canvas)
        try TestCard(scale: 3, origin: Point(baseWidth + 20, 10), fonts: fonts).draw(on: &canvas)
        let image = RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!
        try AtomicFile.write(try PNGFile.encode(image), to: output)
        print(output)
    }
}

struct TestCard {
    let scale: Double
    let origin: Point
    let fonts: FontLibrary

    private func p(_ x: Double, _ y: Double) -> Point { Point(origin.x + x * scale, origin.y + y * scale) }

    private func label(_ text: String, _ x: Double, _ y: Double, on canvas: inout Canvas) throws {
        let font = try fonts.font(sizePixels: 9 * scale)
        TextRenderer.draw(TextLayout(text, font: font), on: &canvas, at: p(x, y), color: .black)
    }

    func draw(on canvas: inout Canvas) throws {
        let blue = Color(rgb: 0x1F77B4), orange = Color(rgb: 0xFF7F0E), red = Color(rgb: 0xD62728)

        try label("widths 0.5 1 1.5 2 3 5 8", 0, 10, on: &canvas)
        for (i, width) in [0.5, 1, 1.5, 2, 3, 5, 8].enumerated() {
            let x = 10 + Double(i) * 22
            canvas.stroke([p(x, 18), p(x + 14, 48)], style: StrokeStyle(width: width * scale, cap: .butt)!, color: .black)
        }

        try label("caps b r s", 185, 10, on: &canvas)
        for (i, cap) in [LineCap.butt, .round, .square].enumerated() {
            let y = 22 + Double(i) * 13
            canvas.stroke([p(195, y), p(260, y)], style: StrokeStyle(width: 8 * scale, cap: cap)!, color: blue)
            canvas.stroke([p(195, y), p(260, y)], style: StrokeStyle(width: 1)!, color: .white)
        }

        try label("joins m r b", 285, 10, on: &canvas)
        for (i, join) in [LineJoin.miter, .round, .bevel].enumerated() {
            let x = 285 + Double(i) * 45
            canvas.stroke([p(x, 50), p(x + 12, 20), p(x + 24, 50)],
                          style: StrokeStyle(width: 7 * scale, cap: .butt, join: join, miterLimit: 10)!, color: orange)
        }

        try label("dashed [3.7, 1.6]×lw, dotted [1, 1.65]×lw, lw 2.08", 0, 72, on: &canvas)
        let lw = 2.08 * scale
        canvas.stroke([p(10, 82), p(200, 82)], style: StrokeStyle(width: lw, dash: .dashed(lineWidth: lw))!, color: .black)
        canvas.stroke([p(10, 92), p(200, 92)], style: StrokeStyle(width: lw, dash: .dotted(lineWidth: lw))!, color: .black)
        canvas.stroke([p(210, 95), p(260, 78), p(300, 95), p(400, 80)],
                      style: StrokeStyle(width: lw, dash: .dashed(lineWidth: lw))!, color: red)

        try label("markers o x + * s ^ (size 10, edge 1.4)", 0, 118, on: &canvas)
        for (i, shape) in [MarkerShape.circle, .cross, .plus, .star, .square, .triangle].enumerated() {
            let stamp = MarkerStamp(shape: shape, size: 10 * scale, faceColor: blue, edgeColor: .black, edgeWidth: 1.4 * scale)
            stamp.draw(on: &canvas, at: p(15 + Double(i) * 25, 135))
        }

        try label("fills at x + 0, .25, .5, .75", 180, 118, on: &canvas)
        for (i, offset) in [0.0, 0.25, 0.5, 0.75].enumerated() {
            let x = 190 + Double(i) * 25 + offset
            canvas.fill(.rectangle(Rect(minX: p(x, 125).x, minY: p(x, 125).y, maxX: p(x + 6.5, 0).x, maxY: p(0, 131.5).y)), color: .black)
            canvas.fill(.circle(center: p(x + 3, 142), radius: 3.3 * scale), color: blue)
        }

        try label("1-px lines at x + 0.3: snapped (left), unsnapped (right)", 0, 170, on: &canvas)
        for i in 0..<5 {
            let x = p(10 + Double(i) * 8, 0).x + 0.3
            let snapped = PixelSnap.coordinate(x, width: 1)
            canvas.stroke([Point(snapped, p(0, 178).y), Point(snapped, p(0, 210).y)], style: StrokeStyle(width: 1)!, color: .black)
            canvas.stroke([Point(x + 60 * scale, p(0, 178).y), Point(x + 60 * scale, p(0, 210).y)],
                          style: StrokeStyle(width: 1)!, color: .black)
        }

        try label("50 % alpha polyline, width 6, miter joins: no darker joints", 0, 232, on: &canvas)
        canvas.stroke([p(10, 300), p(60, 245), p(90, 310), p(140, 250), p(170, 300), p(400, 260)],
                      style: StrokeStyle(width: 6 * scale, join: .miter, miterLimit: 10)!, color: Color.black.withAlpha(0.5))
    }
}
