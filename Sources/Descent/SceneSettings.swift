import Foundation
import Chart

/// A scene's setting, as a scene file's key names it. Every flag of `descent render` that
/// changes the figure sets one of these through the same `Scene.apply(_:)`, so a setting is
/// parsed, checked and placed (its origin recorded) in one place.
public enum SceneKey: String, CaseIterable, Sendable {
    case data, w0, lr, epochs, size, scale, lang, labels, durations, loop, output, limits, layout, fonts, model, b0
    case initialization = "init", seed, optimizer, batch, optimizers, speed, pace, show
    case endHold = "end_hold", maxSeconds = "max_seconds", motion, plays, theme, themes, background, words, objective, schedule
}

/// A setting's value as it was written — text, a list, or a mapping of named values — and
/// where: a scene file's line, or a flag. The scene file reader makes these from YAML, the
/// command line from its flags (a flag's value is text: "0.1,0.2", "weight=2,update=5").
public struct SettingValue: Sendable {
    public indirect enum Form: Sendable {
        case text(String)
        case list([SettingValue])
        /// Entries in the order written, each key with where it was written.
        case mapping([(key: String, origin: Origin, value: SettingValue)])
    }

    public var form: Form
    public var origin: Origin

    public init(_ form: Form, origin: Origin) {
        self.form = form
        self.origin = origin
    }

    /// Text given as a flag.
    public static func flag(_ text: String, _ flag: String) -> SettingValue {
        SettingValue(.text(text), origin: .flag(flag))
    }
}

extension Scene {
    /// Applies one layer of settings — a scene file's, then the command line's — each
    /// parsed, checked for its own syntax, and recorded as coming from its origin. Within a
    /// layer: `show` is read after `epochs`; `optimizer` and `optimizers` together are an
    /// error; a seed without mini-batches draws the start (`init: random`) unless the same
    /// layer says `init: given`, which is then an error; a scale without a size is where the
    /// size in pixels came from. Call `validate()` once every layer is applied.
    public mutating func apply(_ settings: [(key: SceneKey, value: SettingValue)]) throws(SceneError) {
        let keys = Set(settings.map(\.key))
        for (key, value) in settings where key != .show { try apply(key, value) }
        for (key, value) in settings where key == .show { try apply(key, value) }
        if keys.contains(.loop), keys.contains(.plays), let plays = settings.first(where: { $0.key == .plays }) {
            throw SceneError(field: "plays", problem: "counts every play; `loop` counts the repeats after the first — give one of the two",
                             origin: plays.value.origin)
        }
        if keys.contains(.optimizer), keys.contains(.optimizers), let races = settings.first(where: { $0.key == .optimizers }) {
            throw SceneError(field: "optimizers", problem: "races several optimizers; `optimizer` names one — give one of the two",
                             origin: races.value.origin)
        }
        if let seed = settings.first(where: { $0.key == .seed }), batch == nil {
            if let given = settings.first(where: { $0.key == .initialization }), initialization == .given {
                if case .file = given.value.origin {
                    throw SceneError(field: "seed", problem: "draws the start, but `init: given` starts from w0 and b0; remove one of them",
                                     origin: seed.value.origin)
                }
            }
            if !keys.contains(.initialization) || initialization == .given {
                initialization = .random
                origins["init"] = seed.value.origin
            }
        }
        if let scale = settings.first(where: { $0.key == .scale }), !keys.contains(.size) {
            // The size in pixels is the size times the scale: a size the scale makes wrong is the scale's.
            origins["size"] = scale.value.origin
        }
    }

