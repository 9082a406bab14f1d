import CFontconfig
import Foundation
import Synchronization

/// A font file and the face in it (collections such as .ttc hold several).
public struct FontFile: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let index: Int

    public init(path: String, index: Int = 0) {
        self.path = path
        self.index = index
    }

    public var description: String { index == 0 ? path : "\(path)#\(index)" }
}

/// The system's fonts, through fontconfig: for a character DejaVu Sans and the fonts the
/// user named lack, the first font fontconfig sorts for sans-serif text that has it. The
/// same font files and configuration give the same choice.
enum SystemFonts {
    /// fontconfig's configuration, loaded once and only read after; queries go one at a
    /// time under `lock`, so the C state is never touched by two threads at once.
    nonisolated(unsafe) private static let config: OpaquePointer? = FcInitLoadConfigAndFonts()
    private static let lock = Mutex(())

    static func file(for scalar: Unicode.Scalar) -> FontFile? {
        guard let config else { return nil }
        return lock.withLock { _ in query(scalar, config) }
    }

    private static func query(_ scalar: Unicode.Scalar, _ config: OpaquePointer) -> FontFile? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        let wanted = FcCharSetCreate()
        defer { FcCharSetDestroy(wanted) }
        FcCharSetAddChar(wanted, scalar.value)
        _ = "sans-serif".withCString { FcPatternAddString(pattern, "family", UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcPatternAddCharSet(pattern, "charset", wanted)
        FcPatternAddBool(pattern, "scalable", FcBool(1))
        FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultMatch
        guard let sorted = FcFontSort(config, pattern, FcBool(1), nil, &result) else { return nil }
        defer { FcFontSetDestroy(sorted) }
        for i in 0..<Int(sorted.pointee.nfont) {
            guard let font = sorted.pointee.fonts[i] else { continue }
            var charset: OpaquePointer?
            guard FcPatternGetCharSet(font, "charset", 0, &charset) == FcResultMatch, let charset,
                  FcCharSetHasChar(charset, scalar.value) != 0 else { continue }
            var file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(font, "file", 0, &file) == FcResultMatch, let file else { continue }
            var index: Int32 = 0
            _ = FcPatternGetInteger(font, "index", 0, &index)
            return FontFile(path: String(cString: file), index: Int(index))
        }
        return nil
    }
}
