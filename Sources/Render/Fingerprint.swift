import COpenSSL
import Descent
import Foundation
import Typeset

/// Everything that determines an output, hashed (SHA-256): descent's rendering version, the
/// scene's values after every flag (not where they came from, nor output paths), the
/// learning rate, what changes that output alone (a poster's moment; a snippet's links and
/// its poster's moment), and the content of every font file the figure uses. Each output
/// carries its own, so a `--check` of any subset of a render's outputs is fresh after it.
///
/// Every output carries it — the GIF in a comment extension, the poster in a PNG `tEXt`
/// chunk, transcripts and layouts as a `"fingerprint"` key, the snippet in an HTML comment,
/// a frames folder in its manifest — and `--check` recomputes it instead of drawing: an
/// output is fresh when its fingerprint matches. So a GIF committed from a laptop with one
/// FreeType checks fresh in CI with another, and a GIF re-encoded by another tool that
/// keeps comments (gifsicle does) stays fresh; any change of input, a font file's bytes
/// included, makes it stale. It holds no date and no machine name.
public struct Fingerprint: Equatable, Sendable, CustomStringConvertible {
    /// Bumped whenever drawing or encoding changes what the same inputs give.
    public static let renderingVersion = 7
    /// The text every output carries: `descent-fingerprint sha256:HEX`.
    public static let prefix = "descent-fingerprint sha256:"

    public let hex: String

    public var description: String { Fingerprint.prefix + hex }

    init(hex: String) { self.hex = hex }

    /// Reads `text` written as `description`.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Fingerprint.prefix) else { return nil }
        let hex = String(trimmed.dropFirst(Fingerprint.prefix.count))
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        self.hex = hex
    }

    /// The fingerprint of one rate's outputs; `fontHashes` are the SHA-256 of the font
    /// files (`fontHashes(_:)`).
    static func of(scene: Scene, rate: LearningRate, posterMoment: Moment?, links: [String], fontHashes: [String]) -> Fingerprint {
        var values = scene
        // Where values came from, and where outputs go, change no output's content.
        values.origins = [:]
        values.file = nil
        values.output = ""
        values.layout = nil
        values.fonts = []
        values.maxSeconds = nil
        values.learningRates = []
        var text = "descent rendering \(renderingVersion)\n"
        text += "scene " + canonical(values) + "\n"
        text += "rate \(rate)\n"
        text += "poster " + (posterMoment.map { "\($0.epoch):\($0.stage.rawValue)" } ?? "none") + "\n"
        text += "links " + links.joined(separator: " ") + "\n"
        for hash in fontHashes.sorted() { text += "font sha256:\(hash)\n" }
        return Fingerprint(hex: sha256Hex(Array(text.utf8)))
    }

    /// The SHA-256 of each font file.
    static func fontHashes(_ fontFiles: [String]) throws -> [String] {
        try fontFiles.map(fileHash)
    }

    private static func fileHash(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError.cannotWrite(path: path, reason: "the font file cannot be read for the fingerprint")
        }
        return sha256Hex(Array(data))
    }

    /// A value's stored properties as text, recursively, with dictionaries and sets in a
    /// sorted order (Swift's own description prints them in a per-process hash order).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary, .set:
            return "{" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "}"
        case .optional:
            return mirror.children.first.map { canonical($0.value) } ?? "nil"
        case .collection, .tuple:
            return "[" + mirror.children.map { ($0.label.map { "\($0)=" } ?? "") + canonical($0.value) }.joined(separator: ",") + "]"
        case .struct, .class:
            return "\(mirror.subjectType)(" + mirror.children.map { "\($0.label ?? "_")=" + canonical($0.value) }.joined(separator: ",") + ")"
        case .enum:
            let payload = mirror.children.map { canonical($0.value) }.joined(separator: ",")
            return payload.isEmpty ? "\(value)" : "\(mirror.subjectType).\(String(describing: value).prefix { $0 != "(" })(\(payload))"
        default:
            return String(describing: value)
        }
    }
}

/// SHA-256 of `bytes` in lowercase hex: fingerprints and the frames manifest.
func sha256Hex(_ bytes: [UInt8]) -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    let done = bytes.withUnsafeBytes { descent_sha256($0.baseAddress, $0.count, &digest) }
    precondition(done == 1, "OpenSSL's SHA-256 failed")
    return digest.map { String(format: "%02x", $0) }.joined()
}
