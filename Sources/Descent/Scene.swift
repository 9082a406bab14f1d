import Chart
import Foundation

/// Everything a render needs, as a teacher writes it in a scene file.
///
/// Settings are applied through `apply(_:)` (SceneSettings.swift), one layer at a time: a
/// scene file's, then the command line's.
///
/// Guarantees (checked by `validate()`, the one validation, once every layer is applied: by
/// `SceneFile.read` and `SceneFile.parse` for a file alone, by `SceneRender` for every render): data non-empty, x and t of
/// equal length, all numbers finite; every learning rate > 0 and none twice; epochs in
/// 1...maximumEpochs; width and height in 100...8192 px after scaling; scale in 0.25...4;
/// durations in (0, 3600] s; loop in 0...65535. Its errors name where the value came from
/// (`origins`): the file, line and key, or the flag.
public struct Scene: Sendable {
    public var x: [Double] = [0, 1, 2]
    public var t: [Double] = [0.2, 1.3, 2.4]
    public var w0: Double = 9
    /// The model: y = w·x (the notebook's) or y = w·x + b.
    public var model: ModelKind = .linear
    /// A loss written as an expression in w (and b), or a test function's name, instead of
    /// data and a model (`objective: rosenbrock`, `objective: "w^4 - 3*w^2 + w"`).
    public var objective: Formula?
    /// The intercept's start, for `model: affine` (0 when not given).
    public var b0: Double?
    /// Where the descent starts: the values given (`w0`, `b0`), or drawn from the notebook's
    /// distributions with `seed` (`SplitMix64.notebookStart`); a value given overrides its draw.
    public var initialization: Initialization = .given
    public var seed: UInt64 = 0
    /// How the steps are taken: gradient descent (the notebook's) or one of torch.optim's.
    public var optimizer: OptimizerSpec = .gd
    /// How the rate changes from epoch to epoch (`torch.optim.lr_scheduler`'s rules; one for every run of a race).
    public var schedule: Schedule = .constant
    /// Points per step (mini-batches drawn with `seed`); nil or the number of points: all.
    public var batch: Int?
    /// Several optimizers racing on one figure (2 to 8), from the same start on the same data.
    public var race: [OptimizerSpec] = []
    public static let maximumRace = 8
    public var learningRates: [LearningRate] = [try! LearningRate("0.025")]
    public var epochs: Int = 10
    public var width: Int = 800
    public var height: Int = 600
    public var scale: Double = 1
    public var language: Language?
    /// The colours: `light` (the default, WCAG 2.1 AA), `dark`, or the seed's `notebook`.
    public var theme: Theme.Name = .light
    /// More themes rendered beside the first (`theme: [light, dark]`), each output named with
    /// `-THEME` before its extension; the HTML page shows the one that matches the reader's
    /// `prefers-color-scheme`.
    public var alsoThemes: [Theme.Name] = []
    /// What the figure stands on: the theme's page, or nothing (`background: none`, for
    /// slides of any colour: pixels less than half covered are transparent, every text has
    /// a halo of the theme's page colour).
    public var background: Background = .page
    public enum Background: String, CaseIterable, Sendable {
        case page, none
    }
    /// How the figure is drawn: its resolution, its theme's colours and its page.
    public var style: Style { Style(scale: scale, theme: .named(theme), transparentPage: background == .none) }
    public var labelOverrides: [String: String] = [:]
    /// Words the scene gives (`words:`), over its language's.
    public var wordOverrides: [WordKey: String] = [:]
    /// How the lesson's time is spent: durations, speed, detailed epochs, epochs shown, end
    /// hold, smooth motion (see `Pacing`).
    public var pacing = Pacing()
    public var durations: [LessonStage: Double] {
        get { pacing.durations }
        set { pacing.durations = newValue }
    }
    /// A GIF lasting longer is an error (for CI); nil: only a warning past 10 minutes.
    public var maxSeconds: Double?
    /// GIF's loop count: 0 loops forever, N plays N more times, nil plays once (`plays: 1`).
    public var loop: Int? = 0
    public var output: String = "Output/gradient_descent.gif"
    /// Axis limits the scene sets; the notebook's for the notebook's lesson, none (all from
    /// the lesson) for a scene file that does not say.
    public var limits: LimitOverrides = .notebook
    /// The limits the figure uses: the scene's, except that the notebook's own (the default
    /// without a scene file) belong to its one-weight lesson, and a line with an intercept
    /// takes every limit from its lesson instead.
    public var figureLimits: LimitOverrides {
        var given = (model != .linear || !hasNotebookData) && limits == .notebook ? LimitOverrides() : limits
        // A named function's view, where the scene does not set its own.
        if let view = objective?.named?.view {
            given.weight = given.weight ?? AxisLimits(view.w.lowerBound, view.w.upperBound)
            given.intercept = given.intercept ?? AxisLimits(view.b.lowerBound, view.b.upperBound)
        }
        return given
    }

