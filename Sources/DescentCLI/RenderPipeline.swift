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
    let threads: Int
    let progress: Progress?
    /// The figure laid out once (by the command's check of every rate), redrawn by each worker.
    let figure: LessonFigure
    /// The fonts it was laid out with, for the first worker.
    let fonts: FontLibrary

    /// One thread's drawing kit: FreeType objects must not be shared between threads.
    private final class Worker {
        let renderer: FigureRenderer
        let figure: LessonFigure
        /// Reused for every frame this worker draws.
        var canvas: Canvas

        /// `fonts` when given (the command's, used by no other thread meanwhile), else new ones.
        init(layout: LessonFigure, scene: Scene, masks: MaskCache, fonts given: FontLibrary? = nil) throws {
            let fonts: FontLibrary
            do { fonts = try given ?? FontLibrary(extraFonts: scene.fonts) } catch { throw CLIError("\(error)") }
            renderer = FigureRenderer(style: Style(scale: scene.scale), fonts: fonts, masks: masks)
            figure = layout.drawn(by: renderer)
            canvas = Canvas(width: scene.pixelWidth, height: scene.pixelHeight)
        }

        /// Maps frames to the final palette on this worker's thread.
        var mapper: PaletteMapper?

        /// The frame for `moment`, in this worker's canvas (valid until its next render).
        func render(_ moment: Moment) throws -> Canvas {
            try renderer.render(figure.figure(for: moment), into: &canvas)
            return canvas
        }

        /// The frame for `moment` as palette indices, written into `indices`.
        func indexedFrame(_ moment: Moment, into indices: inout [UInt8]) throws {
            let frame = try render(moment)
            mapper!.indices(rgba: frame.pixels, into: &indices)
        }
    }

    /// Streams the GIF's bytes into `output`; returns the frame at `poster`, as PNG bytes,
    /// when one is asked for, and the layout export's JSON when `layout` is set.
    func render(output: @escaping ([UInt8]) throws -> Void, poster posterMoment: Moment?,
                framesDirectory: String?, layout: Bool = false)
        throws -> (poster: [UInt8]?, layout: [UInt8]?, fonts: [String]) {
        let keyframes = storyboard.timeline.keyframes
        // Room for about twice what one frame's masks take (6 bytes a pixel of frame; 4 MB
        // at least): enough that nothing a frame needs is drawn twice, small enough that
        // long animations do not pile up the masks of epochs long gone.
        let masks = MaskCache(budget: max(4 << 20, 6 * scene.pixelWidth * scene.pixelHeight))
        // The first worker takes over the fonts the figure was laid out with (FreeType faces
        // and their caches are a few megabytes a set); the others open their own.
        let workers = try (0..<max(1, min(threads, keyframes.count))).map { w in
            try Worker(layout: figure, scene: scene, masks: masks, fonts: w == 0 ? fonts : nil)
        }

        // Pass 1: every colour, counted per thread and summed; frames kept as runs of
        // colours while they fit in each thread's share of the recording budget.
        var counts = [PaletteBuilder](repeating: PaletteBuilder(), count: workers.count)
        let recorded = RecordedFrames(frames: keyframes.count, workers: workers.count)
        var posters = [[UInt8]?](repeating: nil, count: workers.count)
        var drawn = [[DrawnElement]](repeating: [], count: layout ? keyframes.count : 0)
        for worker in workers { worker.renderer.recording = layout }
        let lock = NSLock()
        try counts.withUnsafeMutableBufferPointer { countsBuffer in
          try drawn.withUnsafeMutableBufferPointer { drawnBuffer in
            try posters.withUnsafeMutableBufferPointer { posterBuffer in
                try Parallel.strided(count: keyframes.count, workers: workers.count) { w, i in
                    let moment = keyframes[i].state
                    let canvas = try workers[w].render(moment)
                    if layout { drawnBuffer[i] = workers[w].renderer.drawn }
                    recorded.count(canvas.pixels, frame: i, worker: w, into: &countsBuffer[w])
                    if moment == posterMoment { posterBuffer[w] = try RenderPipeline.png(canvas) }
                    if let framesDirectory {
                        let name = String(format: "frame_%03d_epoch%02d_%@.png", i, moment.epoch, moment.stage.rawValue)
                        try AtomicFile.write(try RenderPipeline.png(canvas),
                                             to: (framesDirectory as NSString).appendingPathComponent(name))
                    }
                    lock.lock(); progress?.advance(); lock.unlock()
                }
            }
          }
        }
        for worker in workers { worker.renderer.recording = false }
        let fontFiles = workers.reduce(into: Set<String>()) { $0.formUnion($1.renderer.fonts.usedFallbacks.map(\.description)) }
        let layoutJSON = layout ? try LayoutExport(storyboard: storyboard, figure: workers[0].figure, drawn: drawn,
                                                   fallbackFonts: fontFiles.sorted()).json() : nil
        var colors = PaletteBuilder()
        for c in counts { colors.merge(c) }

        // Pass 2: frames recorded in pass 1 mapped from their runs, the others drawn again,
        // on every thread, while earlier ones are encoded, in order, here.
        let palette = colors.build()
        let encoder = try GIFEncoder(width: scene.pixelWidth, height: scene.pixelHeight, palette: palette,
                                     loopCount: scene.loop, output: output)
        recorded.map(counts, to: palette)
        for worker in workers { worker.mapper = PaletteMapper(palette: palette) }
        let compressor = encoder.compressor
        let pool = BufferPool()
        let pixels = scene.pixelWidth * scene.pixelHeight
        try Parallel.pipeline(count: keyframes.count, width: workers.count,
                              produce: { slot, i in
                                  var indices = pool.take()
                                  if !recorded.indices(frame: i, pixels: pixels, into: &indices) {
                                      try workers[slot].indexedFrame(keyframes[i].state, into: &indices)
                                  }
                                  return indices
                              },
                              finish: { indices, previous in try compressor.compress(indices, after: previous) },
                              consume: { i, frame in
                                  try encoder.add(frame, delayCentiseconds: keyframes[i].delayCentiseconds)
                                  progress?.advance()
                              },
                              recycle: pool.give)
        try encoder.finish()
        guard posterMoment != nil else { return (nil, layoutJSON, fontFiles.sorted()) }
        guard let poster = posters.compactMap({ $0 }).first else { throw CLIError("internal error: no poster frame") }
        return (poster, layoutJSON, fontFiles.sorted())
    }

    static func png(_ canvas: Canvas) throws -> [UInt8] {
        try PNGFile.encode(RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!)
    }
}

/// Frame-sized buffers handed back when a frame is done and taken again for a later one,
/// so the few in flight are reused rather than each frame allocating its own.
final class BufferPool: @unchecked Sendable {
    private var free: [[UInt8]] = []
    private let lock = NSLock()

    /// A buffer from the pool, or an empty one to grow.
    func take() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? []
    }

    func give(_ buffer: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if free.count < 8 { free.append(buffer) }
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
