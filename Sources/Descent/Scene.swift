import Foundation

/// Everything a render needs, as a teacher writes it in a scene file.
///
/// Guarantees (checked by `validate()`, which the scene file reader and the command line
/// both call): data non-empty, x and t of equal length, all numbers finite; every
/// learning rate > 0; epochs in 1...maximumEpochs; width and height in
/// 100...8192 px after scaling; scale in 0.25...4; durations in (0, 3600] s; loop in
/// 0...65535.
public struct Scene: Sendable {
    public var x: [Double] = [0, 1, 2]
    public var t: [Double] = [0.2, 1.3, 2.4]
    public var w0: Double = 9
    public var learningRates: [Double] = [0.025]
    public var epochs: Int = 10
    public var width: Int = 800
    public var height: Int = 600
    public var scale: Double = 1
    public var language: Language?
    public var labelOverrides: [String: String] = [:]
    public var durations: [LessonStage: Double] = [:]
    public var loop: Int = 0
    public var output: String = "Output/gradient_descent.gif"
    /// Axis limits the scene sets; the notebook's for the notebook's lesson, none (all from
    /// the lesson) for a scene file that does not say.
    public var limits: LimitOverrides = .notebook
    /// Where the layout export goes, if anywhere.
    public var layout: String?
    /// Font files to try, in order, for characters DejaVu Sans lacks, before the system's.
    public var fonts: [String] = []
    /// Characters no font has are drawn as empty boxes with a warning, instead of an error.
    public var allowMissingGlyphs = false

    /// The notebook's lesson.
    public init() {}

    public static let maximumEpochs = 10_000
    public static let sizeRange = 100...8192
    public static let scaleRange = 0.25...4.0
    public static let maximumDurationSeconds = 3600.0
    public static let loopRange = 0...65535

    public var pixelWidth: Int { Int((Double(width) * scale).rounded()) }
    public var pixelHeight: Int { Int((Double(height) * scale).rounded()) }

    /// The figure's words: the notebook's, a language's, then the scene's overrides.
    public func labels() throws -> FigureLabels {
        var labels = language.map(FigureLabels.init(language:)) ?? FigureLabels()
        try labels.apply(labelOverrides)
        return labels
    }

    /// The lesson for one of the scene's learning rates.
    public func lesson(learningRate: Double) throws -> Lesson {
        try Lesson(x: x, t: t, w0: w0, learningRate: learningRate, epochs: epochs)
    }

    /// Where the GIF for `learningRate` goes: `output` itself for a single rate, else
    /// `output` with the rate before the extension (gradient_descent_lr0.15.gif).
    public func outputPath(learningRate: Double) -> String {
        let suffix = fileSuffix(learningRate: learningRate)
        return suffix.isEmpty ? output : Scene.path(output, suffix: suffix)
    }

    /// What names a rate's files apart: "_lr0.15" when the scene has several rates, else "".
    public func fileSuffix(learningRate: Double) -> String {
        guard learningRates.count > 1 else { return "" }
        return "_lr\(learningRate)"
    }

    /// WIDTHxHEIGHT in pixels ("800x600"), or nil.
    public static func parseSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        return (w, h)
    }

    /// `path` with `suffix` inserted before its extension, and a new extension if given.
    public static func path(_ path: String, suffix: String, extension newExtension: String? = nil) -> String {
        let slash = path.lastIndex(of: "/")
        let dot = path.lastIndex(of: ".").flatMap { d in slash.map { d > $0 ? d : nil } ?? d }
        let stem = dot.map { String(path[..<$0]) } ?? path
        let ext = newExtension ?? dot.map { String(path[path.index(after: $0)...]) } ?? "gif"
        return stem + suffix + "." + ext
    }

    /// Checks every guarantee; the error names the field and the accepted range.
    public func validate() throws {
        func fail(_ field: String, _ problem: String) -> SceneError { SceneError(field: field, problem: problem) }
        guard !x.isEmpty else { throw fail("data.x", "needs at least one value") }
        guard x.count == t.count else {
            throw fail("data", "x has \(x.count) values and t has \(t.count); each x needs its t")
        }
        guard x.allSatisfy(\.isFinite) else { throw fail("data.x", "every value must be a finite number") }
        guard t.allSatisfy(\.isFinite) else { throw fail("data.t", "every value must be a finite number") }
        guard w0.isFinite else { throw fail("w0", "must be a finite number (got \(w0))") }
        guard !learningRates.isEmpty else { throw fail("lr", "needs at least one learning rate") }
        for lr in learningRates where !(lr.isFinite && lr > 0) {
            throw fail("lr", "must be a finite number greater than 0 (got \(lr))")
        }
        guard Set(learningRates).count == learningRates.count else { throw fail("lr", "lists a rate twice") }
        guard (1...Scene.maximumEpochs).contains(epochs) else {
            throw fail("epochs", "must be between 1 and \(Scene.maximumEpochs) (got \(epochs))")
        }
        guard scale.isFinite, Scene.scaleRange.contains(scale) else {
            throw fail("scale", "must be between 0.25 and 4 (got \(scale))")
        }
        guard Scene.sizeRange.contains(pixelWidth), Scene.sizeRange.contains(pixelHeight) else {
            throw fail("size", "must be between 100 and 8192 px each way after scaling (got \(pixelWidth)x\(pixelHeight))")
        }
        for (stage, seconds) in durations where !(seconds.isFinite && seconds > 0 && seconds <= Scene.maximumDurationSeconds) {
            throw fail("durations.\(stage.rawValue)", "must be more than 0 and at most 3600 seconds (got \(seconds))")
        }
        guard Scene.loopRange.contains(loop) else { throw fail("loop", "must be between 0 and 65535 (got \(loop))") }
        guard !output.isEmpty else { throw fail("output", "must be a file path") }
        for path in fonts where !FileManager.default.isReadableFile(atPath: path) {
            throw fail("fonts", "\(path) cannot be read (no such file, or no permission); give font files (.ttf, .otf, .ttc)")
        }
        _ = try labels()
    }
}

/// The figure's language.
public enum Language: String, Sendable, CaseIterable {
    case es, en
}

/// A problem with a scene, named by field — and, from a file, by file and line.
public struct SceneError: Error, CustomStringConvertible, Equatable {
    public var file: String?
    public var line: Int?
    public let field: String
    public let problem: String

    public init(file: String? = nil, line: Int? = nil, field: String, problem: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
    }

    public var description: String {
        var place = ""
        if let file { place += file + ":" }
        if let line { place += "\(line):" }
        return (place.isEmpty ? "" : place + " ") + "\(field): \(problem)"
    }
}
