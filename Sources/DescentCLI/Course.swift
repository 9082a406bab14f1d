import ArgumentParser
import Descent
import Foundation
import Render
import Synchronization

/// A course at once: many scenes (files, or folders of them) rendered in parallel, each with
/// its own outputs, the flags applied to every one; `--changed` renders only the stale ones;
/// `--check` lists every stale output of every scene. One bad scene does not stop the others.
enum Course {
    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// The scene files `paths` name: files as given, folders as every `*.yaml`, `*.yml` and
    /// `*.json` below them, in name order.
    static func scenes(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            guard isFolder(path) else { found.append(path); continue }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw CLIError(path, "cannot be read (no permission)")
            }
            var inFolder: [String] = []
            for case let name as String in walker where ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased()) {
                inFolder.append((path as NSString).appendingPathComponent(name))
            }
            guard !inFolder.isEmpty else { throw CLIError(path, "holds no scene files (*.yaml, *.yml, *.json)") }
            found += inFolder.sorted()
        }
        return found
    }

    /// "I/N" as a shard: the I-th of N parts, 1 ≤ I ≤ N ≤ 1000.
    static func shard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], (1...1000).contains(n), (1...n).contains(i) else {
            throw CLIError("--shard", "must be I/N, the I-th of N parts with 1 ≤ I ≤ N ≤ 1000, like 2/4 (got \(text))")
        }
        return (i, n)
    }

    /// What a scene costs to render: its frames times their pixels, over its rates (1 for a
    /// scene that does not load: it fails at once).
    static func cost(_ scene: Scene?) -> Int {
        guard let scene else { return 1 }
        return scene.learningRates.reduce(0) { total, rate in
            guard let lessons = try? scene.lessons(rate: rate) else { return total + 1 }
            let storyboard = lessons.count > 1 ? Storyboard.race(lesson: lessons[0], pacing: scene.pacing)
                                               : Storyboard(lesson: lessons[0], pacing: scene.pacing)
            return total + storyboard.timeline.keyframes.count * scene.pixelWidth * scene.pixelHeight
        }
    }

    /// Which of `count` shards each scene goes to: the costliest first (ties by position),
    /// each to the shard with the least cost so far (ties: the first) — the same split on
    /// every machine, every scene in exactly one shard.
    static func shards(costs: [Int], count: Int) -> [Int] {
        var load = [Int](repeating: 0, count: count)
        var shard = [Int](repeating: 0, count: costs.count)
        for i in costs.indices.sorted(by: { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }) {
            let lightest = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            shard[i] = lightest
            load[lightest] += costs[i]
        }
        return shard
    }

    /// What became of one scene.
    enum Result: Sendable {
        case rendered, fresh, stale([String]), failed(String)
    }
}

