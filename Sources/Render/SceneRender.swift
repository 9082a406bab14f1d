import Chart
import Descent
import Foundation
import PNG
import GIF
import Typeset
import WebP

/// What a render writes besides the GIF, and how.
public struct RenderOptions {
    /// The lesson's numbers and stage times as JSON.
    public var transcript: String?
    /// A still PNG of the last keyframe, or of `posterMoment`.
    public var poster: String?
    public var posterMoment: Moment?
    /// An HTML snippet embedding the GIF (with a poster beside it when `poster` is nil).
    public var html: String?
    /// An animated WebP of the GIF's very pixels, lossless, with its delays and loop (the
    /// snippet offers it first).
    public var webp: String?
    /// Every keyframe as a PNG in this folder.
    public var framesDirectory: String?
    /// Threads drawing frames; the bytes are the same for any number.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Compare with the existing files instead of writing: each output's fingerprint
    /// (``Fingerprint``) against the one this render would give; nothing is drawn.
    public var check = false
    /// With `check`: also draw, and compare what the GIFs, posters and frames show (decoded
    /// pixels and delays) and the text outputs' bytes.
    public var pixels = false
    /// For each GIF about to be made, its file name and the number of steps; returns what
    /// to call after each step (nil: no progress).
    /// Steps come from one thread at a time, not always the same one.
    public var progress: ((_ gif: String, _ steps: Int) -> (@Sendable () -> Void)?)?
    /// Warnings for the person at the terminal (characters no font has, when allowed).
    public var warning: ((String) -> Void)?
    /// How messages name options and settings: the library's names unless a program (the
    /// command line) gives its own.
    public var naming: @Sendable (RenderName) -> String = { $0.libraryName }

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
    /// Each figure's storyboard, made once.
    private let storyboards: [Storyboard]
    private let fonts: FontLibrary
    /// Each rate's fingerprint of what makes its GIF, which the GIF, its WebP, transcript,
    /// layout export and frames carry: so a `--check` of any of them is fresh after a render
    /// that also wrote a poster or a snippet.
    public let fingerprints: [Fingerprint]
    /// The poster's, which adds its moment; the snippet's, which adds the poster's moment and
    /// the links it writes.
    private let posterFingerprints: [Fingerprint]
    private let snippetFingerprints: [Fingerprint]
    /// The scene in each of its other themes (`alsoThemes`), writing `-THEME` outputs: its
    /// GIF, WebP, layout and poster (for the page), committed with this render's.
    private let companions: [SceneRender]