    /// Applies one setting: parsed from its text (or list, or mapping), checked for its own
    /// syntax, recorded with its origin; relative paths in a scene file are taken from the
    /// file's folder. What depends on other settings is checked by `validate()`.
    public mutating func apply(_ key: SceneKey, _ value: SettingValue) throws(SceneError) {
        let reader = SettingReader(key: key.rawValue, scene: self)
        origins[key.rawValue] = value.origin
        switch key {
        case .data:
            let fields = try reader.mapping(value, allowed: ["x", "t", "csv"])
            if let file = fields["csv"] {
                // Columns of a CSV file: x and t name them (the first two when not given).
                let path = reader.path(try reader.text(file, "data.csv"), file)
                let data = try CSVData(path: path, x: try fields["x"].map { v throws(SceneError) in try reader.text(v, "data.x") },
                                       t: try fields["t"].map { v throws(SceneError) in try reader.text(v, "data.t") }) { field, problem in
                    SceneError(field: field, problem: problem, origin: (field == "data.csv" ? file : fields[String(field.dropFirst(5))] ?? file).origin)
                }
                x = data.x
                t = data.t
                // The columns' names are the data panel's axes unless the scene names them.
                if labelOverrides["x"] == nil { labelOverrides["x"] = data.xName }
                if labelOverrides["y"] == nil { labelOverrides["y"] = data.tName }
                break
            }
            guard let xs = fields["x"] else { throw reader.error(value, "data.x", "is missing: the inputs, e.g. x: [0, 1, 2]") }
            guard let ts = fields["t"] else { throw reader.error(value, "data.t", "is missing: the targets, e.g. t: [0.2, 1.3, 2.4]") }
            x = try reader.numbers(xs, "data.x")
            t = try reader.numbers(ts, "data.t")
        case .w0: w0 = try reader.number(value)
        case .b0: b0 = try reader.number(value)
        case .lr:
            let items: [SettingValue]
            switch value.form {
            case .list(let list): items = list
            case .text(let text) where text.contains(",") || value.origin.isFlag:
                let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard parts.allSatisfy({ Double($0.trimmingCharacters(in: .whitespaces)) != nil }) else {
                    throw reader.error(value, "lr", "must be a number or a comma-separated list of numbers (got \(text))")
                }
                items = parts.map { SettingValue(.text($0), origin: value.origin) }
            default: items = [value]
            }
            guard items.count <= 100 else { throw reader.error(value, "lr", "lists more than 100 rates") }
            learningRates = try items.map { item throws(SceneError) in try reader.rate(item, "lr") }
        case .epochs: epochs = try reader.integer(value)
        case .batch: batch = try reader.integer(value)
        case .loop: loop = try reader.integer(value)
        case .plays:
            // What a teacher means: `plays: 1` plays once (no loop block), `plays: 3` three
            // times in all (GIF's loop count 2), `plays: forever` (loop 0).
            if case .text(let text) = value.form, text.trimmingCharacters(in: .whitespaces) == "forever" {
                loop = 0
            } else {
                let plays = try reader.integer(value)
                guard (1...Scene.loopRange.upperBound + 1).contains(plays) else {
                    throw reader.error(value, "plays", "must be forever or a number of plays from 1 to \(Scene.loopRange.upperBound + 1) (got \(plays))")
                }
                loop = plays == 1 ? nil : plays - 1
            }
            origins["loop"] = value.origin
        case .size:
            let text = try reader.text(value)
            guard let (w, h) = Scene.parseSize(text) else {
                throw reader.error(value, "size", "must be WIDTHxHEIGHT in pixels, like 800x600 (got \(text))")
            }
            width = w
            height = h
        case .scale: scale = try reader.number(value)
        case .lang:
            let text = try reader.text(value)
            guard let language = Language(rawValue: text) else {
                throw reader.error(value, "lang", "must be a language tag like en, es, fr, de or pt-BR (got \(text)); "
                                   + "words are built in for " + Words.languages.joined(separator: ", "))
            }
            self.language = language
        case .background:
            let text = try reader.text(value)
            guard let background = Background(rawValue: text) else {
                throw reader.error(value, "background", "must be page (the theme's, the default) or none (transparent, for slides) (got \(text))")
            }
            self.background = background
        case .theme, .themes:
            // One theme, or several (a list, or "light,dark"): the first is the outputs' own,
            // the others are rendered beside them.
            let field = key.rawValue
            let names: [String]
            if case .list(let list) = value.form {
                names = try list.map { item throws(SceneError) in try reader.text(item, field) }
            } else {
                names = try reader.text(value).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            var themes: [Theme.Name] = []
            for name in names.map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let theme = Theme.Name(rawValue: name) else {
                    throw reader.error(value, field, "must be light (the default, WCAG 2.1 AA), dark or notebook (the seed's colours), "
                                       + "or several of them like light,dark (got \(name.isEmpty ? "nothing" : name))")
                }
                guard !themes.contains(theme) else { throw reader.error(value, field, "names \(name) twice") }
                themes.append(theme)
            }
            guard let first = themes.first else { throw reader.error(value, field, "names no theme") }
            theme = first
            alsoThemes = Array(themes.dropFirst())
            origins["theme"] = value.origin
        case .words:
            for (name, node) in try reader.entries(value, allowed: WordKey.allCases.map(\.rawValue).sorted()) {
                let field = "words.\(name)", key = WordKey(rawValue: name)!
                let text = try reader.text(node, field)
                guard text.count <= 400 else { throw reader.error(node, field, "is longer than 400 characters") }
                if key.isFigure {
                    do { try LabelSyntax.check(text) } catch let error as MathError {
                        throw reader.error(node, field, "column \(error.column): \(error.problem)")
                    } catch { throw reader.error(node, field, "\(error)") }
                }
                wordOverrides[key] = text
                origins[field] = node.origin
            }
        case .labels:
            for (name, node) in try reader.entries(value, allowed: Array(FigureLabels.keys.keys).sorted()) {
                labelOverrides[name] = try reader.text(node, "labels.\(name)")
                origins["labels.\(name)"] = node.origin
            }
        case .durations:
            for (name, node) in try reader.stageSeconds(value) {
                let field = "durations.\(name)"
                durations[LessonStage(rawValue: name)!] = try reader.number(node, field)
                origins[field] = node.origin
            }
        case .output: output = reader.path(try reader.text(value), value)
        case .layout: layout = reader.path(try reader.text(value), value)
        case .fonts:
            // Added after those already named: a flag's fonts come after the scene file's.
            guard case .list(let list) = value.form else {
                throw reader.error(value, "fonts", "must be a list of font files, like [fonts/NotoSansSC-Regular.otf]")
            }
            let paths = try list.map { item throws(SceneError) in reader.path(try reader.text(item, "fonts"), item) }
            for path in paths where !FileManager.default.isReadableFile(atPath: path) {
                throw reader.error(value, "fonts", "\(path) cannot be read (no such file, or no permission); give font files (.ttf, .otf, .ttc)")
            }
            fonts += paths
        case .limits:
            for (name, node) in try reader.entries(value, allowed: LimitOverrides.keys.keys.sorted()) {
                let field = "limits.\(name)"
                origins[field] = node.origin
                let pair = try reader.numbers(node, field)
                guard pair.count == 2, let axis = AxisLimits(pair[0], pair[1]) else {
                    throw reader.error(node, field, "must be [lower, upper]: two finite numbers, lower < upper (got "
                                       + "[" + pair.map { "\($0)" }.joined(separator: ", ") + "])")
                }
                limits[keyPath: LimitOverrides.keys[name]!] = axis
            }
        case .model:
            let text = try reader.text(value)
            guard let kind = ModelKind(rawValue: text) else {
                throw reader.error(value, "model", "must be linear (y = w·x), affine (y = w·x + b) or logistic (p = σ(w·x + b)) (got \(text))")
            }
            model = kind
        case .objective:
            let text = try reader.text(value)
            do { objective = try Formula(text) } catch {
                let names = TestFunction.allCases.map(\.rawValue).joined(separator: ", ")
                let near = ExpressionParser.nearest(text.trimmingCharacters(in: .whitespaces), in: TestFunction.allCases.map(\.rawValue))
                let hint = error.column == 1 && near != nil ? " (a name: did you mean \(near!)?)" : ""
                throw reader.error(value, "objective", "is not a loss in w and b, nor one of \(names)\(hint): \(error)")
            }
        case .schedule: schedule = try reader.schedule(value)
        case .initialization:
            let text = try reader.text(value)
            guard let kind = Initialization(rawValue: text) else {
                throw reader.error(value, "init", "must be given (start from w0 and b0) or random (draw them with `seed`) (got \(text))")
            }
            initialization = kind
        case .seed:
            let text = try reader.text(value).trimmingCharacters(in: .whitespaces)
            guard let number = Scene.parseSeed(text) else {
                throw reader.error(value, "seed", "must be a whole number from 0 to \(UInt64.max) (got \(text))")
            }
            seed = number
        case .optimizer:
            // Several names joined by commas (a flag's way) race on one figure.
            if case .text(let text) = value.form, text.contains(",") {
                race = try text.split(separator: ",", omittingEmptySubsequences: false).map { name throws(SceneError) in
                    try reader.optimizer(SettingValue(.text(name.trimmingCharacters(in: .whitespaces)), origin: value.origin),
                                         writtenAs: text)
                }
                origins["optimizers"] = value.origin
            } else {
                optimizer = try reader.optimizer(value)
                race = []
            }
        case .optimizers:
            guard case .list(let list) = value.form, !list.isEmpty else {
                throw reader.error(value, "optimizers", "must be a list of optimizers, like [gd, momentum, adam]")
            }
            race = try list.map { item throws(SceneError) in try reader.optimizer(item) }
        case .speed: pacing.speed = try reader.number(value)
        case .pace:
            for (name, node) in try reader.entries(value, allowed: ["detailed", "epoch_seconds"]) {
                let field = "pace.\(name)"
                if name == "detailed" { pacing.detailed = try reader.integer(node, field) }
                else { pacing.epochSeconds = try reader.number(node, field) }
                origins[field] = node.origin
            }
        case .show:
            let text: String
            if case .list(let list) = value.form {
                text = try list.map { item throws(SceneError) in String(try reader.integer(item, "show")) }.joined(separator: ",")
            } else {
                text = try reader.text(value)
            }
            switch Pacing.parseShow(text, epochs: epochs) {
            case .success(let shown): pacing.show = shown
            case .failure(let failure): throw reader.error(value, "show", failure.problem)
            }
        case .endHold: pacing.endHold = try reader.number(value)
        case .maxSeconds: maxSeconds = try reader.number(value)
        case .motion:
            var kind = "smooth"
            // `smooth` keeps what an earlier layer said of the motion's seconds and fps.
            var motion = pacing.motion ?? Motion()
            if case .mapping = value.form {
                for (name, node) in try reader.entries(value, allowed: ["kind", "seconds", "fps"]) {
                    let field = "motion.\(name)"
                    switch name {
                    case "kind": kind = try reader.text(node, field)
                    case "seconds": motion.seconds = try reader.number(node, field)
                    default: motion.fps = try reader.number(node, field)
                    }
                    if name != "kind" { origins[field] = node.origin }
                }
            } else {
                kind = try reader.text(value)
            }
            guard ["smooth", "cut"].contains(kind) else {
                throw reader.error(value, "motion", "must be smooth (frames in between) or cut (got \(kind))")
            }
            pacing.motion = kind == "smooth" ? motion : nil
        }
    }
}