extension RenderCommand {
    /// Renders (or checks) every scene of `paths`, `jobs` at a time, and says what became of
    /// each; exit 2 if any failed, with `--check` 1 if any is stale.
    func renderCourse(_ paths: [String]) throws {
        if let flag = ["--transcript": transcript, "--poster": poster, "--html": html, "--layout": layout,
                       "--frames-dir": framesDir, "--webp": webp, "--output": output].first(where: { $0.value != nil })?.key,
           paths.count > 1 {
            throw CLIError(flag, "names one file, but \(paths.count) scenes would all write it; give each scene its own in its file")
        }
        guard (1...64).contains(self.jobs ?? 1) else { throw CLIError("--jobs", "must be between 1 and 64 (got \(self.jobs!))") }
        // Every scene's outputs are known before anything is drawn: two scenes writing one
        // file are refused, naming both.
        var scenes: [(path: String, scene: Scene?, error: String?)] = []
        var owners: [String: String] = [:]
        for path in paths {
            do {
                var scene = try SceneFile.load(path: path)
                try scene.apply(settings)
                if allowMissingGlyphs { scene.allowMissingGlyphs = true }
                for output in SceneRender.outputPaths(scene: scene, options: options(for: path, threads: 1)) {
                    let key = URL(fileURLWithPath: output).standardizedFileURL.path
                    if let first = owners[key] {
                        throw CLIError(output, "would be written by two scenes, \(first) and \(path); give each its own output")
                    }
                    owners[key] = path
                }
                scenes.append((path, scene, nil))
            } catch let error as CLIError {
                throw error
            } catch {
                scenes.append((path, nil, CLIError.message(for: error) ?? "\(error)"))
            }
        }
        if let shard {
            let (index, count) = try Course.shard(shard)
            let parts = Course.shards(costs: scenes.map { Course.cost($0.scene) }, count: count)
            scenes = zip(scenes, parts).filter { $0.1 == index - 1 }.map(\.0)
            guard !scenes.isEmpty else {
                FileHandle.standardErrorWrite("descent: shard \(shard) has no scenes (the course has fewer scenes than shards)\n")
                return
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let jobs = Swift.max(1, Swift.min(self.jobs ?? cores, scenes.count))
        let threads = Swift.max(1, cores / jobs)
        let start = Date()
        let next = Mutex(0)
        let results = Mutex([Course.Result?](repeating: nil, count: scenes.count))
        let bar = Progress(total: scenes.count, label: "scenes", quiet: quiet || check)
        let (check, changed) = (self.check, self.changed)
        let work: [(path: String, scene: Scene?, error: String?, options: RenderOptions)] = scenes.map {
            ($0.path, $0.scene, $0.error, options(for: $0.path, threads: threads))
        }
        let box = UncheckedWork(items: work)
        let done = DispatchGroup()
        for _ in 0..<jobs {
            DispatchQueue.global().async(group: done) {
                while true {
                    let i = next.withLock { index -> Int in defer { index += 1 }; return index }
                    guard i < box.items.count else { return }
                    let item = box.items[i]
                    let result: Course.Result
                    if let error = item.error {
                        result = .failed(error)
                    } else {
                        result = RenderCommand.renderOne(item.scene!, options: item.options, check: check, changed: changed)
                    }
                    results.withLock { $0[i] = result }
                    bar?.advance()
                }
            }
        }
        done.wait()
        let outcome = results.withLock { $0 }.map { $0! }
        var rendered = 0, fresh = 0, failed = 0, staleOutputs: [String] = []
        for (scene, result) in zip(scenes, outcome) {
            switch result {
            case .rendered: rendered += 1
            case .fresh: fresh += 1
            case .stale(let lines): staleOutputs += lines
            case .failed(let message):
                failed += 1
                FileHandle.standardErrorWrite("descent: error: \(scene.path): \(message)\n")
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if check {
            for line in staleOutputs { print(line) }
            if !staleOutputs.isEmpty {
                let command = (["descent"] + CommandLine.arguments.dropFirst().filter { $0 != "--check" } + (changed ? [] : ["--changed"]))
                    .map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
                print("refresh with: \(command)")
            }
        }
        let stale = outcome.filter { if case .stale = $0 { return true } else { return false } }.count
        let summary = check ? "\(scenes.count) scenes: \(fresh) fresh, \(stale) stale, \(failed) failed"
                            : "\(scenes.count) scenes: \(rendered) rendered, \(fresh) fresh, \(failed) failed"
        FileHandle.standardErrorWrite("descent: \(summary) in \(String(format: "%.1f", seconds)) s\n")
        if failed > 0 { throw ExitCode(2) }
        if check && stale > 0 { throw ExitCode(1) }
    }

    /// The options every scene of a course renders with (each scene writes its own outputs).
    private func options(for path: String, threads: Int) -> RenderOptions {
        var options = RenderOptions()
        options.threads = threads
        options.warning = { FileHandle.standardErrorWrite("descent: warning: \(path): " + $0 + "\n") }
        options.naming = RenderCommand.flag
        return options
    }

    /// One scene of a course: checked first when only stale scenes are wanted (or when
    /// checking), rendered when it must be.
    static func renderOne(_ scene: Scene, options: RenderOptions, check: Bool, changed: Bool) -> Course.Result {
        do {
            if check || changed {
                var checking = options
                checking.check = true
                let differences = try SceneRender(scene: scene, options: checking).run()
                if differences.isEmpty { return .fresh }
                if check { return .stale(differences.map(\.description)) }
            }
            try SceneRender(scene: scene, options: options).run()
            return .rendered
        } catch {
            return .failed(CLIError.message(for: error) ?? "\(error)")
        }
    }
}

/// The course's scenes and their options, read by the worker threads and never changed.
private final class UncheckedWork: @unchecked Sendable {
    let items: [(path: String, scene: Scene?, error: String?, options: RenderOptions)]
    init(items: [(path: String, scene: Scene?, error: String?, options: RenderOptions)]) { self.items = items }
}
