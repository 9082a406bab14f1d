import Foundation
import Chart
import Yams

/// Reads scene files: YAML (JSON is YAML too), every key checked, every error naming the
/// file, the line and the key.
///
/// ```yaml
/// data: { x: [0, 1, 2], t: [0.2, 1.3, 2.4] }
/// w0: 9
/// lr: 0.025          # or a list: [0.01, 0.1, 0.15, 0.21]
/// epochs: 10
/// size: 800x600
/// scale: 1
/// lang: es           # es | en
/// labels: { x: tiempo, y: cantidad de lluvia }
/// durations: { weight: 2, loss: 2, tangent: 2, step: 2, drop: 2, update: 5 }
/// loop: 0
/// output: Output/gradient_descent.gif
/// limits: { weight: [-11.25, 16.25], loss: [-200, 900], x: [-1.25, 4.25], y: [-10, 30] }
/// layout: Output/gradient_descent.layout.json
/// fonts: [fonts/NotoSansSC-Regular.otf]   # for characters DejaVu Sans lacks
/// model: affine      # linear (y = w·x) | affine (y = w·x + b)
/// b0: 0              # the intercept's start (affine only)
/// init: random       # given (w0, b0) | random (the notebook's draws)
/// seed: 7            # for init: random
/// optimizer: adam    # gd | momentum | adagrad | rmsprop | adam, or {name: momentum, beta: 0.8, lr: 0.01}
/// batch: 4           # points per step (mini-batches drawn with seed)
/// optimizers: [gd, {name: momentum, beta: 0.9}, adam]   # a race on one figure (instead of optimizer)
/// speed: 2           # every hold divided by 2
/// pace: { detailed: 3, epoch_seconds: 0.5 }   # the first 3 epochs staged, the rest one keyframe each
/// show: 0-4,9,19,49  # only these epochs drawn (all computed)
/// end_hold: 3        # the last frame held 3 s more
/// max_seconds: 600   # a longer GIF is an error
/// motion: { kind: smooth, seconds: 0.5, fps: 25 }   # or motion: smooth; cut (the default) has no frames between
/// ```
public enum SceneFile {
    /// Scene files are a screenful of settings; anything far larger is a mistake, and
    /// refusing it early keeps memory and time bounded.
    public static let maximumBytes = 1 << 20

    public static let keys = ["data", "w0", "lr", "epochs", "size", "scale", "lang", "labels",
                              "durations", "loop", "output", "limits", "layout", "fonts", "model", "b0", "init", "seed", "optimizer", "batch", "optimizers", "speed", "pace", "show",
                              "end_hold", "max_seconds", "motion"]