    /// Whether the data is the notebook's own three points, whose words and axes the
    /// notebook's figure has; anyone else's data gets neutral words and axes from the lesson.
    public var hasNotebookData: Bool { objective == nil && x == [0, 1, 2] && t == [0.2, 1.3, 2.4] }

    /// Where the layout export goes, if anywhere.
    public var layout: String?
    /// Font files to try, in order, for characters DejaVu Sans lacks, before the system's.
    public var fonts: [String] = []
    /// Characters no font has are drawn as empty boxes with a warning, instead of an error.
    public var allowMissingGlyphs = false
    /// The scene file the values were read from, if any.
    public var file: String?
    /// Where each value came from, by field ("lr", "data.x", "labels.x", "size"): the file
    /// and line, or the flag that overrode it. Fields not here are defaults (or the file's).
    public var origins: [String: Origin] = [:]

    /// The notebook's lesson.
    public init() {}

    public static let maximumEpochs = Lesson.maximumEpochs
    public static let sizeRange = 100...8192
    public static let scaleRange = 0.25...4.0
    public static let maximumDurationSeconds = 3600.0
    public static let loopRange = 0...65535

    public var pixelWidth: Int { Int((Double(width) * scale).rounded()) }
    public var pixelHeight: Int { Int((Double(height) * scale).rounded()) }

    /// Every word of the lesson: the scene's language's table (the notebook's mix without a
    /// language), then the scene's `words:`. A language without a table of its own must be
    /// given every word: which are missing is the error.
    public func words() throws(SceneError) -> Words {
        guard let language else { return Scene.overriding(hasNotebookData ? .notebook : .english, with: wordOverrides) }
        guard let table = Words.builtIn(language) else {
            let given = Scene.overriding(Words(table: [:]), with: wordOverrides)
            let missing = given.missing
            guard missing.isEmpty else {
                throw SceneError(field: "lang",
                                 problem: "\(language.rawValue) has no words built in (built in: \(Words.languages.joined(separator: ", "))); "
                                     + "give every word under `words:` (`descent words --lang en` prints them to translate) — "
                                     + "\(missing.count) missing: " + missing.map(\.rawValue).joined(separator: ", "),
                                 origin: origin(of: "lang"))
            }
            return given
        }
        return Scene.overriding(table, with: wordOverrides)
    }

    private static func overriding(_ words: Words, with overrides: [WordKey: String]) -> Words {
        var words = words
        for (key, text) in overrides { words[key] = text }
        return words
    }

    /// The figure's words: the notebook's for its data (or neutral ones for anyone else's), in
    /// the scene's language, then the scene's overrides.
    public func labels() throws -> FigureLabels {
        var labels = FigureLabels(words: try words(), notebookData: hasNotebookData)
        if model == .logistic {
            // The loss is the cross-entropy and the model a probability: the figure's words say so.
            labels.squaredLoss = labels.crossEntropy
            labels.affineModel = labels.logisticModel
            labels.minimum = labels.formulaMinimum
        }
        if objective != nil {
            // An expression's parameters are its variables, w and b, not a line's weight and intercept.
            labels.weightAxis = "$w$"
            labels.interceptAxis = "$b$"
            labels.minimum = labels.formulaMinimum
        }
        try labels.apply(labelOverrides)
        return labels
    }

    /// The parameters the descent starts from: drawn when `initialization` is random, with
    /// any value the scene or a flag gives in place of its draw.
    public var start: [Double] {
        let count = objective?.variables.count ?? (model == .linear ? 1 : 2)
        // An expression starts at its named function's start, or at (1, 1), unless given.
        let fallback = objective.map { $0.named?.start ?? [1, 1] }
        let w = fallback != nil && origins["w0"] == nil ? fallback![0] : w0
        var start = initialization == .random ? SplitMix64.notebookStart(seed: seed, parameters: count)
                                              : [w, b0 ?? fallback?[1] ?? 0].prefix(count).map { $0 }
        if initialization == .random, origins["w0"] != nil { start[0] = w0 }
        if initialization == .random, count == 2, let b0 { start[1] = b0 }
        return start
    }

    /// The lesson for one of the scene's learning rates.
    public func lesson(rate: LearningRate) throws -> Lesson {
        let objective = lessonObjective
        do {
            return try Lesson(objective: objective, start: start, spec: optimizer, rate: rate, epochs: epochs,
                              batches: batches, schedule: optimizer.schedule ?? schedule)
        } catch { throw sceneError(error) }
    }

