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
/// uses, once to encode — so no frame is held beyond the one being encoded.
struct RenderPipeline {
    let storyboard: Storyboard
    let scene: Scene
    let labels: FigureLabels
    let progress: Progress?

    /// Streams the GIF's bytes into `output` and returns the canvas at `posterAt` (the last
    /// keyframe when nil).
    func render(output: @escaping ([UInt8]) throws -> Void, posterAt: Moment?, framesDirectory: String?) throws -> Canvas {
        let fonts: FontLibrary
        do { fonts = try FontLibrary() } catch { throw CLIError("\(error)") }
        let renderer = FigureRenderer(style: Style(scale: scene.scale), fonts: fonts)
        let width = scene.pixelWidth, height = scene.pixelHeight
        let figure = try LessonFigure(lesson: storyboard.lesson, widthPixels: width, heightPixels: height,
                                      labels: labels, renderer: renderer)
        let keyframes = storyboard.timeline.keyframes
        let posterMoment = posterAt ?? keyframes[keyframes.count - 1].state
        var poster: Canvas?

        var colors = PaletteBuilder()
        for (i, keyframe) in keyframes.enumerated() {
            let canvas = try renderer.render(figure.figure(for: keyframe.state))
            colors.add(rgba: canvas.pixels)
            if keyframe.state == posterMoment { poster = canvas }
            if let framesDirectory {
                let name = String(format: "frame_%03d_epoch%02d_%@.png", i, keyframe.state.epoch,
                                  keyframe.state.stage.rawValue)
                try AtomicFile.write(try RenderPipeline.png(canvas), to: (framesDirectory as NSString).appendingPathComponent(name))
            }
            progress?.advance()
        }

        let encoder = try GIFEncoder(width: width, height: height, palette: colors.build(),
                                     loopCount: scene.loop, output: output)
        for keyframe in keyframes {
            let canvas = try renderer.render(figure.figure(for: keyframe.state))
            try encoder.add(rgba: canvas.pixels, delayCentiseconds: keyframe.delayCentiseconds)
            progress?.advance()
        }
        try encoder.finish()
        return poster!
    }

    static func png(_ canvas: Canvas) throws -> [UInt8] {
        try PNGFile.encode(RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!)
    }
}

/// A progress bar on standard error, drawn only at a terminal.
final class Progress {
    private let total: Int
    private let label: String
    private var done = 0
    private var lastDrawn = -1

    init?(total: Int, label: String, quiet: Bool) {
        guard !quiet, isatty(2) == 1, total > 0 else { return nil }
        self.total = total
        self.label = label
    }

    func advance() {
        done += 1
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardErrorWrite("\r\(label) \(bar) \(percent)%")
        if done == total { FileHandle.standardErrorWrite("\r\u{1B}[K") }
    }
}
