import Foundation
import TestSupport
import XCTest
@testable import Descent

/// A seeded fuzzer for the scene parser: mutations of the example scenes and of a
/// regression corpus (Fixtures/fuzz/, every file replayed on every run). Each input must
/// parse into a valid scene or fail with a SceneError; nothing may crash or hang.
/// `make fuzz` runs it for FUZZ_SECONDS (default here: a quick pass).
final class SceneFuzzTests: XCTestCase {
    private func corpus() throws -> [String] {
        try files().map(\.text)
    }

    private func files() throws -> [(name: String, text: String)] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "fuzz", withExtension: nil, subdirectory: "Fixtures"))
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
            .map { ($0.lastPathComponent, String(decoding: try Data(contentsOf: $0), as: UTF8.self)) }
    }

    /// What each replayed file must do: parse into a valid scene (nil), or fail naming this
    /// key. A new file in the corpus needs its line here.
    static let expected: [String: String?] = [
        // Its anchors sit at the top level, so the unknown key "a" stops it first (the alias
        // defence itself is proven by SceneFileTests, with the bomb inside data).
        "aliases.yaml": "a",
        "bad_math_labels.yaml": "labels.x",
        "deep_nesting.yaml": "scene",
        "learning_rates.yaml": nil,
        "seed_en.yaml": nil,
        "seed_es.yaml": nil,
    ]

    func testEveryCorpusFileHasItsExpectedOutcome() throws {
        let corpus = try files()
        XCTAssertEqual(Set(corpus.map(\.name)), Set(SceneFuzzTests.expected.keys), "every replayed file has an expected outcome")
        for (name, text) in corpus {
            guard let expected = SceneFuzzTests.expected[name] else { continue }
            do {
                let scene = try SceneFile.parse(text, file: name)
                try scene.validate()
                XCTAssertNil(expected, "\(name) parsed, but should fail naming \(expected ?? "")")
            } catch let error as SceneError {
                XCTAssertEqual(error.field, expected, "\(name): \(error)")
            }
        }
    }

    private func survives(_ text: String) -> Bool {
        do {
            let scene = try SceneFile.parse(text, file: "fuzz.yaml")
            XCTAssertNoThrow(try scene.validate(), text)
        } catch is SceneError {
        } catch {
            XCTFail("not a SceneError for \(text.debugDescription): \(error)")
            return false
        }
        return true
    }

    func testRegressionCorpusIsReplayed() throws {
        let inputs = try corpus()
        XCTAssertGreaterThanOrEqual(inputs.count, 5)
        for input in inputs { XCTAssertTrue(survives(input)) }
    }

    func testMutatedScenesParseOrFailCleanly() throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = Double(environment["FUZZ_SECONDS"] ?? "") ?? 2
        var rng = Mutator(seed: UInt64(environment["FUZZ_SEED"] ?? "") ?? 20261127)
        let seeds = try corpus()
        let deadline = Date().addingTimeInterval(seconds)
        var runs = 0
        while Date() < deadline {
            var text = seeds[rng.below(seeds.count)]
            for _ in 0...rng.below(4) { text = rng.mutate(text) }
            guard survives(text) else { return }
            runs += 1
        }
        print("scene fuzz: \(runs) inputs in \(seconds) s, seed \(rng.seed)")
        XCTAssertGreaterThan(runs, 100)
    }
}

/// Mutations that keep inputs close to YAML, where the parser's interesting paths are.
struct Mutator {
    private var random: SplitMix
    var seed: UInt64 { random.seed }

    init(seed: UInt64) {
        random = SplitMix(seed: seed)
    }

    mutating func below(_ n: Int) -> Int { random.below(n) }

    static let pieces = ["[", "]", "{", "}", ":", ",", "-", " ", "\n", "  ", "&a", "*a", "!!str", "#", "\"", "'",
                         "0", "1e308", "-1", ".nan", ".inf", "1e-320", "x", "t", "lr", "epochs", "size", "800x600",
                         "$", "\\frac{", "_", "^", "\\", "labels", "durations", "update", "\u{0}", "é", "∂", "|", ">"]

    mutating func mutate(_ text: String) -> String {
        var chars = Array(text)
        let at = chars.isEmpty ? 0 : below(chars.count)
        switch below(6) {
        case 0 where !chars.isEmpty:
            chars.remove(at: at)
        case 1:
            chars.insert(contentsOf: Mutator.pieces[below(Mutator.pieces.count)], at: at)
        case 2 where !chars.isEmpty:
            chars[at] = Mutator.pieces[below(Mutator.pieces.count)].first ?? " "
        case 3:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.isEmpty ? "" : lines[below(lines.count)]
            return text + "\n" + line
        case 4 where chars.count > 2:
            let end = min(chars.count, at + 1 + below(20))
            chars.insert(contentsOf: chars[at..<end], at: at)
        default:
            let depth = 1 + below(80)
            chars.insert(contentsOf: String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth), at: at)
        }
        return String(chars)
    }
}
