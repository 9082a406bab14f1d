import CFreeType
import Foundation

/// The three faces the figure uses, all DejaVu Sans, shipped as this module's resources.
public enum FontStyle: String, Sendable, CaseIterable {
    case regular = "DejaVuSans.ttf"
    case oblique = "DejaVuSans-Oblique.ttf"
    case bold = "DejaVuSans-Bold.ttf"
}

public enum TypesetError: Error, CustomStringConvertible, Sendable {
    case fontsNotFound(searched: [String])
    case fontUnreadable(path: String, code: Int32)

    public var description: String {
        switch self {
        case .fontsNotFound(let searched):
            return "cannot find the fonts folder (looked for Fonts/DejaVuSans.ttf in: "
                + searched.joined(separator: ", ")
                + "); set DESCENT_FONTS to the folder that holds DejaVuSans.ttf"
        case .fontUnreadable(let path, let code):
            return "cannot load font \(path) (FreeType error \(code))"
        }
    }
}

/// Owns a FreeType library and hands out fonts by style and pixel size, each with its own
/// glyph cache. FreeType objects are not thread-safe: use one library per thread.
public final class FontLibrary {
    private let library: FreeTypeHandle
    public let directory: String
    private var fonts: [FontKey: Font] = [:]
    /// Fonts the user named (a scene's `fonts`, `--font`), tried in order for characters
    /// DejaVu Sans lacks, before the system's.
    public let extraFonts: [FontFile]
    /// For each character DejaVu Sans lacks, the file that has it (nil: none has).
    private var fallbackFiles: [UInt32: FontFile?] = [:]
    private var fallbackFonts: [FallbackKey: Font] = [:]
    /// Each font file read once: every size of a face is made from the same bytes (a face
    /// per size reading its own copy cost a few hundred kilobytes a size).
    private var files: [String: FontBytes] = [:]