    /// Reads and validates the scene at `path`. Relative paths in the file (`output`,
    /// `layout`, `fonts`) are relative to the scene file's folder, so a course's
    /// `lessons/*.yaml` render the same from any working directory; paths given as flags
    /// stay relative to the working directory.
    public static func read(path: String) throws -> Scene {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SceneError(file: path, field: "scene", problem: "cannot be read (no such file, or no permission)")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: maximumBytes + 1)
        guard data.count <= maximumBytes else {
            throw SceneError(file: path, field: "scene", problem: "is larger than 1 MiB; a scene file holds a few settings")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SceneError(file: path, field: "scene", problem: "is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// `path` as written in the scene file at `file`: relative paths are taken from the
    /// file's folder, and the result stays relative to the working directory when `file`
    /// is (`lessons/../Output/a.gif` becomes `Output/a.gif`). Absolute paths and `-`
    /// (standard output) are kept as they are.
    static func resolve(_ path: String, besideSceneAt file: String) -> String {
        guard !path.isEmpty, path != "-", !path.hasPrefix("/") else { return path }
        let folder = (file as NSString).deletingLastPathComponent
        guard !folder.isEmpty, folder != "." else { return path }
        var parts: [String] = []
        let absolute = folder.hasPrefix("/")
        for part in (folder + "/" + path).split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    public static func parse(_ text: String, file: String) throws -> Scene {
        if text.utf8.contains(0) {
            throw SceneError(file: file, field: "scene", problem: "is binary, not YAML text")
        }
        if let line = tooDeep(text) {
            throw SceneError(file: file, line: line, field: "scene",
                             problem: "nests lists or mappings deeper than \(maximumNesting) levels; a scene is a flat list of settings")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SceneError(file: file, line: line(of: error), field: "scene", problem: "is not valid YAML (\(summary(of: error)))")
        } catch {
            throw SceneError(file: file, field: "scene", problem: "is not valid YAML (\(error))")
        }
        guard let root else { throw SceneError(file: file, field: "scene", problem: "is empty; write at least one setting, e.g. `lr: 0.1`") }
        guard case .mapping(let mapping) = root else {
            throw SceneError(file: file, line: root.mark?.line, field: "scene",
                             problem: "must be a mapping of settings (key: value), not a \(kind(root))")
        }
        var reader = Reader(file: file)
        var scene = Scene()
        scene.file = file
        // A teacher's scene takes its limits from its lesson unless it sets them.
        scene.limits = LimitOverrides()
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw reader.error(keyNode, "scene", "has a key that is not text")
            }
            guard SceneFile.keys.contains(key) else {
                throw reader.error(keyNode, key, "is not a scene setting; settings are " + SceneFile.keys.joined(separator: ", "))
            }
            guard seen.insert(key).inserted else { throw reader.error(keyNode, key, "is set twice") }
            try reader.apply(key, value, to: &scene)
        }
        if seen.contains("optimizer") && seen.contains("optimizers") {
            throw SceneError(file: file, line: reader.lines["optimizers"], field: "optimizers",
                             problem: "races several optimizers; `optimizer` names one — give one of the two")
        }
        // A seed alone asks for the draw; with mini-batches it draws them (and the start only
        // with `init: random`); with `init: given` and no batches it would do nothing.
        if seen.contains("seed"), !seen.contains("batch") {
            if !seen.contains("init") { scene.initialization = .random }
            if scene.initialization == .given {
                throw SceneError(file: file, line: reader.lines["seed"], field: "seed",
                                 problem: "draws the start, but `init: given` starts from w0 and b0; remove one of them")
            }
        }
        for (field, line) in reader.lines { scene.origins[field] = .file(file, line: line) }
        try scene.validate()
        return scene
    }

    /// Deeper flow nesting than any scene needs is refused before parsing: the YAML
    /// library builds its tree recursively, and 20 000 nested brackets would exhaust the stack.
    static let maximumNesting = 64

    /// The line where `[`/`{` nesting first exceeds `maximumNesting`, outside quotes and comments.
    private static func tooDeep(_ text: String) -> Int? {
        var depth = 0, line = 1
        var quote: UInt8?
        var comment = false
        var previous: UInt8 = 0x0A
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == 0x0A { line += 1; comment = false; continue }
            if comment { continue }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case 0x22, 0x27: quote = byte
            case 0x23 where previous == 0x20 || previous == 0x09 || previous == 0x0A: comment = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > maximumNesting { return line }
            case 0x5D, 0x7D: depth = Swift.max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .mapping: return "mapping"
        case .sequence: return "list"
        }
    }

    /// Converts nodes to values, remembering where each field was written.
    struct Reader {
        let file: String
        var lines: [String: Int] = [:]

        func error(_ node: Node, _ field: String, _ problem: String) -> SceneError {
            SceneError(file: file, line: node.mark?.line, field: field, problem: problem)
        }

