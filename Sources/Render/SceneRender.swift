import Chart
import Descent
import Foundation
import Typeset

/// What a render writes besides the GIF, and how.
public struct RenderOptions {
    /// The lesson's numbers and stage times as JSON.
    public var transcript: String?
    /// A still PNG of the last keyframe, or of `posterMoment`.
    public var poster: String?
    public var posterMoment: Moment?
    /// An HTML snippet embedding the GIF (with a poster beside it when `poster` is nil).
    public var html: String?
    /// Every keyframe as a PNG in this folder.
    public var framesDirectory: String?
    /// Threads drawing frames; the bytes are the same for any number.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Render in memory and compare with the existing files instead of writing.
    public var check = false
    /// For each GIF about to be made, its file name and the number of steps; returns what
    /// to call after each step (nil: no progress).
    /// Steps come from one thread at a time, not always the same one.
    public var progress: ((_ gif: String, _ steps: Int) -> (@Sendable () -> Void)?)?
    /// Warnings for the person at the terminal (characters no font has, when allowed).
    public var warning: ((String) -> Void)?

    public init() {}
}

/// A scene rendered to its files: the GIF (one per learning rate), and the transcript,
/// poster, HTML snippet, layout export and keyframes the options ask for. Every figure is
/// laid out and every label checked before anything is written.
///
/// ```swift
/// var scene = Scene()                      // the notebook's lesson
/// scene.output = "Output/gradient_descent.gif"
/// try SceneRender(scene: scene).run()
/// ```
public struct SceneRender {
    public let scene: Scene
    public let options: RenderOptions
    private let figures: [LessonFigure]
    private let fonts: FontLibrary

    /// Validates `scene` and lays out its figures; throws `RenderError` naming what is
    /// wrong (a scene value, a size too small, a character no font has).
    public init(scene: Scene, options: RenderOptions = RenderOptions()) throws {
        self.scene = scene
        self.options = options
        guard (1...64).contains(options.threads) else {
            throw RenderError.threadsOutOfRange(options.threads)
        }
        let labels: FigureLabels
        do {
            try scene.validate()
            labels = try scene.labels()
        } catch let error as SceneError {
            throw RenderError.scene(error)
        }
        do { fonts = try FontLibrary(extraFonts: scene.fonts) } catch let error as TypesetError { throw RenderError.fonts(error) }
        try SceneRender.checkGlyphs(labels, scene: scene, fonts: fonts, options: options)
        let renderer = FigureRenderer(style: Style(scale: scene.scale), fonts: fonts)
        figures = try scene.learningRates.map { rate in
            let lessons: [Lesson]
            do { lessons = try scene.lessons(rate: rate) } catch let error as SceneError { throw RenderError.scene(error) }
            do {
                return try LessonFigure(race: lessons, show: scene.pacing.show, widthPixels: scene.pixelWidth, heightPixels: scene.pixelHeight,
                                        labels: labels, limits: scene.figureLimits, renderer: renderer)
            } catch let error as SceneError {
                // A size too small: named where the size came from.
                throw RenderError.scene(scene.sceneError(error))
            }
        }
        try SceneRender.checkLengths(figures, scene: scene, options: options)
    }

    /// A figure's storyboard: a race shows one keyframe an epoch (six staged reveals per run
    /// would not read).
    static func storyboard(_ figure: LessonFigure, scene: Scene) -> Storyboard {
        figure.runs.isEmpty ? Storyboard(lesson: figure.lesson, pacing: scene.pacing)
                            : Storyboard.race(lesson: figure.lesson, pacing: scene.pacing)
    }

    /// Every GIF's length, before anything is written: longer than `max_seconds` is an error,
    /// longer than ten minutes a warning that says how to shorten it.
    private static func checkLengths(_ figures: [LessonFigure], scene: Scene, options: RenderOptions) throws {
        for (rate, figure) in zip(scene.learningRates, figures) {
            let seconds = storyboard(figure, scene: scene).totalSeconds
            let name = (Outputs(scene: scene, rate: rate, options: options).gif as NSString).lastPathComponent
            if let limit = scene.maxSeconds, seconds > limit {
                throw RenderError.scene(SceneError(field: "max_seconds", problem: "\(name) would last \(Storyboard.clock(seconds)) "
                    + "(\(Int(seconds.rounded())) s), more than \(LessonFigure.exactText(limit)) s; --detailed N, --show LIST or "
                    + "--speed F make a long lesson shorter", origin: scene.origin(of: "max_seconds")))
            }
            if seconds > 600 {
                options.warning?("\(name) lasts \(Storyboard.clock(seconds)) (\(Int(seconds.rounded())) s); --detailed N (the "
                                 + "first N epochs staged, the rest one keyframe each) or --show LIST (only some epochs) make it shorter")
            }
        }
    }

