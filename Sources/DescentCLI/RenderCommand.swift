import ArgumentParser
import Descent
import Foundation
import Render

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the gradient-descent lesson to an animated GIF.",
        discussion: """
        With no scene file and no options, renders the notebook's lesson — x = [0, 1, 2], t = [0.2, 1.3, 2.4], w0 = 9, lr = 0.025, 10 epochs, 800x600 px, six stages per epoch held 2, 2, 2, 2, 2 and 5 s, looping forever — to Output/gradient_descent.gif. Options override the scene file. Several learning rates give one GIF each, the rate in the file name (gradient_descent_lr0.15.gif).

        Examples:
          descent render
          descent render Scenes/learning_rates.yaml
          descent render --lr 0.01,0.1,0.15,0.21 -o Output/compare.gif
          descent render Scenes/seed_en.yaml --scale 2 -o descent@2x.gif
          descent render --html site/descent.html -o site/descent.gif
          descent render --transcript lesson.json --frames-dir frames/
          descent render Scenes/seed_es.yaml --check

        Exit codes: 0 done (or fresh, with --check), 1 stale (--check only), 2 any error.

        """
    )

    @Argument(help: ArgumentHelp("A scene file (YAML or JSON); see README for its keys.", valueName: "scene.yaml"))
    var scenePath: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the GIF (folders are created).", valueName: "path"))
    var output: String?

    @Option(name: .customLong("lr"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Learning rate(s) η > 0; a comma-separated list renders one GIF per rate.", valueName: "rate[,rate…]"))
    var lrs: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial weight (negative values too: --w0 -4).", valueName: "weight"))
    var w0: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of epochs, 1...\(Scene.maximumEpochs).", valueName: "count"))
    var epochs: Int?

    @Option(help: ArgumentHelp("The model: linear (y = w·x, the notebook's) or affine (y = w·x + b, drawn over its loss landscape).", valueName: "linear|affine"))
    var model: String?

    @Option(help: ArgumentHelp("How steps are taken: gd (the notebook's), momentum, adagrad, rmsprop or adam, with torch.optim's defaults; several, joined by commas, race on one figure.", valueName: "name[,name…]"))
    var optimizer: String?

    @Option(help: ArgumentHelp("Seconds per stage, some or all: weight=2,loss=2,tangent=2,step=2,drop=2,update=5.", valueName: "stage=seconds,…"))
    var durations: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Play faster or slower: every hold divided by F, 0.1...10.", valueName: "F"))
    var speed: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only the first N shown epochs get every stage; the others one keyframe each (--epoch-seconds).", valueName: "N"))
    var detailed: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long an epoch shown as one keyframe is held (default 1).", valueName: "seconds"))
    var epochSeconds: Double?

    @Option(help: ArgumentHelp("Only these epochs are drawn, e.g. 0-4,9,19,49 (all are computed).", valueName: "list"))
    var show: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Hold the last frame this many seconds more.", valueName: "seconds"))
    var endHold: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse to write a GIF that would last longer (exit 2), for CI.", valueName: "seconds"))
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("smooth: the numbers move between epochs in eased in-between frames (0.5 s at 25 fps, out of the next hold); cut: they jump (the default).", valueName: "smooth|cut"))
    var motion: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Points per step: mini-batches of k points drawn with the seed (--seed, default 0), reshuffled each pass.", valueName: "k"))
    var batch: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial intercept, for --model affine (default 0).", valueName: "intercept"))
    var b0: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Draw the start from the notebook's distributions (w ~ N(0,1) + 1, b ~ 5·N(0,1)) with this seed, 0...2^64-1; --w0 and --b0 still win.", valueName: "n"))
    var seed: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Figure size in pixels before scaling, each side 100...8192.", valueName: "WxH"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Multiply every length (2 gives 1600x1200 for high-density screens), 0.25...4.", valueName: "factor"))
    var scale: Double?

    @Option(help: ArgumentHelp("Labels all in one language: es or en (default: the notebook's).", valueName: "lang"))
    var lang: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("0 loops forever; N plays N more times, 0...65535.", valueName: "count"))
    var loop: Int?

    @Option(help: ArgumentHelp("Also write every keyframe as a PNG into this folder.", valueName: "dir"))
    var framesDir: String?

    @Option(help: ArgumentHelp("Write the lesson's numbers and stage times as JSON.", valueName: "path.json"))
    var transcript: String?

    @Option(help: ArgumentHelp("Write a still PNG of the last keyframe (or --poster-stage).", valueName: "path.png"))
    var poster: String?

    @Option(help: ArgumentHelp("Which keyframe the poster shows, e.g. 0:update or 9:weight.", valueName: "epoch:stage"))
    var posterStage: String?

    @Option(help: ArgumentHelp("Write an HTML snippet embedding the GIF, with a poster for reduced motion, alt text and transcript.", valueName: "path.html"))
    var html: String?

    @Option(help: ArgumentHelp("Write what every keyframe draws and where (texts, legends, markers, in pixels) as JSON.", valueName: "path.json"))
    var layout: String?

    @Option(help: ArgumentHelp("A font file to try for characters DejaVu Sans lacks, before the system's fonts (repeatable; after the scene's `fonts`).", valueName: "path"))
    var font: [String] = []

    @Flag(help: "Draw characters no font has as empty boxes, with a warning, instead of stopping with an error.")
    var allowMissingGlyphs = false

    @Flag(help: "Compare the existing files with what this render would write, by their fingerprints (nothing is drawn): exit 0 when fresh, 1 when stale.")
    var check = false

    @Flag(help: "With --check: also draw, and compare what the GIFs, posters and frames show (pixels and delays) and the other files' bytes.")
    var pixels = false

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads drawing frames, 1...64 (default: the machine's cores). The bytes are the same for any count.", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The scene: the file's settings (or the notebook's), then the options, each recorded
    /// as its value's origin so that an error names the flag; validated once, here.
    /// Flags that may be given more than once; any other given twice is an error rather than
    /// the last one silently winning.
    static let repeatable: Set<String> = ["--font"]

    /// The first flag the command line gives twice that may not be, with how often.
    static func repeatedFlag(in arguments: [String]) -> (flag: String, count: Int)? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for argument in arguments where argument.hasPrefix("-") && argument.count > 1 && Double(argument) == nil {
            var flag = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if flag == "-o" { flag = "--output" }
            if flag == "-q" { flag = "--quiet" }
            guard flag.hasPrefix("--"), !repeatable.contains(flag) else { continue }
            if counts[flag] == nil { order.append(flag) }
            counts[flag, default: 0] += 1
        }
        return order.first { counts[$0]! > 1 }.map { ($0, counts[$0]!) }
    }

    func scene() throws -> Scene {
        if let (flag, count) = RenderCommand.repeatedFlag(in: Array(CommandLine.arguments.dropFirst())) {
            throw SceneError(field: flag, problem: "is given \(count) times; give it once"
                             + (flag == "--lr" ? ", with several rates joined by commas (--lr 0.1,0.2)" : ""))
        }
        guard lrs.count <= 1 else {
            throw SceneError(field: "--lr", problem: "is given \(lrs.count) times; give it once, with several rates joined by commas (--lr 0.1,0.2)")
        }
        let lr = lrs.first
        if pixels && !check {
            throw SceneError(field: "--pixels", problem: "compares pixels for --check; add --check")
        }
        if posterStage != nil && poster == nil && html == nil {
            throw SceneError(field: "--poster-stage", problem: "chooses the poster's keyframe, but no poster is written; add --poster PATH.png (or --html)")
        }
        var scene = try scenePath.map { try SceneFile.read(path: $0) } ?? Scene()
        if let output { scene.set(\.output, output, field: "output", flag: "--output") }
        if let lr {
            let rates = try lr.split(separator: ",", omittingEmptySubsequences: false).map { text in
                guard Double(String(text).trimmingCharacters(in: .whitespaces)) != nil else {
                    throw SceneError(field: "--lr", problem: "must be a number or a comma-separated list of numbers (got \(lr))")
                }
                do { return try LearningRate(String(text)) } catch let error as LessonError { throw SceneError(field: "--lr", problem: error.problem) }
            }
            scene.set(\.learningRates, rates, field: "lr", flag: "--lr")
        }
        if let w0 { scene.set(\.w0, w0, field: "w0", flag: "--w0") }
        if let epochs { scene.set(\.epochs, epochs, field: "epochs", flag: "--epochs") }
        if let model {
            guard let kind = ModelKind(rawValue: model) else {
                throw SceneError(field: "--model", problem: "must be linear (y = w·x) or affine (y = w·x + b) (got \(model))")
            }
            scene.set(\.model, kind, field: "model", flag: "--model")
        }
        if let b0 { scene.set(\.b0, b0, field: "b0", flag: "--b0") }
        if let batch { scene.set(\.batch, batch, field: "batch", flag: "--batch") }
        if let durations {
            for part in durations.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, let seconds = Double(pair[1]) else {
                    throw SceneError(field: "--durations", problem: "must be stage=seconds pairs joined by commas, like weight=2,update=5 (got \(durations))")
                }
                guard let stage = LessonStage(rawValue: pair[0]) else {
                    throw SceneError(field: "--durations", problem: "has no stage \(pair[0]); the stages are "
                                     + LessonStage.allCases.map(\.rawValue).joined(separator: ", "))
                }
                scene.set(\.durations[stage], seconds, field: "durations.\(stage.rawValue)", flag: "--durations")
            }
        }
        if let speed { scene.set(\.pacing.speed, speed, field: "speed", flag: "--speed") }
        if let detailed { scene.set(\.pacing.detailed, detailed, field: "pace.detailed", flag: "--detailed") }
        if let epochSeconds { scene.set(\.pacing.epochSeconds, epochSeconds, field: "pace.epoch_seconds", flag: "--epoch-seconds") }
        if let endHold { scene.set(\.pacing.endHold, endHold, field: "end_hold", flag: "--end-hold") }
        if let maxSeconds { scene.set(\.maxSeconds, maxSeconds, field: "max_seconds", flag: "--max-seconds") }
        if let motion {
            guard ["smooth", "cut"].contains(motion) else {
                throw SceneError(field: "--motion", problem: "must be smooth (frames in between) or cut (got \(motion))")
            }
            scene.set(\.pacing.motion, motion == "smooth" ? (scene.pacing.motion ?? Motion()) : nil, field: "motion", flag: "--motion")
        }
        if let show {
            switch Pacing.parseShow(show, epochs: scene.epochs) {
            case .success(let shown): scene.set(\.pacing.show, shown, field: "show", flag: "--show")
            case .failure(let failure): throw SceneError(field: "--show", problem: failure.problem)
            }
        }
        if let optimizer {
            let specs = try optimizer.split(separator: ",", omittingEmptySubsequences: false).map { name in
                guard let kind = OptimizerKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw SceneError(field: "--optimizer", problem: "must be one of "
                                     + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
                                     + ", or several joined by commas for a race (got \(optimizer))")
                }
                return try OptimizerSpec(kind)
            }
            if specs.count == 1 {
                scene.set(\.optimizer, specs[0], field: "optimizer", flag: "--optimizer")
                scene.race = []
            } else {
                scene.set(\.race, specs, field: "optimizers", flag: "--optimizer")
            }
        }
        if let seed {
            guard let value = Scene.parseSeed(seed) else {
                throw SceneError(field: "--seed", problem: "must be a whole number from 0 to \(UInt64.max) (got \(seed))")
            }
            scene.set(\.seed, value, field: "seed", flag: "--seed")
            // With mini-batches the seed draws them; the start stays as given unless asked.
            if scene.batch == nil { scene.set(\.initialization, .random, field: "init", flag: "--seed") }
        }
        if let size {
            guard let (w, h) = Scene.parseSize(size) else {
                throw SceneError(field: "--size", problem: "must be WIDTHxHEIGHT in pixels, like 800x600 (got \(size))")
            }
            scene.set(\.width, w, field: "size", flag: "--size")
            scene.height = h
        }
        if let scale {
            scene.set(\.scale, scale, field: "scale", flag: "--scale")
            // The size in pixels is the size times the scale: a size the scale makes wrong is the flag's.
            if size == nil { scene.origins["size"] = .flag("--scale") }
        }
        if let lang {
            guard let language = Language(rawValue: lang) else {
                throw SceneError(field: "--lang", problem: "must be es or en (got \(lang))")
            }
            scene.set(\.language, language, field: "lang", flag: "--lang")
        }
        if let loop { scene.set(\.loop, loop, field: "loop", flag: "--loop") }
        if let layout { scene.set(\.layout, layout, field: "layout", flag: "--layout") }
        if !font.isEmpty {
            for path in font where !FileManager.default.isReadableFile(atPath: path) {
                throw SceneError(field: "--font", problem: "\(path) cannot be read (no such file, or no permission); give font files (.ttf, .otf, .ttc)")
            }
            scene.fonts += font
        }
        if allowMissingGlyphs { scene.allowMissingGlyphs = true }
        try scene.validate()
        return scene
    }

    private func posterMoment(epochs: Int) throws -> Moment? {
        guard let posterStage else { return nil }
        let parts = posterStage.split(separator: ":")
        guard parts.count == 2, let epoch = Int(parts[0]), let stage = LessonStage(rawValue: String(parts[1])) else {
            throw SceneError(field: "--poster-stage", problem: "must be EPOCH:STAGE with a stage among "
                + LessonStage.allCases.map(\.rawValue).joined(separator: ", ") + " (got \(posterStage))")
        }
        guard (0..<epochs).contains(epoch) else {
            throw SceneError(field: "--poster-stage", problem: "epoch must be between 0 and \(epochs - 1) (got \(epoch))")
        }
        return Moment(epoch: epoch, stage: stage)
    }

    func run() throws {
        var options = RenderOptions()
        let scene = try self.scene()
        options.posterMoment = try posterMoment(epochs: scene.epochs)
        options.transcript = transcript
        options.poster = poster
        options.html = html
        options.framesDirectory = framesDir
        options.threads = threads
        options.check = check
        options.pixels = pixels
        let quiet = self.quiet || check
        options.progress = { gif, steps -> (@Sendable () -> Void)? in
            guard let bar = Progress(total: steps, label: gif, quiet: quiet) else { return nil }
            return { bar.advance() }
        }
        options.warning = { FileHandle.standardErrorWrite("descent: warning: " + $0 + "\n") }
        let differences = try SceneRender(scene: scene, options: options).run()
        if check && !differences.isEmpty {
            let command = (["descent"] + CommandLine.arguments.dropFirst().filter { $0 != "--check" })
                .map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            // "stale: PATH" (bytes differ), "missing: PATH", "extra: PATH" (a frame the render would not make).
            for difference in differences { print(difference) }
            print("refresh with: \(command)")
            throw ExitCode(1)
        }
    }
}
