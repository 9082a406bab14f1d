import XCTest
import Raster
@testable import Typeset

/// Characters DejaVu Sans lacks come from the fonts the user names, then the system's
/// (fontconfig); characters no font has are reported, not silently drawn as boxes.
/// `make test` installs Debian's fonts-wqy-microhei for these tests.
final class FontFallbackTests: XCTestCase {
    static let cjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: FontFallbackTests.cjkFont),
                      "the CJK test font is missing: run scripts/install-deps.sh --test")
    }

    /// DejaVu Sans is a resource of the library: found with no DESCENT_FONTS, from any
    /// working directory; DESCENT_FONTS still overrides.
    func testTheFontsAreTheLibrarysOwnResources() throws {
        let saved = ProcessInfo.processInfo.environment["DESCENT_FONTS"]
        let directory = FileManager.default.currentDirectoryPath
        defer {
            if let saved { setenv("DESCENT_FONTS", saved, 1) } else { unsetenv("DESCENT_FONTS") }
            FileManager.default.changeCurrentDirectoryPath(directory)
        }
        unsetenv("DESCENT_FONTS")
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(NSTemporaryDirectory()))
        let found = try FontLibrary.locateFontDirectory()
        XCTAssertTrue(found.contains("descent_Typeset.resources/Fonts"), "fonts from the resource bundle, not \(found)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: found + "/" + FontStyle.regular.rawValue))

        let elsewhere = NSTemporaryDirectory() + "descent-fonts-\(getpid())"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.copyItem(atPath: found + "/" + FontStyle.regular.rawValue,
                                         toPath: elsewhere + "/" + FontStyle.regular.rawValue)
        setenv("DESCENT_FONTS", elsewhere, 1)
        XCTAssertEqual(try FontLibrary.locateFontDirectory(), elsewhere)
        setenv("DESCENT_FONTS", elsewhere + "/missing", 1)
        XCTAssertThrowsError(try FontLibrary.locateFontDirectory()) {
            XCTAssertTrue("\($0)".contains("DESCENT_FONTS"), "\($0)")
        }
    }

    func testChineseComesFromTheSystemsCJKFont() throws {
        let library = try FontLibrary()
        let layout = try TextLayout.label("时间 (h)", library: library, sizePixels: 16)
        XCTAssertEqual(layout.missing, [])
        XCTAssertEqual(library.usedFallbacks.map(\.path), [FontFallbackTests.cjkFont])
        let plain = try library.font(sizePixels: 16)
        XCTAssertEqual(plain.glyphIndex(for: "时"), 0, "DejaVu Sans has no CJK: the glyph really came from the fallback")
        XCTAssertGreaterThan(layout.width, TextLayout(" (h)", font: plain).width + 16, "two full-width characters")
        XCTAssertGreaterThanOrEqual(layout.ascent, try XCTUnwrap(library.fallbackFont(for: "时", sizePixels: 16)).fallbackAscent,
                                    "the line box holds the taller CJK glyphs")
        let mask = try XCTUnwrap(layout.mask(baselineAt: Point(0, 20)))
        XCTAssertGreaterThan(mask.area, 40, "the characters are inked")
    }

    func testFontsTheUserNamesComeFirst() throws {
        let bold = try FontLibrary.locateFontDirectory() + "/DejaVuSans-Bold.ttf"
        let library = try FontLibrary(extraFonts: [bold, FontFallbackTests.cjkFont])
        _ = try TextLayout.label("降雨量", library: library, sizePixels: 16)
        XCTAssertEqual(library.usedFallbacks, [FontFile(path: FontFallbackTests.cjkFont)],
                       "the first named font that has the characters (bold DejaVu has none)")
    }

    func testCharactersNoFontHasAreReportedInTextAndMath() throws {
        let library = try FontLibrary()
        XCTAssertEqual(try TextLayout.label("a \u{10FFFD} b", library: library, sizePixels: 16).missing, ["\u{10FFFD}"])
        XCTAssertEqual(try TextLayout.label("$x + \\text{\u{10FFFD}}$", library: library, sizePixels: 16).missing, ["\u{10FFFD}"])
        XCTAssertEqual(try TextLayout.label("$\\text{时} = 1$", library: library, sizePixels: 16).missing, [], "math text falls back too")
    }
}