    private func bytes(of path: String) throws -> FontBytes {
        if let known = files[path] { return known }
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            throw TypesetError.fontUnreadable(path: path, code: -1)
        }
        let read = FontBytes(data)
        files[path] = read
        return read
    }

    /// The fallback files used so far, for the layout export.
    public private(set) var usedFallbacks: Set<FontFile> = []

    private struct FallbackKey: Hashable {
        let file: FontFile
        let sizeKey: Int64
    }

    private struct FontKey: Hashable {
        let style: FontStyle
        let sizeKey: Int64
    }

    /// Opens the fonts in `directory` (found with `locateFontDirectory()` by default).
    public init(directory: String? = nil, extraFonts: [String] = []) throws {
        let dir = try directory ?? FontLibrary.locateFontDirectory()
        self.directory = dir
        self.extraFonts = extraFonts.map { FontFile(path: $0) }
        var lib: FT_Library?
        let error = FT_Init_FreeType(&lib)
        guard error == 0, let lib else { throw TypesetError.fontUnreadable(path: dir, code: error) }
        library = FreeTypeHandle(lib)
        for style in FontStyle.allCases {
            let path = (dir as NSString).appendingPathComponent(style.rawValue)
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw TypesetError.fontsNotFound(searched: [dir])
            }
        }
    }

    /// The font of `style` at `sizePixels` (the em size in pixels: points × dpi / 72).
    public func font(_ style: FontStyle = .regular, sizePixels: Double) throws -> Font {
        let key = FontKey(style: style, sizeKey: Int64((sizePixels * 64).rounded()))
        if let font = fonts[key] { return font }
        let path = (directory as NSString).appendingPathComponent(style.rawValue)
        let font = try Font(library: library, file: FontFile(path: path), bytes: try bytes(of: path), sizePixels: sizePixels)
        fonts[key] = font
        return font
    }

    /// The font that sets `scalar`: `primary` when it has it (spaces and control characters
    /// always), else the fallback chain's; nil when no font has it.
    public func font(for scalar: Unicode.Scalar, primary: Font) -> Font? {
        if primary.glyphIndex(for: scalar) != 0 || scalar.properties.isWhitespace || scalar.value < 0x20 { return primary }
        guard let other = fallbackFont(for: scalar, sizePixels: primary.sizePixels), other.glyphIndex(for: scalar) != 0 else {
            return nil
        }
        return other
    }

    /// A font at `sizePixels` that has `scalar`, for when DejaVu Sans lacks it: the first of
    /// the user's fonts that has it, else the system's (fontconfig); nil when none has it.
    public func fallbackFont(for scalar: Unicode.Scalar, sizePixels: Double) -> Font? {
        let file: FontFile?
        if let known = fallbackFiles[scalar.value] {
            file = known
        } else {
            file = extraFonts.first { (try? face($0, sizePixels: sizePixels))?.glyphIndex(for: scalar) ?? 0 != 0 }
                ?? SystemFonts.file(for: scalar)
            fallbackFiles[scalar.value] = file
        }
        guard let file, let font = try? face(file, sizePixels: sizePixels) else { return nil }
        usedFallbacks.insert(file)
        return font
    }

    private func face(_ file: FontFile, sizePixels: Double) throws -> Font {
        let key = FallbackKey(file: file, sizeKey: Int64((sizePixels * 64).rounded()))
        if let font = fallbackFonts[key] { return font }
        let font = try Font(library: library, file: file, bytes: try bytes(of: file.path), sizePixels: sizePixels)
        fallbackFonts[key] = font
        return font
    }

    /// Where the fonts are: `$DESCENT_FONTS` when set; else the library's own resources
    /// (SwiftPM copies them beside every executable that links `Typeset`, so a library user
    /// needs no setting and no particular working directory); else the first `Fonts/`
    /// folder holding DejaVuSans.ttf above the running executable, the working directory, or
    /// this source file — for a binary copied out of its build folder.
    public static func locateFontDirectory() throws -> String {
        var searched: [String] = []
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["DESCENT_FONTS"], !explicit.isEmpty {
            if hasFonts(explicit) { return explicit }
            throw TypesetError.fontsNotFound(searched: [explicit + " (from DESCENT_FONTS)"])
        }
        if let resources = bundledFonts() { return resources }
        var starts: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: resolved).deletingLastPathComponent())
        }
        starts.append(executable.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Fonts").path
                if hasFonts(candidate) { return candidate }
                searched.append(candidate)
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw TypesetError.fontsNotFound(searched: Array(searched.prefix(6)))
    }

    /// The fonts among this module's resources. `Bundle.module` is asked only when its
    /// bundle is beside the executable: when it is not (a binary copied elsewhere) the
    /// generated accessor would stop the program instead of failing.
    private static func bundledFonts() -> String? {
        let beside = Bundle.main.bundleURL.appendingPathComponent("descent_Typeset.resources").path
        guard FileManager.default.fileExists(atPath: beside),
              let fonts = Bundle.module.url(forResource: "Fonts", withExtension: nil)?.path,
              hasFonts(fonts) else { return nil }
        return fonts
    }

    private static func hasFonts(_ dir: String) -> Bool {
        FileManager.default.isReadableFile(atPath: (dir as NSString).appendingPathComponent(FontStyle.regular.rawValue))
    }
}

/// The FreeType library, freed when the last font made from it is gone: fonts (and the
/// layouts that hold them) may outlive the FontLibrary that made them.
final class FreeTypeHandle {
    let library: FT_Library

    init(_ library: FT_Library) {
        self.library = library
    }

    deinit {
        FT_Done_FreeType(library)
    }
}

/// A font file's bytes in memory that FreeType faces read from: freed when the last face
/// made from them is gone.
final class FontBytes {
    let buffer: UnsafeMutableBufferPointer<FT_Byte>

    init(_ data: Data) {
        buffer = .allocate(capacity: data.count)
        _ = buffer.initialize(from: data)
    }

    deinit {
        buffer.deallocate()
    }
}
