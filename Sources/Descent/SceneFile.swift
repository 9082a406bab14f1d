import Foundation
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

    /// The settings a scene file may hold, in the order README lists them.
    public static var keys: [String] { SceneKey.allCases.map(\.rawValue) }

    /// Reads and validates the scene at `path`. Relative paths in the file (`output`,
    /// `layout`, `fonts`) are relative to the scene file's folder, so a course's
    /// `lessons/*.yaml` render the same from any working directory; paths given as flags
    /// stay relative to the working directory.
    public static func read(path: String) throws -> Scene {
        let scene = try load(path: path)
        try scene.validate()
        return scene
    }

    /// The scene at `path` with the file's settings applied but not yet validated: a
    /// command line applies its flags over it, then the render validates the whole.
    public static func load(path: String) throws -> Scene {
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
        return try settings(text, file: path)
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

    /// The scene that `text`, a scene file's content, describes, validated.
    public static func parse(_ text: String, file: String) throws -> Scene {
        let scene = try settings(text, file: file)
        try scene.validate()
        return scene
    }

    /// The notebook's scene with `text`'s settings applied (its limits from the lesson
    /// unless it sets them), not yet validated.
    static func settings(_ text: String, file: String) throws -> Scene {
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
        var scene = Scene()
        scene.file = file
        // A teacher's scene takes its limits from its lesson unless it sets them.
        scene.limits = LimitOverrides()
        var settings: [(key: SceneKey, value: SettingValue)] = []
        for (keyNode, value) in mapping {
            let at = Origin.file(file, line: keyNode.mark?.line)
            guard let name = keyNode.string else {
                throw SceneError(field: "scene", problem: "has a key that is not text", origin: at)
            }
            guard let key = SceneKey(rawValue: name) else {
                throw SceneError(field: name, problem: "is not a scene setting; settings are "
                                 + SceneKey.allCases.map(\.rawValue).joined(separator: ", "), origin: at)
            }
            guard !settings.contains(where: { $0.key == key }) else { throw SceneError(field: name, problem: "is set twice", origin: at) }
            var budget = maximumValues
            settings.append((key, try setting(value, file: file, field: name, budget: &budget)))
        }
        try scene.apply(settings)
        return scene
    }

    /// The most values one setting may hold: two lists of `data` at their longest, and room.
    /// YAML's aliases can make a short file stand for billions of values ("billion laughs");
    /// counting them as they are read refuses such a file at once.
    static let maximumValues = 100_000

    /// A YAML node as a setting's value, each part with the line it is on; more than
    /// `budget` values in all is an error naming `field`.
    static func setting(_ node: Node, file: String, field: String, budget: inout Int) throws -> SettingValue {
        let origin = Origin.file(file, line: node.mark?.line)
        budget -= 1
        guard budget >= 0 else {
            throw SceneError(field: field, problem: "holds more than \(maximumValues) values (through aliases, perhaps); "
                             + "a scene file holds a few settings and at most 10000 data points", origin: origin)
        }
        switch node {
        case .scalar(let scalar):
            return SettingValue(.text(scalar.string), origin: origin)
        case .sequence(let sequence):
            var items: [SettingValue] = []
            for item in sequence { items.append(try setting(item, file: file, field: field, budget: &budget)) }
            return SettingValue(.list(items), origin: origin)
        case .mapping(let mapping):
            var entries: [(key: String, origin: Origin, value: SettingValue)] = []
            for (key, value) in mapping {
                let name = key.string ?? "?"
                entries.append((name, Origin.file(file, line: key.mark?.line),
                                try setting(value, file: file, field: field + "." + name, budget: &budget)))
            }
            return SettingValue(.mapping(entries), origin: origin)
        }
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
}
