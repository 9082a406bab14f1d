import Foundation
import XCTest

/// A course at once: folders of scenes in one command, in parallel; a second run renders
/// nothing and touches nothing; edited scenes are exactly the ones rendered again; `--check`
/// lists exactly the stale ones; a broken scene fails alone; two scenes writing one file are
/// refused before anything is drawn.
final class CourseTests: CommandTestCase {
    override class var scratchName: String { "course" }

    private func scene(_ name: String, w0: Int) throws {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let stem = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
        try "w0: \(w0)\nepochs: 1\nsize: 400x400\noutput: out/\(stem).gif\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func modified(_ paths: [String]) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for path in paths {
            dates[path] = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }
        return dates
    }

    func testACourseRendersOnlyWhatIsStale() throws {
        let names = (1...6).map { "week\($0 % 2 + 1)/lesson\($0).yaml" }
        for (k, name) in names.enumerated() { try scene(name, w0: 3 + k) }
        let gifs = names.map { folder + "/" + ($0 as NSString).deletingLastPathComponent + "/out/"
                               + (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".gif" }
        let first = try descent(["render", folder + "/week1", folder + "/week2", "--jobs", "2"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("6 scenes: 6 rendered, 0 fresh, 0 failed"), first.stderr)
        XCTAssertTrue(gifs.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let before = try modified(gifs)
        Thread.sleep(forTimeInterval: 1.1)
        let again = try descent(["render", folder + "/week1", folder + "/week2", "--changed"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("0 rendered, 6 fresh"), again.stderr)
        XCTAssertEqual(try modified(gifs), before, "fresh outputs are not touched")
        // Two scenes edited: exactly those two are rendered again.
        try scene(names[1], w0: 20)
        try scene(names[4], w0: 21)
        let check = try descent(["render", folder + "/week1", folder + "/week2", "--check"])
        XCTAssertEqual(check.status, 1)
        let listed = String(decoding: check.stdout, as: UTF8.self)
        XCTAssertEqual(listed.split(separator: "\n").filter { $0.hasPrefix("stale: ") }.map { String($0.dropFirst(7)) }.sorted(),
                       [gifs[1], gifs[4]].sorted(), listed)
        XCTAssertTrue(listed.contains("refresh with: descent render"), listed)
        let refresh = try descent(["render", folder + "/week1", folder + "/week2", "--changed"])
        XCTAssertEqual(refresh.status, 0, refresh.stderr)
        XCTAssertTrue(refresh.stderr.contains("2 rendered, 4 fresh"), refresh.stderr)
        let after = try modified(gifs)
        XCTAssertEqual(gifs.filter { after[$0] != before[$0] }.sorted(), [gifs[1], gifs[4]].sorted())
        // The same bytes whatever the number of jobs.
        let one = try Data(contentsOf: URL(fileURLWithPath: gifs[1]))
        XCTAssertEqual(try descent(["render", folder + "/week1", folder + "/week2", "--jobs", "1", "-q"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: gifs[1])), one)
    }

    func testABrokenSceneFailsAloneAndAClashIsRefusedFirst() throws {
        try scene("a/good.yaml", w0: 3)
        try "lr: fast\n".write(toFile: folder + "/a/bad.yaml", atomically: true, encoding: .utf8)
        let run = try descent(["render", folder + "/a", "-q"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("a/bad.yaml: \(folder)/a/bad.yaml:1: lr: must be a number (got fast)"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/a/out/good.gif"), "the good scene is rendered")
        // Two scenes that would write one file: refused, naming both, before anything is drawn.
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try "w0: 4\nepochs: 1\nsize: 400x400\noutput: ../shared.gif\n".write(toFile: folder + "/b/one.yaml", atomically: true, encoding: .utf8)
        try "w0: 5\nepochs: 1\nsize: 400x400\noutput: ../shared.gif\n".write(toFile: folder + "/b/two.yaml", atomically: true, encoding: .utf8)
        let clash = try descent(["render", folder + "/b/one.yaml", folder + "/b/two.yaml"])
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.stderr.contains("one.yaml") && clash.stderr.contains("two.yaml"), clash.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/shared.gif"), "nothing written")
    }

    /// Shards partition the course exactly (each scene in one shard), balanced by cost.
    func testShardsPartitionTheCourse() throws {
        for k in 0..<9 {
            let size = [400, 600, 800][k % 3]
            try "w0: \(3 + k)\nepochs: \(1 + k % 4)\nsize: \(size)x\(size)\noutput: out/s\(k).gif\n"
                .write(toFile: folder + "/s\(k).yaml", atomically: true, encoding: .utf8)
        }
        var seen: [String] = []
        var costs: [Int] = []
        for i in 1...3 {
            let run = try descent(["render", folder, "--shard", "\(i)/3", "--check"])
            XCTAssertEqual(run.status, 1, run.stderr)
            let missing = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("missing: ") }
            XCTAssertFalse(missing.isEmpty, "shard \(i) has scenes")
            seen += missing.map { String($0.dropFirst(9)) }
            // Cost of a shard: frames × pixels of its scenes.
            costs.append(missing.reduce(0) { total, line in
                let k = Int(line.split(separator: "/").last!.dropFirst().dropLast(4))!
                let size = [400, 600, 800][k % 3]
                return total + (1 + k % 4) * 6 * size * size
            })
        }
        XCTAssertEqual(seen.sorted(), (0..<9).map { "\(folder)/out/s\($0).gif" }.sorted(), "every scene in exactly one shard")
        let mean = Double(costs.reduce(0, +)) / 3
        XCTAssertLessThanOrEqual(Double(costs.max()!), 1.5 * mean, "balanced by frames × pixels: \(costs)")
        let bad = try descent(["render", folder, "--shard", "4/3"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--shard: must be I/N"), bad.stderr)
    }

}
