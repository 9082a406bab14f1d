/// What a render's messages may name: an option of `RenderOptions` or a scene setting that
/// changes what a render gives. The library words them by their own names (`threads`,
/// `pace.detailed`); a program that gives them other names — the command line's flags —
/// passes its own words in `RenderOptions.naming`, so only the command line speaks of flags.
public enum RenderName: Sendable, CaseIterable {
    case output, threads, framesDirectory, check, poster, posterStage, fonts, font, allowMissingGlyphs
    case detailed, show, speed

    /// The library's word: the `RenderOptions` field or the scene key.
    public var libraryName: String {
        switch self {
        case .output: return "output"
        case .threads: return "threads"
        case .framesDirectory: return "framesDirectory"
        case .check: return "check"
        case .poster: return "poster"
        case .posterStage: return "posterMoment"
        case .fonts, .font: return "`fonts:`"
        case .allowMissingGlyphs: return "allowMissingGlyphs"
        case .detailed: return "pace.detailed"
        case .show: return "show"
        case .speed: return "speed"
        }
    }
}
