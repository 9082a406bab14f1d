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
/// uses, once to encode — so no frame is held beyond the few being encoded. Both passes
/// draw frames on several threads, each with its own fonts and renderer; frames are
/// encoded strictly in order, so the bytes do not depend on the number of threads.
struct RenderPipeline {
    let storyboard: Storyboard
    let scene: Scene
    let labels: FigureLabels
    let threads: Int
    let progress: Progress?

    /// One thread's drawing kit: FreeType objects must not be shared between threads.
    private final class Worker {
        let renderer: FigureRenderer
        let figure: LessonFigure
        /// Reused for every frame this worker draws.
        var canvas: Canvas

        init(storyboard: Storyboard, scene: Scene, labels: FigureLabels) throws {
            let fonts: FontLibrary
            do { fonts = try FontLibrary() } catch { throw CLIError("\(error)") }
            renderer = FigureRenderer(style: Style(scale: scene.scale), fonts: fonts)
            figure = try LessonFigure(lesson: storyboard.lesson, widthPixels: scene.pixelWidth,
                                      heightPixels: scene.pixelHeight, labels: labels, renderer: renderer)
            canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
        }

        /// Maps frames to the final palette on this worker's thread.
        var mapper: PaletteMapper?

        /// The frame for `moment`, in this worker's canvas (valid until its next render).
        func render(_ moment: Moment) throws -> Canvas {
            try renderer.render(figure.figure(for: moment), into: &canvas)
            return canvas
        }

        /// The frame for `moment` as palette indices.
        func indexedFrame(_ moment: Moment) throws -> [UInt8] {
            let frame = try render(moment)
            return mapper!.indices(rgba: frame.pixels, width: frame.width, dither: .none)
        }
    }

    /// Streams the GIF's bytes into `output` and returns the canvas at `posterAt` (the last
    /// keyframe when nil).
    func render(output: @escaping ([UInt8]) throws -> Void, posterAt: Moment?, framesDirectory: String?) throws -> Canvas {
        let keyframes = storyboard.timeline.keyframes
        let workers = try (0..<max(1, min(threads, keyframes.count))).map { _ in
            try Worker(storyboard: storyboard, scene: scene, labels: labels)
        }
        let posterMoment = posterAt ?? keyframes[keyframes.count - 1].state

        // Pass 1: every colour, counted per thread and summed.
        var counts = [PaletteBuilder](repeating: PaletteBuilder(), count: workers.count)
        var posters = [Canvas?](repeating: nil, count: workers.count)
        let lock = NSLock()
        try counts.withUnsafeMutableBufferPointer { countsBuffer in
            try posters.withUnsafeMutableBufferPointer { posterBuffer in
                try Parallel.strided(count: keyframes.count, workers: workers.count) { w, i in
                    let moment = keyframes[i].state
                    let canvas = try workers[w].render(moment)
                    countsBuffer[w].add(rgba: canvas.pixels)
                    if moment == posterMoment { posterBuffer[w] = canvas }
                    if let framesDirectory {
                        let name = String(format: "frame_%03d_epoch%02d_%@.png", i, moment.epoch, moment.stage.rawValue)
                        try AtomicFile.write(try RenderPipeline.png(canvas),
                                             to: (framesDirectory as NSString).appendingPathComponent(name))
                    }
                    lock.lock(); progress?.advance(); lock.unlock()
                }
            }
        }
        var colors = PaletteBuilder()
        for c in counts { colors.merge(c) }

        // Pass 2: frames drawn on every thread while earlier ones are encoded, in order, here.
        let palette = colors.build()
        let encoder = try GIFEncoder(width: scene.pixelWidth, height: scene.pixelHeight, palette: palette,
                                     loopCount: scene.loop, output: output)
        for worker in workers { worker.mapper = PaletteMapper(palette: palette) }
        let compressor = encoder.compressor
        try Parallel.pipeline(count: keyframes.count, width: workers.count,
                              produce: { slot, i in try workers[slot].indexedFrame(keyframes[i].state) },
                              finish: { indices, previous in try compressor.compress(indices, after: previous) },
                              consume: { i, frame in
                                  try encoder.add(frame, delayCentiseconds: keyframes[i].delayCentiseconds)
                                  progress?.advance()
                              })
        try encoder.finish()
        guard let poster = posters.compactMap({ $0 }).first else { throw CLIError("internal error: no poster frame") }
        return poster
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
