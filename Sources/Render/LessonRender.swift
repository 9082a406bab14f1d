import Chart
import Descent
import Foundation
import GIF
import PNG
import Raster
import Typeset

/// Wires one render: lesson -> storyboard -> keyframes -> figures -> canvases -> GIF.
///
/// The frames go to `GIF`'s two-pass `AnimationEncoder`; here they are drawn, on several
/// threads, each with its own fonts and renderer (FreeType is not thread-safe).
struct RenderPipeline {
    let storyboard: Storyboard
    let scene: Scene
    let threads: Int
    /// Called once per frame per pass.
    let progress: (@Sendable () -> Void)?
    /// The figure laid out once (by the command's check of every rate), redrawn by each worker.
    let figure: LessonFigure
    /// The fonts it was laid out with, for the first worker.
    let fonts: FontLibrary

    /// One thread's drawing kit: FreeType objects must not be shared between threads.
    ///
    /// Unchecked because it wraps C handles (FreeType faces and their caches, through the
    /// renderer's fonts) that the compiler cannot see into. It is safe because the encoder
    /// gives each worker number to one thread at a time (`FrameSource`'s contract), and
    /// worker w only ever draws with workers[w]; the pass's join orders the last draw before
    /// the caller reads `renderer.drawn` or the fonts used.
    private final class Worker: @unchecked Sendable {
        let renderer: FigureRenderer
        let figure: LessonFigure
        /// Reused for every frame this worker draws, in turn: the frame before stays
        /// untouched while the encoder compares the next one with it.
        var canvases: [Canvas]
        var turn = 0

        /// `fonts` when given (the command's, used by no other thread meanwhile), else new ones.
        init(figure: LessonFigure, scene: Scene, masks: MaskCache, fonts given: FontLibrary? = nil) throws {
            let fonts: FontLibrary
            do { fonts = try given ?? FontLibrary(extraFonts: scene.fonts) } catch let error as TypesetError { throw RenderError.fonts(error) }
            renderer = FigureRenderer(style: scene.style, fonts: fonts, masks: masks)
            self.figure = figure
            canvases = [Canvas(width: scene.pixelWidth, height: scene.pixelHeight),
                        Canvas(width: scene.pixelWidth, height: scene.pixelHeight)]
        }

        /// The frame for `moment`, in one of this worker's canvases (valid until its render after next).
        func render(_ moment: Moment) throws -> Canvas {
            turn = 1 - turn
            try renderer.render(figure.figure(for: moment, renderer: renderer), into: &canvases[turn])
            return canvases[turn]
        }
    }

    /// The keyframes as a frame source: worker w draws with workers[w]; all but the first
    /// are made on their own thread the first time they draw (opening their fonts while
    /// the first worker draws).
    private final class Frames: FrameSource {
        let moments: [Moment]
        let width: Int
        let height: Int
        var frameCount: Int { moments.count }
        private let made: Shared<[Worker?]>
        private let make: @Sendable () throws -> Worker

        /// `first` is worker 0; `make()` makes each of the others.
        init(first: Worker, workers: Int, moments: [Moment], width: Int, height: Int, make: @escaping @Sendable () throws -> Worker) {
            self.moments = moments
            self.width = width
            self.height = height
            self.made = Shared([first] + [Worker?](repeating: nil, count: workers - 1))
            self.make = make
        }

        /// Worker `w`, made now if it has not been (only on `w`'s thread).
        func worker(_ w: Int) throws -> Worker {
            if let worker = made.withLock({ $0[w] }) { return worker }
            let worker = try make()
            made.withLock { $0[w] = worker }
            return worker
        }

        /// Every worker made so far.
        var workers: [Worker] { made.value.compactMap { $0 } }

        func rgba(frame index: Int, worker: Int) throws -> [UInt8] {
            try self.worker(worker).render(moments[index]).pixels
        }
    }