/// Turns a setting's written value into numbers, text, lists and optimizers, every error
/// naming the field and placed where the value was written.
private struct SettingReader {
    let key: String
    let scene: Scene

    func error(_ value: SettingValue, _ field: String, _ problem: String) -> SceneError {
        SceneError(field: field, problem: problem, origin: value.origin)
    }

    private func kind(_ value: SettingValue) -> String {
        switch value.form {
        case .text: return "single value"
        case .list: return "list"
        case .mapping: return "mapping"
        }
    }

    func text(_ value: SettingValue, _ field: String? = nil) throws(SceneError) -> String {
        guard case .text(let text) = value.form else {
            throw error(value, field ?? key, "must be text, not a \(kind(value))")
        }
        return text
    }

    func number(_ value: SettingValue, _ field: String? = nil) throws(SceneError) -> Double {
        let field = field ?? key
        guard case .text(let raw) = value.form else { throw error(value, field, "must be a number, not a \(kind(value))") }
        let text = raw.trimmingCharacters(in: .whitespaces)
        let lowered = text.lowercased()
        if [".nan", "nan"].contains(lowered) { return .nan }
        if [".inf", "+.inf", "inf"].contains(lowered) { return .infinity }
        if ["-.inf", "-inf"].contains(lowered) { return -.infinity }
        guard let number = Double(text) else { throw error(value, field, "must be a number (got \(text))") }
        return number
    }