    /// The lessons a render draws at `rate`: the race's, one per optimizer, or the one.
    public func lessons(rate: LearningRate) throws -> [Lesson] {
        guard race.count > 1 else { return [try lesson(rate: rate)] }
        let objective = lessonObjective
        var lessons: [Lesson] = []
        for spec in race {
            do { lessons.append(try Lesson(objective: objective, start: start, spec: spec, rate: rate, epochs: epochs,
                                           batches: batches, schedule: spec.schedule ?? schedule)) }
            catch { throw sceneError(error) }
        }
        return lessons
    }

    /// The loss the lesson descends: the expression, or the data with the model.
    private var lessonObjective: Objective {
        if let objective { return Objective(formula: objective) }
        switch model {
        case .linear: return Objective(x: x, t: t, model: LineThroughOrigin())
        case .affine: return Objective(x: x, t: t, model: AffineLine())
        case .logistic: return Objective(x: x, t: t, model: AffineLine(), loss: BinaryCrossEntropy())
        }
    }

    /// Each epoch's mini-batch when `batch` is fewer than the points: shuffled passes through
    /// the data drawn from SplitMix64 seeded with `seed` + 1 (the start's draws use `seed`).
    public var batches: [[Int]]? {
        guard objective == nil, let batch, batch < x.count else { return nil }
        var random = SplitMix64(seed: seed &+ 1)
        return Objective.batches(points: x.count, size: batch, epochs: epochs, random: &random)
    }

    /// Where `field`'s value came from: its own origin, its top-level key's, or the file.
    package func origin(of field: String) -> Origin? {
        let topLevel = String(field.split(separator: ".").first ?? "")
        return origins[field] ?? origins[topLevel] ?? file.map { .file($0, line: nil) }
    }

    /// `error` placed where its field's value came from.
    package func sceneError(_ error: LessonError) -> SceneError {
        SceneError(error, origin: origin(of: error.field))
    }

    /// `error` (the figure's, say: a size too small) placed where its field's value came from.
    package func sceneError(_ error: SceneError) -> SceneError {
        error.placed(at: origin(of: error.field))
    }

    /// Where the GIF for `learningRate` goes: `output` itself for a single rate, else
    /// `output` with the rate before the extension (gradient_descent_lr0.15.gif).
    public func outputPath(rate: LearningRate) -> String {
        let suffix = fileSuffix(rate: rate)
        return suffix.isEmpty ? output : Scene.path(output, suffix: suffix)
    }

    /// What names a rate's files apart: "_lr" and the rate as written ("_lr0.15", "_lr1e-5")
    /// when the scene has several rates, else "".
    public func fileSuffix(rate: LearningRate) -> String {
        guard learningRates.count > 1 else { return "" }
        return "_lr" + rate.text
    }

    /// A seed: a whole number from 0 to 2⁶⁴ − 1, in decimal ("42"), or nil.
    package static func parseSeed(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(text)
    }

