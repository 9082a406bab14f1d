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

    @Argument(help: ArgumentHelp("Scene files (YAML or JSON; see README for their keys), or folders of them: several render in parallel, a course at once.", valueName: "scene.yaml|folder"))
    var scenePaths: [String] = []

    /// The one scene file, when one is given.
    var scenePath: String? { scenePaths.first }

    @Option(parsing: .unconditional, help: ArgumentHelp("With several scenes: how many render at once (default: the machine's cores). The bytes are the same for any number.", valueName: "n"))
    var jobs: Int?

    @Flag(help: "With several scenes: render only those whose outputs are missing or stale (by fingerprint); fresh ones are not touched.")
    var changed = false

    @Option(help: ArgumentHelp("Render only the I-th of N parts of the scenes (1...N), balanced by each scene's frames × pixels: the parts of a CI job matrix.", valueName: "I/N"))
    var shard: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the GIF (folders are created).", valueName: "path"))
    var output: String?

    @Option(name: .customLong("lr"), parsing: .unconditionalSingleValue, help: ArgumentHelp("Learning rate(s) η > 0; a comma-separated list renders one GIF per rate.", valueName: "rate[,rate…]"))
    var lrs: [String] = []

    @Option(help: ArgumentHelp("The data from a CSV file with a header row (comma, semicolon or tab separated); --x and --t name its columns (default: the first two).", valueName: "file.csv"))
    var data: String?

    @Option(help: ArgumentHelp("With --data: the column of inputs.", valueName: "column"))
    var x: String?

    @Option(help: ArgumentHelp("With --data: the column of targets.", valueName: "column"))
    var t: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Initial weight (negative values too: --w0 -4).", valueName: "weight"))
    var w0: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of epochs, 1...\(Scene.maximumEpochs).", valueName: "count"))
    var epochs: Int?

    @Option(help: ArgumentHelp("The model: linear (y = w·x, the notebook's), affine (y = w·x + b, drawn over its loss landscape) or logistic (p = σ(w·x + b), the cross-entropy, targets in [0, 1]).", valueName: "linear|affine|logistic"))
    var model: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A loss written as an expression in w (a curve) or w and b (a landscape), instead of data and a model: \"(1 - w)^2 + 100*(b - w^2)^2\", or a name: rosenbrock, beale, himmelblau, booth, saddle, rastrigin.", valueName: "expression|name"))
    var objective: String?

    @Option(help: ArgumentHelp("A learning-rate schedule, as torch.optim.lr_scheduler steps it once an epoch: step,step_size=3,gamma=0.5 | multistep,milestones=5;8,gamma=0.1 | exponential,gamma=0.9 | cosine,t_max=20,eta_min=0 | linear,start_factor=0.25,total_iters=5 (a warm-up).", valueName: "name,key=value…"))
    var schedule: String?

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

    @Option(help: ArgumentHelp("Every word in one language, a tag like es, fr, de or pt-BR (built in: en, es, fr, de; others take their words from the scene, see descent words). Default: the notebook's mix.", valueName: "lang"))
    var lang: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("0 loops forever; N plays N more times, 0...65535.", valueName: "count"))
    var loop: Int?

    @Option(help: ArgumentHelp("How many times the GIF plays in all: 1 plays once, 3 three times, forever loops (the default).", valueName: "N|forever"))
    var plays: String?

    @Option(help: ArgumentHelp("The colours: light (the default, meets WCAG 2.1 AA), dark, or notebook (the seed's exact colours, which do not).", valueName: "light|dark|notebook"))
    var theme: String?

    @Option(help: ArgumentHelp("What the figure stands on: page (the theme's, the default) or none (transparent, for slides of any colour; every text on a halo).", valueName: "page|none"))
    var background: String?

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

    @Option(help: ArgumentHelp("Also write an animated WebP of the GIF's very pixels (lossless, same delays and loop); the HTML snippet offers it first.", valueName: "path.webp"))
    var webp: String?

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

    /// How the command line names what the library's messages speak of: by its flags.
    static func flag(_ name: RenderName) -> String {
        switch name {
        case .output: return "-o"
        case .threads: return "--threads"
        case .framesDirectory: return "--frames-dir"
        case .check: return "--check"
        case .poster: return "--poster"
        case .posterStage: return "--poster-stage"
        case .fonts: return "`fonts:` or --font"
        case .font: return "--font PATH"
        case .allowMissingGlyphs: return "--allow-missing-glyphs"
        case .detailed: return "--detailed N"
        case .show: return "--show LIST"
        case .speed: return "--speed F"
        }
    }

    /// The flags that set a scene setting, each with its value as text, in the order they
    /// apply (`Scene.apply` checks and places every one).
    var settings: [(key: SceneKey, value: SettingValue)] {
        var settings: [(key: SceneKey, value: SettingValue)] = []
        func add(_ key: SceneKey, _ flag: String, _ text: String?) {
            if let text { settings.append((key, .flag(text, flag))) }
        }
        add(.output, "--output", output)
        if let data {
            let columns = [("csv", "--data", data), ("x", "--x", x), ("t", "--t", t)]
                .compactMap { key, flag, text in text.map { (key: key, origin: Origin.flag(flag), value: SettingValue.flag($0, flag)) } }
            settings.append((.data, SettingValue(.mapping(columns), origin: .flag("--data"))))
        }
        add(.lr, "--lr", lrs.first)
        add(.w0, "--w0", w0.map { "\($0)" })
        add(.epochs, "--epochs", epochs.map { "\($0)" })
        add(.model, "--model", model)
        add(.objective, "--objective", objective)
        add(.schedule, "--schedule", schedule)
        add(.b0, "--b0", b0.map { "\($0)" })
        add(.batch, "--batch", batch.map { "\($0)" })
        add(.durations, "--durations", durations)
        add(.speed, "--speed", speed.map { "\($0)" })
        let pace = [("detailed", "--detailed", detailed.map { "\($0)" }), ("epoch_seconds", "--epoch-seconds", epochSeconds.map { "\($0)" })]
            .compactMap { key, flag, text in text.map { (key: key, origin: Origin.flag(flag), value: SettingValue.flag($0, flag)) } }
        if let first = pace.first { settings.append((.pace, SettingValue(.mapping(pace), origin: first.origin))) }
        add(.endHold, "--end-hold", endHold.map { "\($0)" })
        add(.maxSeconds, "--max-seconds", maxSeconds.map { "\($0)" })
        add(.motion, "--motion", motion)
        add(.show, "--show", show)
        add(.optimizer, "--optimizer", optimizer)
        add(.seed, "--seed", seed)
        add(.size, "--size", size)
        add(.scale, "--scale", scale.map { "\($0)" })
        add(.lang, "--lang", lang)
        add(.loop, "--loop", loop.map { "\($0)" })
        add(.plays, "--plays", plays)
        add(.theme, "--theme", theme)
        add(.background, "--background", background)
        add(.layout, "--layout", layout)
        if !font.isEmpty {
            settings.append((.fonts, SettingValue(.list(font.map { .flag($0, "--font") }), origin: .flag("--font"))))
        }
        return settings
    }

    /// The scene: the file's settings (or the notebook's), then the flags', each recorded
    /// as its value's origin so that an error names the flag. The render validates it.
    func scene() throws -> Scene {
        if let (flag, count) = RenderCommand.repeatedFlag(in: Array(CommandLine.arguments.dropFirst())) {
            throw CLIError(flag, "is given \(count) times; give it once"
                           + (flag == "--lr" ? ", with several rates joined by commas (--lr 0.1,0.2)" : ""))
        }
        guard lrs.count <= 1 else {
            throw CLIError("--lr", "is given \(lrs.count) times; give it once, with several rates joined by commas (--lr 0.1,0.2)")
        }
        if data == nil, let flag = x != nil ? "--x" : (t != nil ? "--t" : nil) {
            throw CLIError(flag, "names a column of --data FILE.csv; add --data")
        }
        if pixels && !check {
            throw CLIError("--pixels", "compares pixels for --check; add --check")
        }
        if posterStage != nil && poster == nil && html == nil {
            throw CLIError("--poster-stage", "chooses the poster's keyframe, but no poster is written; add --poster PATH.png (or --html)")
        }
        var scene = try scenePath.map { try SceneFile.load(path: $0) } ?? Scene()
        try scene.apply(settings)
        if allowMissingGlyphs { scene.allowMissingGlyphs = true }
        return scene
    }

    private func posterMoment(epochs: Int) throws -> Moment? {
        guard let posterStage else { return nil }
        let parts = posterStage.split(separator: ":")
        guard parts.count == 2, let epoch = Int(parts[0]), let stage = LessonStage(rawValue: String(parts[1])) else {
            throw CLIError("--poster-stage", "must be EPOCH:STAGE with a stage among "
                + LessonStage.allCases.map(\.rawValue).joined(separator: ", ") + " (got \(posterStage))")
        }
        guard (0..<epochs).contains(epoch) else {
            throw CLIError("--poster-stage", "epoch must be between 0 and \(epochs - 1) (got \(epoch))")
        }
        return Moment(epoch: epoch, stage: stage)
    }

    func run() throws {
        let course = try Course.scenes(scenePaths)
        if course.count > 1 || scenePaths.contains(where: Course.isFolder) || changed || shard != nil {
            try renderCourse(course)
            return
        }
        var options = RenderOptions()
        let scene = try self.scene()
        options.posterMoment = try posterMoment(epochs: scene.epochs)
        options.transcript = transcript
        options.poster = poster
        options.html = html
        options.webp = webp
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
        options.naming = RenderCommand.flag
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
