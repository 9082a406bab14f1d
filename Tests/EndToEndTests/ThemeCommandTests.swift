import Foundation
import TestSupport
import XCTest

/// `--theme`: one theme, or several rendered together, all or none, each checked by `--check`.
final class ThemeCommandTests: CommandTestCase {
    override class var scratchName: String { "theme" }

    /// The first pixel of the first frame, as Pillow decodes it: the page's colour.
    private func page(_ gif: String) throws -> String {
        let read = try runPython("import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('RGB'); "
                                 + "print('#%02x%02x%02x' % im.getpixel((0, 0)))", [gif])
        XCTAssertEqual(read.status, 0)
        return read.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testEachThemeDrawsOnItsPage() throws {
        for (theme, background) in [("light", "#ffffff"), ("dark", "#1b1b1b"), ("notebook", "#ffffff")] {
            let gif = folder + "/\(theme).gif"
            let run = try descent(["render", "-q", "--epochs", "1", "--size", "400x400", "--theme", theme, "-o", gif])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try page(gif), background, theme)
        }
    }

    func testTwoThemesWriteTwoGIFsAndAPageThatFollowsTheScheme() throws {
        let gif = folder + "/lesson.gif", html = folder + "/lesson.html"
        let flags = ["render", "-q", "--epochs", "1", "--size", "400x400", "--theme", "light,dark", "-o", gif, "--html", html]
        let run = try descent(flags)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try page(gif), "#ffffff")
        XCTAssertEqual(try page(folder + "/lesson-dark.gif"), "#1b1b1b")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/lesson_poster-dark.png"))
        let snippet = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(snippet.contains(#"<source srcset="lesson-dark.gif" media="(prefers-color-scheme: dark)">"#), snippet)
        XCTAssertTrue(snippet.contains(#"media="(prefers-reduced-motion: reduce) and (prefers-color-scheme: dark)""#), snippet)
        XCTAssertEqual(try descent(flags + ["--check"]).status, 0, "fresh")
        // The other theme's GIF is checked too.
        try Data("GIF89a".utf8).write(to: URL(fileURLWithPath: folder + "/lesson-dark.gif"))
        let stale = try descent(flags + ["--check"])
        XCTAssertEqual(stale.status, 1)
    }

    func testAnUnwritableOtherThemeWritesNothing() throws {
        try FileManager.default.createDirectory(atPath: folder + "/lesson-dark.gif", withIntermediateDirectories: false)
        let run = try descent(["render", "-q", "--epochs", "1", "--size", "400x400", "--theme", "light,dark", "-o", folder + "/lesson.gif"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("lesson-dark.gif"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/lesson.gif"), "all or none")
    }

    /// `-o lesson.webp`: the animated WebP alone (the GIF made in memory for its pixels),
    /// checked by --check like a GIF; another extension is an error naming both.
    func testAWebPOutputAloneWritesNoGIF() throws {
        let webp = folder + "/lesson.webp"
        let flags = ["render", "-q", "--epochs", "1", "--size", "400x400", "--theme", "dark", "-o", webp]
        XCTAssertEqual(try descent(flags).status, 0)
        let read = try runPython("import sys; from PIL import Image; im = Image.open(sys.argv[1]); "
                                 + "print(im.format, im.n_frames > 1, '#%02x%02x%02x' % im.convert('RGB').getpixel((0, 0)))", [webp])
        XCTAssertEqual(read.output.trimmingCharacters(in: .whitespacesAndNewlines), "WEBP True #1b1b1b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["lesson.webp"], "no GIF beside it")
        XCTAssertEqual(try descent(flags + ["--check"]).status, 0, "fresh")
        let png = try descent(["render", "-q", "-o", folder + "/lesson.png"])
        XCTAssertEqual(png.status, 2)
        XCTAssertTrue(png.stderr.contains("the GIF is written as .gif; name it with that extension (like out.gif), or .webp for an animated WebP alone"),
                      png.stderr)
    }

    func testBadThemesAreErrorsNamingTheFlag() throws {
        for (value, message) in [("sepia", "--theme: must be light (the default, WCAG 2.1 AA), dark or notebook (the seed's colours), or several of them like light,dark (got sepia)"),
                                 ("dark,dark", "--theme: names dark twice")] {
            let run = try descent(["render", "-q", "--theme", value, "-o", folder + "/bad.gif"])
            XCTAssertEqual(run.status, 2)
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/bad.gif"))
        }
    }
}