    /// Every character of every label must be in some font: DejaVu Sans, the fonts named
    /// (`fonts`, `--font`) or the system's. Else an error naming the character and the
    /// label (a warning when the scene allows missing glyphs).
    private static func checkGlyphs(_ labels: FigureLabels, scene: Scene, fonts: FontLibrary,
                                    options: RenderOptions) throws {
        for (key, text) in labels.all {
            let layout: TextLayout
            do { layout = try TextLayout.label(text, library: fonts, sizePixels: Style(scale: 1).fontSize) } catch { continue }
            guard let first = layout.missing.first else { continue }
            let code = String(format: "U+%04X", first.value)
            let problem = "'\(text)' has \(code) (\(Character(first))), which no font has: not DejaVu Sans in "
                + "Fonts/, not the fonts named with `fonts:` or --font, not the system's (fontconfig). Install a font "
                + "that has it (for Chinese, Japanese or Korean: apt-get install fonts-noto-cjk) or name its file with "
                + "--font PATH; --allow-missing-glyphs draws it as an empty box instead"
            if scene.allowMissingGlyphs {
                options.warning?("\(key): " + problem)
            } else {
                throw RenderError.scene(SceneError(field: key, problem: problem, origin: scene.origin(of: key)))
            }
        }
    }

    /// Renders every learning rate's outputs. Writes them (each atomically), or with
    /// `options.check` writes nothing and returns the paths whose bytes differ.
    @discardableResult
    public func run() throws -> [String] {
        var stale: [String] = []
        for (rate, figure) in zip(scene.learningRates, figures) {
            let storyboard = SceneRender.storyboard(figure, scene: scene)
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            let step = options.progress?((outputs.gif as NSString).lastPathComponent, 2 * storyboard.timeline.keyframes.count)
            let pipeline = RenderPipeline(storyboard: storyboard, scene: scene, threads: options.threads, progress: step,
                                          figure: figure, fonts: fonts)
            var files: [(path: String, bytes: [UInt8])] = []
            // The poster is drawn only when a file wants it.
            if let asked = options.posterMoment, !storyboard.stages.contains(asked.stage) {
                throw RenderError.scene(SceneError(field: "--poster-stage", problem: "a race shows only each epoch's update; "
                                                   + "use EPOCH:update (got \(asked.epoch):\(asked.stage.rawValue))"))
            }
            let posterMoment = outputs.poster == nil ? nil : options.posterMoment ?? storyboard.timeline.keyframes.last!.state
            let rendered: (poster: [UInt8]?, layout: [UInt8]?, fonts: [String])
            if options.check {
                var gif: [UInt8] = []
                rendered = try pipeline.render(output: { gif += $0 }, poster: posterMoment, framesDirectory: nil,
                                               layout: outputs.layout != nil)
                files.append((outputs.gif, gif))
            } else {
                // Streamed to disk as it is encoded; renamed into place only when complete.
                let file = try AtomicFile(path: outputs.gif)
                rendered = try pipeline.render(output: file.write, poster: posterMoment,
                                               framesDirectory: options.framesDirectory, layout: outputs.layout != nil)
                try file.commit()
            }
            if let path = outputs.layout, let json = rendered.layout {
                files.append((path, json))
            }
            if let path = outputs.transcript {
                var transcript = Transcript(storyboard: storyboard, fallbackFonts: rendered.fonts)
                if !figure.runs.isEmpty { transcript.runs = figure.runs.map { Transcript.Run($0) } }
                files.append((path, try transcript.json()))
            }
            if let path = outputs.poster, let png = rendered.poster {
                files.append((path, png))
            }
            if let path = outputs.html, let posterPath = outputs.poster {
                var snippet = HTMLSnippet(storyboard: storyboard, gifSource: relativePath(outputs.gif, from: path),
                                          posterSource: relativePath(posterPath, from: path),
                                          width: scene.pixelWidth, height: scene.pixelHeight)
                snippet.runs = figure.runs
                files.append((path, Array(snippet.html.utf8)))
            }
            for file in files {
                if options.check {
                    let existing = FileManager.default.contents(atPath: file.path)
                    if existing.map({ Array($0) != file.bytes }) ?? true { stale.append(file.path) }
                } else {
                    try AtomicFile.write(file.bytes, to: file.path)
                }
            }
        }
        return stale
    }

    /// The file names one rate's render writes.
    struct Outputs {
        let gif: String
        let transcript: String?
        let poster: String?
        let html: String?
        let layout: String?

        init(scene: Scene, rate: LearningRate, options: RenderOptions) {
            gif = scene.outputPath(rate: rate)
            let suffix = scene.fileSuffix(rate: rate)
            func named(_ path: String?) -> String? { path.map { suffix.isEmpty ? $0 : Scene.path($0, suffix: suffix) } }
            transcript = named(options.transcript)
            html = named(options.html)
            layout = named(scene.layout)
            // An HTML snippet needs a poster; without one asked for it sits beside the GIF.
            poster = named(options.poster) ?? (options.html != nil ? Scene.path(gif, suffix: "_poster", extension: "png") : nil)
        }
    }
}

/// `target` as a path relative to the folder of `file` (both relative to the working
/// directory or both absolute).
func relativePath(_ target: String, from file: String) -> String {
    let base = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.pathComponents
    let goal = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
    var common = 0
    while common < min(base.count, goal.count) && base[common] == goal[common] { common += 1 }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + goal[common...]).joined(separator: "/")
}
