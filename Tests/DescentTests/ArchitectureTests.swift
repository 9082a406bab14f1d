import Foundation
import XCTest

/// The module boundaries of docs/ARCHITECTURE.md that the compiler cannot see by itself:
/// `../shared/tools/imports.py` looks at whole modules, so a file of the lesson's arithmetic
/// that reached for drawing would pass it as long as its module already imported drawing.
final class ArchitectureTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The modules that draw, lay out text or read YAML.
    private let drawing: Set<String> = ["Raster", "Typeset", "Chart", "GIF", "PNG", "Render", "Descent", "Timeline", "Yams",
                                        "CFreeType", "CHarfBuzz", "CFriBidi", "CFontconfig", "CGIF", "CPNG"]

    private func imports(ofFolder folder: String) throws -> [String: Set<String>] {
        let url = root.appendingPathComponent(folder)
        var found: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            found[name] = Set(text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                guard words.count >= 2, words[0] == "import" else { return nil }
                return String(words[words.count - 1].split(separator: ".")[0])
            })
        }
        return found
    }

    func testNoFileOfTheLessonsArithmeticImportsDrawingOrYAML() throws {
        let files = try imports(ofFolder: "Sources/LessonMath")
        XCTAssertGreaterThanOrEqual(files.count, 10, "the arithmetic's files are where this test looks")
        XCTAssertNotNil(files["OptimizerSpec.swift"])
        for (file, modules) in files {
            XCTAssertTrue(modules.isSubset(of: ["Foundation"]), "\(file) imports \(modules.sorted())")
            XCTAssertTrue(modules.isDisjoint(with: drawing), "\(file) imports drawing: \(modules.intersection(drawing).sorted())")
        }
    }

    func testTheArithmeticTargetDependsOnNothingOfOurs() throws {
        let package = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        XCTAssertTrue(package.contains(".target(name: \"LessonMath\")"),
                      "LessonMath is declared without dependencies, so the compiler refuses a drawing import")
    }

    /// The figure layer's words about optimizers stay out of the numbers, and the numbers'
    /// names (PyTorch's buffers) are typed, not strings.
    func testOptimizerWordsLiveInTheFigureLayer() throws {
        let arithmetic = try imports(ofFolder: "Sources/LessonMath").keys
        XCTAssertFalse(arithmetic.contains("OptimizerWords.swift"))
        XCTAssertTrue(try imports(ofFolder: "Sources/Descent").keys.contains("OptimizerWords.swift"))
        let spec = try String(contentsOf: root.appendingPathComponent("Sources/LessonMath/OptimizerSpec.swift"), encoding: .utf8)
        for word in ["\\eta", "\"gradient descent\"", "\"Adam\"", "var title"] {
            XCTAssertFalse(spec.contains(word), "OptimizerSpec.swift holds figure words: \(word)")
        }
    }
}