    /// Validates `scene` and lays out its figures; throws `RenderError` naming what is
    /// wrong (a scene value, a size too small, a character no font has).
    public init(scene: Scene, options: RenderOptions = RenderOptions()) throws {
        self.scene = scene
        self.options = options
        guard (1...64).contains(options.threads) else {
            throw RenderError.threadsOutOfRange(options.threads)
        }
        if !scene.alsoThemes.isEmpty, scene.output == "-" {
            throw RenderError.scene(SceneError(field: "theme", problem: "several themes write a GIF each; give the output a file name",
                                               origin: scene.origin(of: "theme")))
        }
        companions = try scene.alsoThemes.map { other in
            var more = options
            more.transcript = nil
            more.html = nil
            more.framesDirectory = nil
            more.webp = options.webp.map { Scene.themedPath($0, other) }
            // The page's poster in that theme, named as this render's is.
            more.poster = (options.poster ?? options.html.map { _ in Scene.path(scene.output, suffix: "_poster", extension: "png") })
                .map { Scene.themedPath($0, other) }
            return try SceneRender(scene: scene.themed(other), options: more)
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
        // The font files' hashes (for the fingerprints) are read while the figures are laid
        // out: DejaVu Sans's faces, the fonts named, and those the labels needed from the
        // system (found by the glyph check above).
        let library = fonts
        func files() -> Set<String> {
            Set(FontStyle.allCases.map { (library.directory as NSString).appendingPathComponent($0.rawValue) }
                + library.extraFonts.map(\.path) + library.usedFallbacks.map(\.path))
        }
        let early = files()
        let hashed = Shared<Result<[String: String], any Error>?>(nil)
        let hashing = DispatchGroup()
        DispatchQueue.global().async(group: hashing) {
            let made = Result { Dictionary(uniqueKeysWithValues: zip(early, try Fingerprint.fontHashes(Array(early)))) }
            hashed.withLock { $0 = made }
        }
        let renderer = FigureRenderer(style: scene.style, fonts: fonts)
        let laidOut = Result { () throws -> [LessonFigure] in
            try scene.learningRates.map { rate in
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
        }
        hashing.wait()
        figures = try laidOut.get()
        storyboards = figures.map { SceneRender.storyboard($0, scene: scene) }
        // A race's run that its rate leaves still is said, not drawn silently.
        for figure in figures {
            for stalled in figure.stalledRuns() {
                options.warning?("\(stalled.name) moves \(NumberText.compact(stalled.pixels)) px in its first \(stalled.epochs) epochs, "
                                 + "too little to see; give it a rate of its own, about \(NumberText.compact(stalled.suggestedRate)) "
                                 + "(in a scene file: optimizers: [..., {name: ..., lr: \(NumberText.compact(stalled.suggestedRate))}])")
            }
        }
        try SceneRender.checkLengths(storyboards, scene: scene, options: options)
        // Any font file the layout needed beyond those is hashed now.
        var hashes = try hashed.value!.get()
        let late = files().subtracting(early)
        for (file, hash) in zip(late, try Fingerprint.fontHashes(Array(late))) { hashes[file] = hash }
        let fontHashes = Array(hashes.values), storyboards = self.storyboards, companions = self.companions
        var made: [(gif: Fingerprint, poster: Fingerprint, snippet: Fingerprint)] = []
        for (rate, storyboard) in zip(scene.learningRates, storyboards) {
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            let poster = outputs.posterMoment(storyboard, options: options)
            let links = outputs.html.map { html in
                [relativePath(outputs.gif, from: html), outputs.poster.map { relativePath($0, from: html) } ?? ""]
                    + (outputs.webp.map { [relativePath($0, from: html)] } ?? [])
                    + companions.flatMap { companion in
                        companion.variant(rate: rate, from: html).map { [$0.media, $0.gif, $0.poster, $0.webp ?? ""] } ?? []
                    }
            } ?? []
            made.append((Fingerprint.of(scene: scene, rate: rate, posterMoment: nil, links: [], fontHashes: fontHashes),
                         Fingerprint.of(scene: scene, rate: rate, posterMoment: poster, links: [], fontHashes: fontHashes),
                         Fingerprint.of(scene: scene, rate: rate, posterMoment: poster, links: links, fontHashes: fontHashes)))
        }
        fingerprints = made.map(\.gif)
        posterFingerprints = made.map(\.poster)
        snippetFingerprints = made.map(\.snippet)
    }

    /// A figure's storyboard: a race shows one keyframe an epoch (six staged reveals per run
    /// would not read).
    static func storyboard(_ figure: LessonFigure, scene: Scene) -> Storyboard {
        figure.runs.isEmpty ? Storyboard(lesson: figure.lesson, pacing: scene.pacing)
                            : Storyboard.race(lesson: figure.lesson, pacing: scene.pacing)
    }

    /// Every GIF's length, before anything is written: longer than `max_seconds` is an error,
    /// longer than ten minutes a warning that says how to shorten it.
    private static func checkLengths(_ storyboards: [Storyboard], scene: Scene, options: RenderOptions) throws {
        for (rate, storyboard) in zip(scene.learningRates, storyboards) {
            let seconds = storyboard.totalSeconds
            let name = (Outputs(scene: scene, rate: rate, options: options).gif as NSString).lastPathComponent
            if let limit = scene.maxSeconds, seconds > limit {
                throw RenderError.scene(SceneError(field: "max_seconds", problem: "\(name) would last \(Storyboard.clock(seconds)) "
                    + "(\(Int(seconds.rounded())) s), more than \(LessonFigure.exactText(limit)) s; \(options.naming(.detailed)), "
                    + "\(options.naming(.show)) or \(options.naming(.speed)) make a long lesson shorter", origin: scene.origin(of: "max_seconds")))
            }
            if seconds > 600 {
                options.warning?("\(name) lasts \(Storyboard.clock(seconds)) (\(Int(seconds.rounded())) s); \(options.naming(.detailed)) (the "
                                 + "first N epochs staged, the rest one keyframe each) or \(options.naming(.show)) (only some epochs) make it shorter")
            }
        }
    }

    /// Every character of every label must be in some font: DejaVu Sans, the fonts named
    /// (the scene's `fonts`) or the system's. Else an error naming the character and the
    /// label (a warning when the scene allows missing glyphs).
    private static func checkGlyphs(_ labels: FigureLabels, scene: Scene, fonts: FontLibrary,
                                    options: RenderOptions) throws {
        for (key, text) in labels.all {
            let layout: TextLayout
            do { layout = try TextLayout.label(text, library: fonts, sizePixels: Style(scale: 1).fontSize) } catch { continue }
            guard let first = layout.missing.first else { continue }
            let code = String(format: "U+%04X", first.value)
            let problem = "'\(text)' has \(code) (\(Character(first))), which no font has: not DejaVu Sans in "
                + "Fonts/, not the fonts named with \(options.naming(.fonts)), not the system's (fontconfig). Install a font "
                + "that has it (for Chinese, Japanese or Korean: apt-get install fonts-noto-cjk) or name its file with "
                + "\(options.naming(.font)); \(options.naming(.allowMissingGlyphs)) draws it as an empty box instead"
            if scene.allowMissingGlyphs {
                options.warning?("\(key): " + problem)
            } else {
                throw RenderError.scene(SceneError(field: key, problem: problem, origin: scene.origin(of: key)))
            }
        }
    }

    /// This release of descent (`descent --version`).
    public static let version = "0.6.0"

    /// Renders every learning rate's outputs. Writes them (each atomically), or with
    /// `options.check` writes nothing and returns how the existing files differ from what
    /// the render would write (none when fresh): every output, each frame of a frames folder
    /// and its manifest included.
    @discardableResult
    public func run() throws -> [OutputDifference] {
        try preflight()
        for companion in companions { try companion.preflight() }
        if options.check {
            var stale = try checkFingerprints()
            for companion in companions { stale += try companion.checkFingerprints() }
            guard options.pixels else { return stale }
            var drawn = try render().differences
            for companion in companions { drawn += try companion.render(committing: false).differences }
            return stale + drawn.filter { d in !stale.contains { $0.path == d.path } }
        }
        return try render().differences
    }

    /// The page's picture in this (another) theme for `rate`, its files relative to the page
    /// at `html`: nil when no reader's colour scheme asks for it (the notebook's colours).
    func variant(rate: LearningRate, from html: String) -> HTMLSnippet.Variant? {
        let media: String
        switch scene.theme {
        case .dark: media = "(prefers-color-scheme: dark)"
        case .light: media = "(prefers-color-scheme: light)"
        case .notebook: return nil
        }
        let outputs = Outputs(scene: scene, rate: rate, options: options)
        guard let poster = outputs.poster else { return nil }
        return HTMLSnippet.Variant(media: media, gif: relativePath(outputs.gif, from: html), poster: relativePath(poster, from: html),
                                   webp: outputs.webp.map { relativePath($0, from: html) })
    }

    /// Draws every rate's outputs and writes them (all or none, this render's and its other
    /// themes'), or with `check` compares what they show with the existing files. With
    /// `committing` false (another theme's), the files are left pending for the first
    /// theme's render to commit with its own.
    private func render(committing: Bool = true) throws -> (differences: [OutputDifference], pending: [AtomicFile]) {
        var differences: [OutputDifference] = []
        // Every output goes to a temporary file beside its target; only when every one of
        // every rate is complete are they renamed into place (see `commit`).
        var pending: [AtomicFile] = []
        let frameFolder = try options.framesDirectory.map { try FrameFolder(path: $0) }
        let frameNames = self.frameNames()
        if let frameFolder, !options.check {
            if !frameFolder.foreign.isEmpty { throw RenderError.foreignFrames(folder: frameFolder.path, files: frameFolder.foreign) }
            try frameFolder.prepare(names: frameNames.flatMap { $0 })
        }
        defer { frameFolder?.discard() }
        // With --check, the frames as they would be written.
        let checkedFrames = Shared<[String: [UInt8]]>([:])
        for (r, ((rate, figure), storyboard)) in zip(zip(scene.learningRates, figures), storyboards).enumerated() {
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            let step = options.progress?((outputs.gif as NSString).lastPathComponent, 2 * storyboard.timeline.keyframes.count)
            let pipeline = RenderPipeline(storyboard: storyboard, scene: scene, threads: options.threads, progress: step,
                                          figure: figure, fonts: fonts)
            var files: [(path: String, bytes: [UInt8])] = []
            // The poster is drawn only when a file wants it.
            if let asked = options.posterMoment, !storyboard.stages.contains(asked.stage) {
                throw RenderError.scene(SceneError(field: options.naming(.posterStage), problem: "a race shows only each epoch's update; "
                                                   + "use EPOCH:update (got \(asked.epoch):\(asked.stage.rawValue))"))
            }
            let posterMoment = outputs.posterMoment(storyboard, options: options)
            let names = frameNames[r], check = options.check, fingerprint = fingerprints[r]
            var frame: (@Sendable (Int, [UInt8]) throws -> Void)?
            if let frameFolder {
                frame = { @Sendable (i: Int, png: [UInt8]) throws in
                    if check {
                        checkedFrames.withLock { $0[names[i]] = png }
                    } else {
                        try frameFolder.write(png, name: names[i])
                    }
                }
            }
            let rendered: (poster: [UInt8]?, layout: [UInt8]?, fonts: [String])
            // The GIF's bytes are kept when something is made from them (the WebP) or compared.
            var gif: [UInt8] = []
            let keep = options.check || outputs.webp != nil
            if options.check || outputs.webpOnly {
                rendered = try pipeline.render(output: { gif += $0 }, poster: posterMoment, frame: frame,
                                               layout: outputs.layout != nil, fingerprint: fingerprint,
                                               posterFingerprint: posterFingerprints[r])
                if !outputs.webpOnly { files.append((outputs.gif, gif)) }
            } else if outputs.gif == "-" {
                // Standard output: streamed as encoded (the preflight made sure it is no terminal).
                rendered = try pipeline.render(output: { bytes in
                                                   FileHandle.standardOutput.write(Data(bytes))
                                                   if keep { gif += bytes }
                                               }, poster: posterMoment, frame: frame, layout: outputs.layout != nil,
                                               fingerprint: fingerprint, posterFingerprint: posterFingerprints[r])
            } else {
                // Streamed to a temporary file as it is encoded; renamed with the others.
                let file = try AtomicFile(path: outputs.gif)
                rendered = try pipeline.render(output: { bytes in
                                                   try file.write(bytes)
                                                   if keep { gif += bytes }
                                               }, poster: posterMoment, frame: frame,
                                               layout: outputs.layout != nil, fingerprint: fingerprint,
                                               posterFingerprint: posterFingerprints[r])
                pending.append(file)
            }
            if let path = outputs.webp {
                // The GIF's very pixels (as giflib decodes them), losslessly, with its delays and loop.
                guard let decoded = GIFDecoder.frames(gif) else { throw RenderError.internalError("the GIF just made does not decode") }
                do {
                    files.append((path, try WebPAnimation.encode(frames: decoded.frames, width: decoded.width, height: decoded.height,
                                                                 delays: decoded.delays, loop: scene.loop,
                                                                 comment: fingerprint.description)))
                } catch let error as WebPError { throw RenderError.cannotWrite(path: path, reason: error.description) }
            }
            if let path = outputs.layout, let json = rendered.layout {
                files.append((path, json))
            }
            if let path = outputs.transcript {
                var transcript = Transcript(storyboard: storyboard, fallbackFonts: rendered.fonts)
                if !figure.runs.isEmpty { transcript.runs = figure.runs.map { Transcript.Run($0) } }
                transcript.fingerprint = fingerprint.description
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
                snippet.words = try scene.words()
                snippet.language = scene.language
                snippet.posterMoment = posterMoment
                snippet.webpSource = outputs.webp.map { relativePath($0, from: path) }
                snippet.variants = companions.compactMap { $0.variant(rate: rate, from: path) }
                snippet.fingerprint = snippetFingerprints[r].description
                files.append((path, Array(snippet.html.utf8)))
            }
            for file in files {
                if options.check {
                    if let existing = FileManager.default.contents(atPath: file.path) {
                        if !SceneRender.shows(Array(existing), as: file.bytes) {
                            differences.append(OutputDifference(path: file.path, kind: .stale))
                        }
                    } else {
                        differences.append(OutputDifference(path: file.path, kind: .missing))
                    }
                } else {
                    let atomic = try AtomicFile(path: file.path)
                    try atomic.write(file.bytes)
                    pending.append(atomic)
                }
            }
        }
        if options.check {
            if let frameFolder { differences += frameFolder.differences(from: checkedFrames.value) }
            return (differences, [])
        }
        guard committing else { return ([], pending) }
        // The other themes' files, drawn now, renamed into place with these.
        for companion in companions { pending += try companion.render(committing: false).pending }
        let manifest = try frameFolder?.stageManifest(fingerprints: fingerprints.map(\.description))
        try SceneRender.commit(pending, frames: frameFolder, manifest: manifest)
        return ([], [])
    }

    /// Renames every output into place, in the order they were made: for each rate, the GIF,
    /// then its layout, transcript, poster and HTML snippet; then the frames (in name order),
    /// the frames folder's manifest, and last the removal of the previous render's frames
    /// this one did not make. A signal waits for the renames to end (`PendingFiles`), so an
    /// interrupted render leaves all outputs new or all old; only a crash or a power cut
    /// between two renames can leave some new and the others as they were, never a partial
    /// file. A failure before this point leaves every existing file byte for byte (the
    /// temporary files are removed).
    private static func commit(_ files: [AtomicFile], frames: FrameFolder?, manifest: AtomicFile?) throws {
        // Files are made durable first, so the renames that a signal waits for are quick.
        for file in files { try file.sync() }
        try manifest?.sync()
        try PendingFiles.renamingAll {
            for file in files { try file.commit() }
            if let frames, let manifest { try frames.commit(manifest: manifest) }
        }
    }

    /// Each rate's keyframe file names in a frames folder (named like the GIFs when there
    /// are several rates).
    private func frameNames() -> [[String]] {
        storyboards.enumerated().map { r, storyboard in
            storyboard.timeline.keyframes.enumerated().map { i, keyframe in
                FrameFolder.name(index: i, epoch: keyframe.state.epoch, stage: keyframe.state.stage.rawValue,
                                 suffix: storyboards.count > 1 ? scene.fileSuffix(rate: scene.learningRates[r]) : "")
            }
        }
    }

    /// Whether an existing file shows what `rendered` shows: GIFs by their decoded frames
    /// and delays, PNGs by their pixels, anything else byte for byte.
    static func shows(_ existing: [UInt8], as rendered: [UInt8]) -> Bool {
        if existing == rendered { return true }
        if rendered.starts(with: Array("GIF8".utf8)) {
            guard let a = GIFDecoder.frames(existing), let b = GIFDecoder.frames(rendered) else { return false }
            // What a viewer sees over time: consecutive equal frames are one, their delays
            // summed (encoders merge or split them differently).
            func timeline(_ frames: [[UInt8]], _ delays: [Int]) -> [(frame: [UInt8], delay: Int)] {
                var out: [(frame: [UInt8], delay: Int)] = []
                for (frame, delay) in zip(frames, delays) {
                    if let last = out.last, last.frame == frame { out[out.count - 1].delay += delay } else { out.append((frame, delay)) }
                }
                return out
            }
            let (ta, tb) = (timeline(a.frames, a.delays), timeline(b.frames, b.delays))
            return a.width == b.width && a.height == b.height && ta.count == tb.count
                && zip(ta, tb).allSatisfy { $0.frame == $1.frame && $0.delay == $1.delay }
        }
        if rendered.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            guard let a = try? PNGFile.decode(existing), let b = try? PNGFile.decode(rendered) else { return false }
            return a.width == b.width && a.height == b.height && a.pixels == b.pixels
        }
        return false
    }

    /// `--check` without drawing: every output of every rate must carry this render's
    /// fingerprint; a frames folder's manifest must too, and list exactly the frames this
    /// render makes, each file with the SHA-256 listed.
    private func checkFingerprints() throws -> [OutputDifference] {
        var differences: [OutputDifference] = []
        func check(_ path: String, _ carries: ([UInt8]) -> String?, _ expected: Fingerprint) {
            guard let data = FileManager.default.contents(atPath: path) else {
                differences.append(OutputDifference(path: path, kind: .missing))
                return
            }
            if carries(Array(data)).flatMap(Fingerprint.init(text:)) != expected {
                differences.append(OutputDifference(path: path, kind: .stale))
            }
        }
        func jsonKey(_ bytes: [UInt8]) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])?["fingerprint"] as? String
        }
        for (r, (rate, fingerprint)) in zip(scene.learningRates, fingerprints).enumerated() {
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            if !outputs.webpOnly {
                check(outputs.gif, { GIFComments.read($0)?.first { $0.hasPrefix(Fingerprint.prefix) } }, fingerprint)
            }
            if let path = outputs.layout { check(path, jsonKey, fingerprint) }
            if let path = outputs.transcript { check(path, jsonKey, fingerprint) }
            if let path = outputs.poster {
                check(path, { PNGFile.text(in: $0, keyword: "descent-fingerprint") }, posterFingerprints[r])
            }
            if let path = outputs.webp { check(path, WebPAnimation.comment(in:), fingerprint) }
            if let path = outputs.html {
                check(path, { bytes in
                    let first = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
                    guard first.hasPrefix("<!-- "), first.hasSuffix(" -->") else { return nil }
                    return String(first.dropFirst(5).dropLast(4))
                }, snippetFingerprints[r])
            }
        }
        if let directory = options.framesDirectory {
            let names = Set(frameNames().flatMap { $0 })
            differences += FrameFolder.checkManifest(directory, names: names, fingerprints: fingerprints.map(\.description))
        }
        return differences
    }

    /// Every output of every rate, checked before anything is drawn: none is a folder, each
    /// folder can be made or written, no two outputs are one file, each name ends as its
    /// format does (devices and pipes excepted), and standard output takes only a GIF.
    private func preflight() throws {
        if scene.output == "-", scene.learningRates.count > 1 {
            throw RenderError.standardOutput(.severalRates)
        }
        var claimed: [String: String] = [:]
        for rate in scene.learningRates {
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            let all: [(name: String, path: String?, ext: String)] = [
                ("GIF", outputs.gif, "gif"), ("layout", outputs.layout, "json"), ("transcript", outputs.transcript, "json"),
                ("poster", outputs.poster, "png"), ("HTML snippet", outputs.html, "html"), ("WebP", outputs.webp, "webp"),
            ]
            for (name, path, ext) in all {
                guard let path, !(name == "GIF" && outputs.webpOnly) else { continue }
                if path == "-" {
                    guard name == "GIF" else { throw RenderError.standardOutput(.notTheGIF(name)) }
                    guard scene.learningRates.count == 1 else {
                        throw RenderError.standardOutput(.severalRates)
                    }
                    guard !options.check else { throw RenderError.standardOutput(.check) }
                    guard options.html == nil || options.poster != nil else {
                        throw RenderError.standardOutput(.posterOfSnippet)
                    }
                    guard isatty(1) != 1 else {
                        throw RenderError.standardOutput(.terminal)
                    }
                    continue
                }
                let special = SceneRender.isDeviceOrPipe(path)
                var isFolder: ObjCBool = false
                if !options.check, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    throw RenderError.isAFolder(path: path)
                }
                if !special, (path as NSString).pathExtension.lowercased() != ext {
                    throw RenderError.wrongExtension(path: path, output: name, expected: ext)
                }
                let key = URL(fileURLWithPath: path).standardizedFileURL.path
                if let first = claimed[key] { throw RenderError.outputClash(path: path, first: first, second: name) }
                claimed[key] = name
                if special || options.check { continue }
                // The nearest folder that exists must let us write (the rest are made).
                var folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
                while !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), folder.path != "/" {
                    folder = folder.deletingLastPathComponent()
                }
                guard isFolder.boolValue else {
                    throw RenderError.cannotCreateFolder(folder: folder.path, file: path, reason: "it is a file, not a folder")
                }
                guard access(folder.path, W_OK) == 0 else {
                    throw RenderError.cannotWrite(path: path, reason: "the folder \(folder.path) cannot be written (permission denied)")
                }
            }
        }
    }

    /// Every file a render of `scene` with `options` writes (not a frames folder's frames):
    /// for a course, where two scenes writing one file are refused before anything is drawn.
    public static func outputPaths(scene: Scene, options: RenderOptions) -> [String] {
        scene.learningRates.flatMap { rate -> [String] in
            let outputs = Outputs(scene: scene, rate: rate, options: options)
            return [outputs.gif, outputs.layout, outputs.transcript, outputs.poster, outputs.html, outputs.webp].compactMap { $0 }
        } + (options.framesDirectory.map { [$0 + "/frames.json"] } ?? [])
    }

    /// A character device or a pipe (/dev/stdout, a named pipe): written as it is, whatever its name.
    private static func isDeviceOrPipe(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return path.hasPrefix("/dev/") }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO
    }

    /// The file names one rate's render writes.
    struct Outputs {
        let gif: String
        let transcript: String?
        let poster: String?
        let html: String?
        let layout: String?
        let webp: String?
        /// The output is a WebP (`-o lesson.webp`): the GIF is made in memory, for the WebP's
        /// pixels, and not written.
        let webpOnly: Bool

        init(scene: Scene, rate: LearningRate, options: RenderOptions) {
            gif = scene.outputPath(rate: rate)
            webpOnly = (gif as NSString).pathExtension.lowercased() == "webp"
            let suffix = scene.fileSuffix(rate: rate)
            func named(_ path: String?) -> String? { path.map { suffix.isEmpty ? $0 : Scene.path($0, suffix: suffix) } }
            transcript = named(options.transcript)
            html = named(options.html)
            layout = named(scene.layout)
            webp = webpOnly ? gif : named(options.webp)
            // An HTML snippet needs a poster; without one asked for it sits beside the GIF.
            poster = named(options.poster) ?? (options.html != nil ? Scene.path(gif, suffix: "_poster", extension: "png") : nil)
        }

        /// The keyframe the poster shows (the one asked for, else the last), nil without a poster.
        func posterMoment(_ storyboard: Storyboard, options: RenderOptions) -> Moment? {
            poster == nil ? nil : options.posterMoment ?? storyboard.timeline.keyframes.last!.state
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