    /// WIDTHxHEIGHT in pixels ("800x600"), or nil.
    package static func parseSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        return (w, h)
    }

    /// `path` with `suffix` inserted before its extension, and a new extension if given.
    /// The same scene in another theme, writing beside its outputs with `-THEME` in their
    /// names (`lesson-dark.gif`).
    public func themed(_ other: Theme.Name) -> Scene {
        var scene = self
        scene.theme = other
        scene.alsoThemes = []
        scene.output = Scene.themedPath(output, other)
        scene.layout = layout.map { Scene.themedPath($0, other) }
        return scene
    }

    /// `path` with `-THEME` before its extension.
    public static func themedPath(_ path: String, _ theme: Theme.Name) -> String {
        Scene.path(path, suffix: "-" + theme.rawValue)
    }

    package static func path(_ path: String, suffix: String, extension newExtension: String? = nil) -> String {
        let slash = path.lastIndex(of: "/")
        let dot = path.lastIndex(of: ".").flatMap { d in slash.map { d > $0 ? d : nil } ?? d }
        let stem = dot.map { String(path[..<$0]) } ?? path
        let ext = newExtension ?? dot.map { String(path[path.index(after: $0)...]) } ?? "gif"
        return stem + suffix + "." + ext
    }

    /// Checks every guarantee; the error names the field, where its value came from, and
    /// what is accepted.
    public func validate() throws(SceneError) {
        func fail(_ field: String, _ problem: String) -> SceneError {
            SceneError(field: field, problem: problem, origin: origin(of: field))
        }
        if let objective {
            for field in ["data", "model", "batch"] where origins[field] != nil {
                throw fail(field, field == "batch" ? "draws mini-batches of data, and `objective` has none: remove one of them"
                                                   : "and `objective` each say what the loss is: give one of them")
            }
            if b0 != nil, objective.variables.count == 1 {
                throw fail("b0", "is the start of b, and the objective \(objective.text) has no b")
            }
            do { try Lesson.check(x: [0], t: [0], w0: w0, epochs: epochs) } catch { throw sceneError(error) }
        } else {
            do { try Lesson.check(x: x, t: t, w0: w0, epochs: epochs) } catch { throw sceneError(error) }
        }
        if let b0, objective == nil {
            guard model != .linear else {
                throw fail("b0", "is the intercept's start, which only `model: affine` has (the model is linear)")
            }
            guard b0.isFinite else { throw fail("b0", "must be a finite number (got \(b0))") }
        }
        if race.count > Scene.maximumRace {
            throw fail("optimizers", "lists \(race.count) optimizers; a race has at most \(Scene.maximumRace)")
        }
        if let b0, !b0.isFinite { throw fail("b0", "must be a finite number (got \(b0))") }
        if objective == nil, let batch, !(1...x.count).contains(batch) {
            throw fail("batch", "must be between 1 and the number of points, \(x.count) (got \(batch))")
        }
        if objective == nil, model == .logistic, let i = t.firstIndex(where: { !(0...1).contains($0) }) {
            throw fail("data.t", "must hold probabilities from 0 to 1 for `model: logistic` (the classes 0 and 1, or a share "
                       + "between): value \(i + 1), \(LessonFigure.exactText(t[i])), is not")
        }
        if objective == nil, model == .affine, Set(x).count < 2 {
            throw fail("data.x", "has one distinct value (\(LessonFigure.exactText(x[0]))): a line y = w·x + b has no single "
                       + "best fit through points that all share one x; give at least two different x, or use `model: linear`")
        }
        _ = try words()
        guard !learningRates.isEmpty else { throw fail("lr", "needs at least one learning rate") }
        guard Set(learningRates).count == learningRates.count else { throw fail("lr", "lists a rate twice") }
        guard scale.isFinite, Scene.scaleRange.contains(scale) else {
            throw fail("scale", "must be between 0.25 and 4 (got \(scale))")
        }
        guard Scene.sizeRange.contains(pixelWidth), Scene.sizeRange.contains(pixelHeight) else {
            throw fail("size", "must be between 100 and 8192 px each way after scaling (got \(pixelWidth)x\(pixelHeight))")
        }
        for (stage, seconds) in durations.sorted(by: { $0.key.rawValue < $1.key.rawValue })
            where !(seconds.isFinite && seconds > 0 && seconds <= Scene.maximumDurationSeconds) {
            throw fail("durations.\(stage.rawValue)", "must be more than 0 and at most 3600 seconds (got \(seconds))")
        }
        if let loop, !Scene.loopRange.contains(loop) { throw fail("loop", "must be between 0 and 65535 (got \(loop))") }
        do { try pacing.check(epochs: epochs) } catch { throw error.placed(at: origin(of: error.field)) }
        if let maxSeconds, !(maxSeconds.isFinite && maxSeconds > 0) {
            throw fail("max_seconds", "must be a number of seconds greater than 0 (got \(maxSeconds))")
        }
        guard !output.isEmpty else { throw fail("output", "must be a file path") }
        for path in fonts where !FileManager.default.isReadableFile(atPath: path) {
            throw fail("fonts", "\(path) cannot be read (no such file, or no permission); give font files (.ttf, .otf, .ttc)")
        }
        do { _ = try labels() } catch let error as SceneError {
            throw SceneError(field: error.field, problem: error.problem, origin: origin(of: error.field))
        } catch {
            throw fail("labels", "\(error)")
        }
    }
}

/// The model a scene's lesson fits.
public enum ModelKind: String, Sendable, CaseIterable {
    /// y = w·x, the notebook's.
    case linear
    /// y = w·x + b.
    case affine
    /// p = σ(w·x + b), the cross-entropy summed over the points: logistic regression.
    case logistic
}

/// Where a scene's descent starts.
public enum Initialization: String, Sendable, CaseIterable {
    /// From `w0` (and `b0`).
    case given
    /// Drawn from the notebook's distributions with the scene's seed.
    case random
}

/// Where a scene's value came from.
public enum Origin: Sendable, Equatable {
    /// A scene file, and the line the value is on (nil when unknown).
    case file(String, line: Int?)
    /// A command-line flag, as typed ("--lr").
    case flag(String)

    public var isFlag: Bool {
        if case .flag = self { return true }
        return false
    }
}
