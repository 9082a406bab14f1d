import Foundation
import XCTest
import Raster
@testable import Typeset

/// Labels are shaped by HarfBuzz and ordered by FriBidi: the glyphs and advances are those
/// of HarfBuzz's own `hb-shape` (Debian's libharfbuzz-bin, installed by `make test`).
final class ShapingTests: XCTestCase {
    /// `hb-shape`'s glyph ids and advances (in font units) for `text` in `font`.
    private func reference(_ text: String, font: String) throws -> [(glyph: UInt32, advance: Double)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/hb-shape")
        process.arguments = [font, text, "--no-glyph-names", "--output-format=json"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let glyphs = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return glyphs.map { (UInt32($0["g"] as! Int), Double($0["ax"] as! Int)) }
    }

    /// Our layout's glyphs and advances at 32 px, where one pixel is 64 units of a
    /// 2048-unit em (DejaVu Sans's and WenQuanYi Micro Hei's).
    private func ours(_ text: String, library: FontLibrary) throws -> [(glyph: UInt32, advance: Double)] {
        let layout = try TextLayout.label(text, library: library, sizePixels: 32)
        let xs = layout.glyphs.map(\.x) + [layout.width]
        return layout.glyphs.enumerated().map { (i, g) in (g.index, (xs[i + 1] - xs[i]) * 64) }
    }

    private func assertMatches(_ text: String, font: String, library: FontLibrary,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try reference(text, font: font)
        let actual = try ours(text, library: library)
        XCTAssertEqual(actual.map(\.glyph), expected.map(\.glyph), "glyph ids of \(text)", file: file, line: line)
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a.advance, e.advance, accuracy: 1, "advance in \(text)", file: file, line: line)
        }
    }

    func testLatinArabicAndChineseMatchHarfBuzz() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: "/usr/bin/hb-shape"),
                      "hb-shape is missing: run scripts/install-deps.sh --test")
        let library = try FontLibrary()
        let dejavu = library.directory + "/DejaVuSans.ttf"
        try assertMatches("AVa To, fi = 302.69", font: dejavu, library: library)
        // Arabic joins (initial, medial and final forms) and reads right to left.
        try assertMatches("مرحبا بالعالم", font: dejavu, library: library)
        try assertMatches("时间降雨", font: FontFallbackTests.cjkFont, library: library)
    }

    func testArabicLettersTakeTheirJoiningForms() throws {
        let library = try FontLibrary()
        let font = try library.font(sizePixels: 32)
        let joined = try TextLayout.label("بب", library: library, sizePixels: 32).glyphs.map(\.index)
        let isolated = font.glyphIndex(for: "ب")
        XCTAssertEqual(joined.count, 2)
        XCTAssertFalse(joined.contains(isolated), "two joined behs are final and initial forms, not the isolated one")
    }

    func testMixedDirectionsReadInTheirOwnOrder() throws {
        // A left-to-right paragraph (its first strong letter is Latin) with an Arabic word:
        // "A", space, the Arabic word as HarfBuzz orders it right to left, space, "B".
        let library = try FontLibrary()
        let dejavu = library.directory + "/DejaVuSans.ttf"
        let arabic = try reference("خسارة", font: dejavu).map(\.glyph)
        let font = try library.font(sizePixels: 32)
        let ids = try TextLayout.label("A خسارة B", library: library, sizePixels: 32).glyphs.map(\.index)
        XCTAssertEqual(ids, [font.glyphIndex(for: "A"), font.glyphIndex(for: " ")] + arabic
                            + [font.glyphIndex(for: " "), font.glyphIndex(for: "B")])
        XCTAssertEqual(Bidi.visualRuns([0, 0, 1, 1, 2, 2, 1, 0]).map(\.range),
                       [0..<2, 6..<7, 4..<6, 2..<4, 7..<8], "rule L2: reverse from the highest level down")
    }
}