        mutating func apply(_ key: String, _ value: Node, to scene: inout Scene) throws {
            lines[key] = value.mark?.line
            switch key {
            case "data":
                let fields = try mapping(value, key, allowed: ["x", "t"])
                guard let xs = fields["x"] else { throw error(value, "data.x", "is missing: the inputs, e.g. x: [0, 1, 2]") }
                guard let ts = fields["t"] else { throw error(value, "data.t", "is missing: the targets, e.g. t: [0.2, 1.3, 2.4]") }
                scene.x = try numbers(xs, "data.x")
                scene.t = try numbers(ts, "data.t")
            case "w0":
                scene.w0 = try number(value, "w0")
            case "lr":
                let nodes: [Node]
                if case .sequence(let list) = value { nodes = Array(list) } else { nodes = [value] }
                guard nodes.count <= 100 else { throw error(value, "lr", "lists more than 100 rates") }
                scene.learningRates = try nodes.map(rate)
            case "epochs":
                scene.epochs = try integer(value, "epochs")
            case "size":
                let text = try string(value, "size")
                guard let (w, h) = Scene.parseSize(text) else {
                    throw error(value, "size", "must be WIDTHxHEIGHT in pixels, like 800x600 (got \(text))")
                }
                scene.width = w
                scene.height = h
            case "scale":
                scene.scale = try number(value, "scale")
            case "lang":
                let text = try string(value, "lang")
                guard let language = Language(rawValue: text) else {
                    throw error(value, "lang", "must be es or en (got \(text))")
                }
                scene.language = language
            case "labels":
                let fields = try mapping(value, key, allowed: Array(FigureLabels.keys.keys).sorted())
                for (name, node) in fields {
                    scene.labelOverrides[name] = try string(node, "labels.\(name)")
                    lines["labels.\(name)"] = node.mark?.line
                }
            case "durations":
                let fields = try mapping(value, key, allowed: LessonStage.allCases.map(\.rawValue))
                for (name, node) in fields {
                    let field = "durations.\(name)"
                    scene.durations[LessonStage(rawValue: name)!] = try number(node, field)
                    lines[field] = node.mark?.line
                }
            case "loop":
                scene.loop = try integer(value, "loop")
            case "model":
                let text = try string(value, "model")
                guard let model = ModelKind(rawValue: text) else {
                    throw error(value, "model", "must be linear (y = w·x) or affine (y = w·x + b) (got \(text))")
                }
                scene.model = model
            case "b0":
                scene.b0 = try number(value, "b0")
            case "init":
                let text = try string(value, "init")
                guard let initialization = Initialization(rawValue: text) else {
                    throw error(value, "init", "must be given (start from w0 and b0) or random (draw them with `seed`) (got \(text))")
                }
                scene.initialization = initialization
            case "optimizer":
                scene.optimizer = try optimizer(value)
            case "batch":
                scene.batch = try integer(value, "batch")
            case "speed":
                scene.pacing.speed = try number(value, "speed")
            case "pace":
                let fields = try mapping(value, key, allowed: ["detailed", "epoch_seconds"])
                if let node = fields["detailed"] {
                    scene.pacing.detailed = try integer(node, "pace.detailed")
                    lines["pace.detailed"] = node.mark?.line
                }
                if let node = fields["epoch_seconds"] {
                    scene.pacing.epochSeconds = try number(node, "pace.epoch_seconds")
                    lines["pace.epoch_seconds"] = node.mark?.line
                }
            case "show":
                let text: String
                if case .sequence(let list) = value {
                    text = try list.map { String(try integer($0, "show")) }.joined(separator: ",")
                } else {
                    text = try string(value, "show")
                }
                switch Pacing.parseShow(text, epochs: scene.epochs) {
                case .success(let shown): scene.pacing.show = shown
                case .failure(let failure): throw error(value, "show", failure.problem)
                }
            case "end_hold":
                scene.pacing.endHold = try number(value, "end_hold")
            case "max_seconds":
                scene.maxSeconds = try number(value, "max_seconds")
            case "motion":
                var kind = "smooth"
                var motion = Motion()
                if case .scalar = value {
                    kind = try string(value, "motion")
                } else {
                    let fields = try mapping(value, key, allowed: ["kind", "seconds", "fps"])
                    if let node = fields["kind"] { kind = try string(node, "motion.kind") }
                    if let node = fields["seconds"] {
                        motion.seconds = try number(node, "motion.seconds")
                        lines["motion.seconds"] = node.mark?.line
                    }
                    if let node = fields["fps"] {
                        motion.fps = try number(node, "motion.fps")
                        lines["motion.fps"] = node.mark?.line
                    }
                }
                guard ["smooth", "cut"].contains(kind) else {
                    throw error(value, "motion", "must be smooth (frames in between) or cut (got \(kind))")
                }
                scene.pacing.motion = kind == "smooth" ? motion : nil
            case "optimizers":
                guard case .sequence(let list) = value, !list.isEmpty else {
                    throw error(value, "optimizers", "must be a list of optimizers, like [gd, momentum, adam]")
                }
                scene.race = try list.map { try optimizer($0) }
            case "seed":
                let text = try string(value, "seed").trimmingCharacters(in: .whitespaces)
                guard let seed = Scene.parseSeed(text) else {
                    throw error(value, "seed", "must be a whole number from 0 to \(UInt64.max) (got \(text))")
                }
                scene.seed = seed
            case "output":
                scene.output = resolve(try string(value, "output"), besideSceneAt: file)
            case "layout":
                scene.layout = resolve(try string(value, "layout"), besideSceneAt: file)
            case "fonts":
                guard case .sequence(let list) = value else {
                    throw error(value, "fonts", "must be a list of font files, like [fonts/NotoSansSC-Regular.otf]")
                }
                scene.fonts = try list.map { resolve(try string($0, "fonts"), besideSceneAt: file) }
            case "limits":
                let fields = try mapping(value, key, allowed: LimitOverrides.keys.keys.sorted())
                for (name, node) in fields {
                    let field = "limits.\(name)"
                    lines[field] = node.mark?.line
                    let pair = try numbers(node, field)
                    guard pair.count == 2, let limits = AxisLimits(pair[0], pair[1]) else {
                        throw error(node, field, "must be [lower, upper]: two finite numbers, lower < upper (got "
                                    + "[" + pair.map { "\($0)" }.joined(separator: ", ") + "])")
                    }
                    scene.limits[keyPath: LimitOverrides.keys[name]!] = limits
                }
            default:
                throw error(value, key, "is not a scene setting")
            }
        }

