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
