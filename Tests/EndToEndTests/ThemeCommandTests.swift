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

    /// `--background none` (or `background: none` in a scene file): the page is transparent in
    /// the GIF (its transparent index, read by Pillow), the WebP and the poster (alpha), the
    /// plot's ink is not, and any other value is an error naming the flag or the field.
    func testATransparentBackgroundLeavesThePageOutEverywhere() throws {
        let scene = folder + "/slides.yaml"
        try "epochs: 2\nsize: 400x400\nbackground: none\n".write(toFile: scene, atomically: true, encoding: .utf8)
        let gif = folder + "/slides.gif", webp = folder + "/slides.webp", poster = folder + "/slides.png"
        let run = try descent(["render", "-q", scene, "-o", gif, "--webp", webp, "--poster", poster])
        XCTAssertEqual(run.status, 0, run.stderr)
        // The corner is the page; the middle of the loss panel's bottom spine is ink.
        let read = try runPython("""
            import sys
            from PIL import Image
            for path in sys.argv[1:]:
                im = Image.open(path)
                clear = []
                for k in range(getattr(im, 'n_frames', 1)):
                    im.seek(k)
                    rgba = im.convert('RGBA')
                    clear.append(sum(1 for a in rgba.getchannel('A').getdata() if a == 0) / (400 * 400))
                print(im.format, rgba.getpixel((0, 0))[3], round(min(clear), 2) > 0.5, max(a for a in rgba.getchannel('A').getdata()))
            """, [gif, webp, poster])
        XCTAssertEqual(read.status, 0, read.output)
        XCTAssertEqual(read.output.split(separator: "\n").map(String.init), ["GIF 0 True 255", "WEBP 0 True 255", "PNG 0 True 255"])
        XCTAssertEqual(try descent(["render", "-q", scene, "-o", gif, "--webp", webp, "--poster", poster, "--check"]).status, 0, "fresh")
        // The same lesson on its page is another render: stale.
        XCTAssertEqual(try descent(["render", "-q", scene, "--background", "page", "-o", gif, "--check"]).status, 1)

        let bad = try descent(["render", "-q", "--background", "blue", "-o", folder + "/bad.gif"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--background: must be page (the theme's, the default) or none (transparent, for slides) (got blue)"), bad.stderr)
        try "background: transparent\n".write(toFile: scene, atomically: true, encoding: .utf8)
        let badFile = try descent(["render", "-q", scene, "-o", folder + "/bad.gif"])
        XCTAssertEqual(badFile.status, 2)
        XCTAssertTrue(badFile.stderr.contains("slides.yaml:1") && badFile.stderr.contains("background"), badFile.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/bad.gif"))
    }
}