    /// Streams the GIF's bytes into `output`; hands each keyframe as PNG bytes to `frame`
    /// (with its index, from any thread) when given; returns the frame at `poster`, as PNG
    /// bytes, when one is asked for, the layout export's JSON when `layout` is set, and the
    /// fallback font files used.
    func render(output: @escaping ([UInt8]) throws -> Void, poster posterMoment: Moment?,
                frame: (@Sendable (_ index: Int, _ png: [UInt8]) throws -> Void)?, layout: Bool = false,
                fingerprint: Fingerprint? = nil, posterFingerprint: Fingerprint? = nil)
        throws -> (poster: [UInt8]?, layout: [UInt8]?, fonts: [String]) {
        // The poster's own fingerprint adds its moment to what makes the GIF.
        let posterFingerprint = posterFingerprint ?? fingerprint
        let keyframes = storyboard.timeline.keyframes
        // Room for about twice what one frame's masks take (6 bytes a pixel of frame; 4 MB
        // at least): enough that nothing a frame needs is drawn twice, small enough that
        // long animations do not pile up the masks of epochs long gone.
        let masks = MaskCache(budget: max(4 << 20, 6 * scene.pixelWidth * scene.pixelHeight))
        // The first worker takes over the fonts the figure was laid out with (FreeType faces
        // and their caches are a few megabytes a set); the others open their own.
        let workers = max(1, min(threads, keyframes.count))
        let first = try Worker(figure: figure, scene: scene, masks: masks, fonts: fonts)
        first.renderer.recording = layout
        let (figure, scene) = (self.figure, self.scene)
        let frames = Frames(first: first, workers: workers, moments: keyframes.map(\.state),
                            width: scene.pixelWidth, height: scene.pixelHeight) {
            let worker = try Worker(figure: figure, scene: scene, masks: masks)
            worker.renderer.recording = layout
            return worker
        }
        // What the first pass keeps beside the colours: each slot written by one thread.
        let poster = Shared<[UInt8]?>(nil)
        let drawn = Shared([[DrawnElement]](repeating: [], count: layout ? keyframes.count : 0))
        var encoder = AnimationEncoder(workers: workers, delays: keyframes.map(\.delayCentiseconds),
                                       loopCount: scene.loop)
        encoder.comment = fingerprint?.description
        encoder.transparent = scene.background == .none
        let (width, height) = (scene.pixelWidth, scene.pixelHeight)
        encoder.firstPass = { i, w, rgba in
            let moment = keyframes[i].state
            if layout {
                let elements = try frames.worker(w).renderer.drawn
                drawn.withLock { $0[i] = elements }
            }
            if moment == posterMoment {
                var png = try RenderPipeline.png(rgba, width: width, height: height)
                if let posterFingerprint {
                    png = PNGFile.addingText(png, keyword: "descent-fingerprint", text: posterFingerprint.description)
                }
                poster.withLock { [png] in $0 = png }
            }
            if let frame {
                try frame(i, try RenderPipeline.png(rgba, width: width, height: height))
            }
        }
        encoder.progress = progress
        try encoder.encode(frames, output: output)
        let made = frames.workers
        for worker in made { worker.renderer.recording = false }
        let fontFiles = made.reduce(into: Set<String>()) { $0.formUnion($1.renderer.fonts.usedFallbacks.map(\.description)) }
        var export = layout ? LayoutExport(storyboard: storyboard, figure: figure, renderer: made[0].renderer, drawn: drawn.value,
                                           fallbackFonts: fontFiles.sorted()) : nil
        export?.fingerprint = fingerprint?.description
        let layoutJSON = try export?.json()
        guard posterMoment != nil else { return (nil, layoutJSON, fontFiles.sorted()) }
        guard let posterPNG = poster.value else { throw RenderError.internalError("no poster frame") }
        return (posterPNG, layoutJSON, fontFiles.sorted())
    }

    static func png(_ rgba: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        do { return try PNGFile.encode(RGBAImage(width: width, height: height, pixels: rgba)!) } catch let error as PNGError {
            throw RenderError.png(error)
        }
    }
}
