import ArgumentParser
import PNG
import Raster
import Render
import Typeset
import Foundation

/// `descent typeset`: one label, text and math, to a tightly cropped transparent PNG.
struct TypesetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typeset",
        abstract: "Set a label (text with $…$ math) into a tightly cropped transparent PNG.",
        discussion: """
        LABEL is written exactly as labels are in scene files: plain text with $…$ math spans in a TeX subset (see README). Useful for putting the figure's equations on slides.

        Examples:
          descent typeset '$w_{new} = w - \\eta\\,\\frac{\\partial L}{\\partial w}$' -o update.png
          descent typeset 'Loss at $w = 9.00$: $L = 302.69$' --size 32 --color '#1f77b4' -o loss.png
        """
    )

    @Argument(help: ArgumentHelp("The label: text with $…$ math spans.", valueName: "label"))
    var label: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PNG.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Font size in points at 100 dpi, 4...400.", valueName: "pt"))
    var size: Double = 24

    @Option(help: ArgumentHelp("Text colour as #RRGGBB.", valueName: "hex"))
    var color: String = "#000000"

    @Option(help: ArgumentHelp("A font file to try for characters DejaVu Sans lacks, before the system's fonts (repeatable).", valueName: "path"))
    var font: [String] = []

    @Flag(help: "Draw characters no font has as empty boxes, with a warning, instead of stopping with an error.")
    var allowMissingGlyphs = false

    func run() throws {
        guard size.isFinite, (4...400).contains(size) else { throw CLIError("--size", "must be between 4 and 400 points (got \(size))") }
        let hex = color.hasPrefix("#") ? String(color.dropFirst()) : color
        guard hex.count == 6, let rgb = UInt32(hex, radix: 16) else {
            throw CLIError("--color", "must be #RRGGBB, like #1f77b4 (got \(color))")
        }
        for path in font where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError("--font", "\(path) cannot be read (no such file, or no permission); give font files (.ttf, .otf, .ttc)")
        }
        let fonts = try FontLibrary(extraFonts: font)
        let layout: TextLayout
        do {
            layout = try TextLayout.label(label, library: fonts, sizePixels: size * 100 / 72)
        } catch let error as MathError {
            throw error
        }
        // As `render` does: a character no font has is an error naming it, unless allowed.
        if let first = layout.missing.first {
            let problem = "'\(label)' has \(String(format: "U+%04X", first.value)) (\(Character(first))), which no font has: not "
                + "DejaVu Sans, not the fonts named with --font, not the system's (fontconfig). Install a font that has it "
                + "or name its file with --font PATH; --allow-missing-glyphs draws it as an empty box instead"
            guard allowMissingGlyphs else { throw CLIError("typeset", problem) }
            FileHandle.standardErrorWrite("descent: warning: " + problem + "\n")
        }
        guard let mask = layout.mask(baselineAt: Point(0, 0)) else { throw CLIError("typeset", "the label \"\(label)\" has no ink to draw") }
        let pad = 2
        let moved = mask.offsetBy(dx: pad - mask.bounds.x, dy: pad - mask.bounds.y)
        var canvas = Canvas(width: mask.bounds.width + 2 * pad, height: mask.bounds.height + 2 * pad, background: .clear)
        canvas.composite(moved, color: Color(rgb: rgb))
        let image = RGBAImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels)!
        try AtomicFile.write(try PNGFile.encode(image), to: output)
    }
}
