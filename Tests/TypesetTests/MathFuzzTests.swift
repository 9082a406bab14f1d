import Foundation
import Raster
import TestSupport
import XCTest
@testable import Typeset

/// A seeded fuzzer for the math parser and typesetter: mutated labels either lay out and
/// draw, or fail with a MathError naming a column inside the label. Fixtures/fuzz_labels.txt
/// holds inputs that once misbehaved; every run replays them. `make fuzz` runs it for
/// FUZZ_SECONDS.
final class MathFuzzTests: XCTestCase {
    // XCTest runs a class's tests one at a time, on one thread.
    nonisolated(unsafe) private static let library = try! FontLibrary()

    private func survives(_ label: String) -> Bool {
        do {
            try TextLayout.check(label)
            let layout = try TextLayout.label(label, library: MathFuzzTests.library, sizePixels: 12)
            XCTAssertTrue(layout.width.isFinite && layout.ascent.isFinite && layout.descent.isFinite, label)
            _ = layout.mask(baselineAt: Point(0, 20))
        } catch let error as MathError {
            XCTAssertTrue((1...label.count + 1).contains(error.column), "\(label.debugDescription): column \(error.column)")
        } catch {
            XCTFail("not a MathError for \(label.debugDescription): \(error)")
            return false
        }
        return true
    }

    private func corpus() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz_labels.txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testRegressionLabelsAreReplayed() throws {
        for label in try corpus() { XCTAssertTrue(survives(label)) }
    }

    func testMutatedLabelsLayOutOrFailWithAColumn() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = Double(environment["FUZZ_SECONDS"] ?? "") ?? 2
        var random = SplitMix(seed: UInt64(environment["FUZZ_SEED"] ?? "") ?? 1127)
        func next() -> Int { Int(truncatingIfNeeded: random.next() >> 1) }
        let pieces = ["$", "{", "}", "_", "^", "\\frac", "\\sqrt", "\\left(", "\\right)", "\\left", "\\right", "\\sum",
                      "\\alpha", "\\text{", "\\mathrm{", "\\,", "\\", "x", "2", "-", "+", "=", "(", ")", "\\partial", "'", " ",
                      "\\hat", "\\bar{", "\\vec", "\\mathbf{", "\\mathbb{", "\\mathcal{", "\\min", "\\log", "\\in",
                      "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", "\\begin{bmatrix}", "\\operatorname{", "''"]
        let seeds = MathTests.constructs + MathTests.newConstructs.map(\.label) + (try corpus())
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        while Date() < deadline {
            var chars = Array(seeds[next() % seeds.count])
            for _ in 0...(next() % 4) {
                let at = chars.isEmpty ? 0 : next() % chars.count
                switch next() % 3 {
                case 0 where !chars.isEmpty: chars.remove(at: at)
                case 1: chars.insert(contentsOf: pieces[next() % pieces.count], at: at)
                default: chars.insert(contentsOf: chars[at..<min(chars.count, at + next() % 12)], at: at)
                }
            }
            guard survives(String(chars)) else { return }
            runs += 1
        }
        print("math fuzz: \(runs) inputs in \(seconds) s, seed \(random.seed)")
        XCTAssertGreaterThan(runs, 100)
    }
}