    func integer(_ value: SettingValue, _ field: String? = nil) throws(SceneError) -> Int {
        let number = try self.number(value, field)
        guard number.isFinite, number == number.rounded(), abs(number) < 1e15 else {
            let text = if case .text(let text) = value.form { text } else { "?" }
            throw error(value, field ?? key, "must be a whole number (got \(text))")
        }
        return Int(number)
    }

    func numbers(_ value: SettingValue, _ field: String) throws(SceneError) -> [Double] {
        guard case .list(let list) = value.form else { throw error(value, field, "must be a list of numbers, like [0, 1, 2]") }
        guard list.count <= 10_000 else { throw error(value, field, "has more than 10000 values") }
        return try list.map { item throws(SceneError) in try number(item, field) }
    }

    /// A mapping's entries by name, each a name in `allowed` and given once.
    func mapping(_ value: SettingValue, allowed: [String]) throws(SceneError) -> [String: SettingValue] {
        var found: [String: SettingValue] = [:]
        for (name, node) in try entries(value, allowed: allowed) { found[name] = node }
        return found
    }

    /// A mapping's entries in the order written, each a name in `allowed` and given once.
    func entries(_ value: SettingValue, allowed: [String]) throws(SceneError) -> [(String, SettingValue)] {
        guard case .mapping(let entries) = value.form else {
            throw error(value, key, "must be a mapping (key: value), not a \(kind(value))")
        }
        var seen: Set<String> = []
        var found: [(String, SettingValue)] = []
        for (name, origin, node) in entries {
            guard allowed.contains(name) else {
                throw SceneError(field: "\(key).\(name)", problem: "is not known; \(key) takes " + allowed.joined(separator: ", "),
                                 origin: origin)
            }
            guard seen.insert(name).inserted else {
                throw SceneError(field: "\(key).\(name)", problem: "is set twice", origin: origin)
            }
            found.append((name, node))
        }
        return found
    }

