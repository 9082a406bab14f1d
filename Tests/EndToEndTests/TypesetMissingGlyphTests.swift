import Foundation
import XCTest

/// `descent typeset` refuses a character no font has, as `render` does, with the same escape.
final class TypesetMissingGlyphTests: CommandTestCase {
    override class var scratchName: String { "typeset" }

    func testACharacterNoFontHasIsAnErrorUnlessAllowed() throws {
        let png = folder + "/clef.png"
        let refused = try descent(["typeset", "a clef 𝄞", "-o", png])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("U+1D11E (𝄞), which no font has"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--allow-missing-glyphs"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: png), "nothing written")
        let allowed = try descent(["typeset", "a clef 𝄞", "-o", png, "--allow-missing-glyphs"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("warning"), allowed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: png))
        let missingFont = try descent(["typeset", "x", "-o", png, "--font", folder + "/none.ttf"])
        XCTAssertEqual(missingFont.status, 2)
        XCTAssertTrue(missingFont.stderr.contains("--font: "), missingFont.stderr)
    }
}