        func mapping(_ node: Node, _ field: String, allowed: [String]) throws -> [String: Node] {
            guard case .mapping(let mapping) = node else {
                throw error(node, field, "must be a mapping (key: value), not a \(SceneFile.kind(node))")
            }
            var out: [String: Node] = [:]
            for (keyNode, value) in mapping {
                guard let name = keyNode.string, allowed.contains(name) else {
                    throw error(keyNode, "\(field).\(keyNode.string ?? "?")",
                                "is not known; \(field) takes " + allowed.joined(separator: ", "))
                }
                guard out[name] == nil else { throw error(keyNode, "\(field).\(name)", "is set twice") }
                out[name] = value
            }
            return out
        }

        func number(_ node: Node, _ field: String) throws -> Double {
            guard case .scalar(let scalar) = node else {
                throw error(node, field, "must be a number, not a \(SceneFile.kind(node))")
            }
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            let lowered = text.lowercased()
            if [".nan", "nan"].contains(lowered) { return .nan }
            if [".inf", "+.inf", "inf"].contains(lowered) { return .infinity }
            if ["-.inf", "-inf"].contains(lowered) { return -.infinity }
            guard let value = Double(text) else { throw error(node, field, "must be a number (got \(text))") }
            return value
        }

        /// An optimizer: a name, or a mapping with `name`, hyper-parameters and `lr`.
        mutating func optimizer(_ node: Node) throws -> OptimizerSpec {
            let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
            func kind(_ node: Node, _ field: String) throws -> OptimizerKind {
                let text = try string(node, field)
                guard let kind = OptimizerKind(rawValue: text) else {
                    throw error(node, field, "must be one of \(known) (got \(text))")
                }
                return kind
            }
            if case .scalar = node { return try OptimizerSpec(kind(node, "optimizer")) }
            guard case .mapping(let mapping) = node else {
                throw error(node, "optimizer", "must be a name (\(known)) or a mapping like {name: momentum, beta: 0.9}")
            }
            var name: OptimizerKind?
            var parameters: [String: Double] = [:]
            var rate: LearningRate?
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { throw error(keyNode, "optimizer", "has a key that is not text") }
                let field = "optimizer.\(key)"
                lines[field] = value.mark?.line
                switch key {
                case "name": name = try kind(value, field)
                case "lr":
                    guard case .scalar(let scalar) = value else { throw error(value, field, "must be a number") }
                    do { rate = try LearningRate(scalar.string) } catch { throw self.error(value, field, error.problem) }
                case "nesterov":
                    guard let flag = value.bool else { throw error(value, field, "must be true or false") }
                    parameters[key] = flag ? 1 : 0
                default:
                    parameters[key] = try number(value, field)
                }
            }
            guard let name else { throw error(node, "optimizer.name", "is missing: one of \(known)") }
            do { return try OptimizerSpec(name, parameters: parameters, rate: rate) } catch {
                throw SceneError(file: file, line: lines[error.field] ?? node.mark?.line, field: error.field, problem: error.problem)
            }
        }

        /// A learning rate, keeping its text as written.
        func rate(_ node: Node) throws -> LearningRate {
            guard case .scalar(let scalar) = node else {
                throw error(node, "lr", "must be a number or a list of numbers, not a \(SceneFile.kind(node))")
            }
            do { return try LearningRate(scalar.string) } catch { throw self.error(node, "lr", error.problem) }
        }

        func integer(_ node: Node, _ field: String) throws -> Int {
            let value = try number(node, field)
            guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
                throw error(node, field, "must be a whole number (got \(node.string ?? "?"))")
            }
            return Int(value)
        }

        func numbers(_ node: Node, _ field: String) throws -> [Double] {
            guard case .sequence(let sequence) = node else {
                throw error(node, field, "must be a list of numbers, like [0, 1, 2]")
            }
            guard sequence.count <= 10_000 else { throw error(node, field, "has more than 10000 values") }
            return try sequence.map { try number($0, field) }
        }

        func string(_ node: Node, _ field: String) throws -> String {
            guard case .scalar(let scalar) = node else {
                throw error(node, field, "must be text, not a \(SceneFile.kind(node))")
            }
            return scalar.string
        }
    }
}
