import Chart
import Descent
import Foundation
import GIF
import PNG
import Raster
import Typeset

/// Wires one render: lesson -> storyboard -> keyframes -> figures -> canvases -> GIF.
///
/// Frames are drawn twice — once to choose the palette from every colour the animation
/// uses, once to encode — so no frame is ever held beyond the one being encoded.
struct RenderPipeline {
    let lesson: Lesson
    let storyboard: Storyboard
    let scale: Double
    let loopCount: Int
    let outputPath: String
    let framesDirectory: String?

    static let baseWidth = 800
    static let baseHeight = 600

    func run() throws {
        let fonts: FontLibrary
        do { fonts = try FontLibrary() } catch { throw CLIError("\(error)") }
        let renderer = FigureRenderer(style: Style(scale: scale), fonts: fonts)
        let width = Int((Double(RenderPipeline.baseWidth) * scale).rounded())
        let height = Int((Double(RenderPipeline.baseHeight) * scale).rounded())
        let figure = try LessonFigure(lesson: lesson, widthPixels: width, heightPixels: height,
                                      scale: scale, renderer: renderer)
        let keyframes = storyboard.timeline.keyframes

        var colors = PaletteBuilder()
        for (i, keyframe) in keyframes.enumerated() {
            let canvas = try renderer.render(figure.figure(for: keyframe.state))
            colors.add(rgba: canvas.pixels)
            if let framesDirectory {
                let name = String(format: "frame_%03d_epoch%02d_%@.png", i, keyframe.state.epoch,
                                  keyframe.state.stage.rawValue)
                let image = RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!
                try AtomicFile.write(try PNGFile.encode(image),
                                     to: (framesDirectory as NSString).appendingPathComponent(name))
            }
        }

        let file = try AtomicFile(path: outputPath)
        let encoder = try GIFEncoder(width: width, height: height, palette: colors.build(),
                                     loopCount: loopCount, output: file.write)
        for keyframe in keyframes {
            let canvas = try renderer.render(figure.figure(for: keyframe.state))
            try encoder.add(rgba: canvas.pixels, delayCentiseconds: keyframe.delayCentiseconds)
        }
        try encoder.finish()
        try file.commit()
    }
}