    /// A learning-rate schedule: `{name: step, step_size: 3, gamma: 0.5}` (milestones a list
    /// for multistep), or as a flag writes it, `step,step_size=3,gamma=0.5` (milestones=5;8).
    func schedule(_ value: SettingValue) throws(SceneError) -> Schedule {
        var name: String?
        var settings: [String: Double] = [:]
        var milestones: [Int]?
        switch value.form {
        case .text(let text):
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            name = parts[0]
            for part in parts.dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else {
                    throw error(value, "schedule", "takes its settings as name=value after its name, like step,step_size=3,gamma=0.5 (got \(part))")
                }
                if pair[0] == "milestones" {
                    let items = pair[1].split(whereSeparator: { $0 == ";" || $0 == " " })
                    guard !items.isEmpty, items.allSatisfy({ Int($0) != nil }) else {
                        throw error(value, "schedule.milestones", "must be whole numbers joined by ';', like milestones=5;8 (got \(pair[1]))")
                    }
                    milestones = items.map { Int($0)! }
                } else {
                    guard let number = Double(pair[1]) else {
                        throw error(value, "schedule.\(pair[0])", "must be a number (got \(pair[1]))")
                    }
                    settings[pair[0]] = number
                }
            }
        case .mapping(let entries):
            for (entry, _, node) in entries {
                let field = "schedule.\(entry)"
                switch entry {
                case "name": name = try text(node, field)
                case "milestones":
                    milestones = try numbers(node, field).map { v throws(SceneError) -> Int in
                        guard v == v.rounded(), abs(v) < 1e9 else { throw error(node, field, "must be whole numbers of epochs (got \(v))") }
                        return Int(v)
                    }
                default: settings[entry] = try number(node, field)
                }
            }
        case .list:
            throw error(value, "schedule", "must be a name and its settings, like {name: step, step_size: 3, gamma: 0.5}")
        }
        guard let name else {
            throw error(value, "schedule.name", "is missing: one of " + Schedule.names.joined(separator: ", "))
        }
        do { return try Schedule(name: name, numbers: settings, milestones: milestones) } catch {
            // A flag is named for the whole setting: the part of it at fault is said in the problem.
            let part = error.field.hasPrefix("schedule.") ? String(error.field.dropFirst("schedule.".count)) : nil
            throw self.error(value, error.field, (value.origin.isFlag ? part.map { "\($0) " } ?? "" : "") + error.problem)
        }
    }

    /// Seconds per stage: a mapping (`weight: 2`), or `weight=2,update=5` as a flag writes it.
    func stageSeconds(_ value: SettingValue) throws(SceneError) -> [(String, SettingValue)] {
        let stages = LessonStage.allCases.map(\.rawValue)
        guard case .text(let text) = value.form else { return try entries(value, allowed: stages) }
        var found: [(String, SettingValue)] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, Double(pair[1]) != nil else {
                throw error(value, key, "must be stage=seconds pairs joined by commas, like weight=2,update=5 (got \(text))")
            }
            guard stages.contains(pair[0]) else {
                throw error(value, key, "has no stage \(pair[0]); the stages are " + stages.joined(separator: ", "))
            }
            found.append((pair[0], SettingValue(.text(pair[1]), origin: value.origin)))
        }
        return found
    }

    /// A path as written: relative to the scene file's folder when written in one.
    func path(_ path: String, _ value: SettingValue) -> String {
        guard case .file(let file, _) = value.origin else { return path }
        return SceneFile.resolve(path, besideSceneAt: file)
    }

    /// A learning rate, keeping its text as written.
    func rate(_ value: SettingValue, _ field: String) throws(SceneError) -> LearningRate {
        guard case .text(let text) = value.form else {
            throw error(value, field, "must be a number or a list of numbers, not a \(kind(value))")
        }
        do { return try LearningRate(text) } catch { throw self.error(value, field, error.problem) }
    }

    /// An optimizer: a name, or a mapping with `name`, hyper-parameters and `lr`; a bad name
    /// given as a flag is shown as the flag's whole text (`writtenAs`, a race's list).
    func optimizer(_ value: SettingValue, writtenAs: String? = nil) throws(SceneError) -> OptimizerSpec {
        let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        func kind(_ value: SettingValue, _ field: String) throws(SceneError) -> OptimizerKind {
            let text = try self.text(value, field)
            guard let kind = OptimizerKind(rawValue: text) else {
                if case .flag = value.origin {
                    throw error(value, field, "must be one of \(known), or several joined by commas for a race (got "
                                + (writtenAs ?? text) + ")")
                }
                throw error(value, field, "must be one of \(known) (got \(text))")
            }
            return kind
        }
        if case .text = value.form {
            do { return try OptimizerSpec(try kind(value, "optimizer")) } catch let error as LessonError {
                throw self.error(value, error.field, error.problem)
            } catch let error as SceneError { throw error } catch { throw self.error(value, "optimizer", "\(error)") }
        }
        guard case .mapping(let entries) = value.form else {
            throw error(value, "optimizer", "must be a name (\(known)) or a mapping like {name: momentum, beta: 0.9}")
        }
        var name: OptimizerKind?
        var parameters: [String: Double] = [:]
        var rate: LearningRate?
        var ownSchedule: Schedule?
        var fieldOrigins: [String: Origin] = [:]
        for (entry, _, node) in entries {
            let field = "optimizer.\(entry)"
            fieldOrigins[field] = node.origin
            switch entry {
            case "name": name = try kind(node, field)
            case "lr":
                guard case .text = node.form else { throw error(node, field, "must be a number") }
                rate = try self.rate(node, field)
            case "schedule": ownSchedule = try schedule(node)
            case "nesterov":
                guard let flag = SettingReader.bool(try text(node, field)) else { throw error(node, field, "must be true or false") }
                parameters[entry] = flag ? 1 : 0
            default:
                parameters[entry] = try number(node, field)
            }
        }
        guard let name else { throw error(value, "optimizer.name", "is missing: one of \(known)") }
        do {
            var spec = try OptimizerSpec(name, parameters: parameters, rate: rate)
            spec.schedule = ownSchedule
            return spec
        } catch {
            throw SceneError(field: error.field, problem: error.problem, origin: fieldOrigins[error.field] ?? value.origin)
        }
    }

    /// YAML's words for true and false.
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }
}
