#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A folder of keyframe PNGs (`--frames-dir`) that descent owns through its manifest,
/// `frames.json`: the files the last render wrote there and their SHA-256.
///
/// - A render removes the files of the previous manifest that it no longer makes, and
///   touches no other file.
/// - It refuses a folder holding files named like its frames (`frame_*.png`) that no
///   manifest lists, rather than mixing two renders.
/// - Frames go to temporary files beside their targets, named in advance (so a signal
///   handler can remove them without allocating); they are renamed into place with the
///   render's other outputs, in name order, then the manifest is replaced, then the previous
///   render's leftovers are removed. A crash in between can leave new and old frames side
///   by side (the manifest says which are whose), never a partial file.
final class FrameFolder: Sendable {
    static let manifestName = "frames.json"

    let path: String
    /// Frame files the previous render here listed in its manifest.
    let previous: Set<String>
    /// Files named like frames that no manifest lists.
    let foreign: [String]
    /// Everything written so far: names, their temporary files and hashes.
    private let state = Mutex(State())

    private struct State {
        var temporary: [String: String] = [:]
        var written: [String: String] = [:]
        var registered = false
        var finished = false
    }

    /// Whether `name` looks like one of descent's frame files.
    static func looksLikeAFrame(_ name: String) -> Bool {
        name.hasPrefix("frame_") && name.hasSuffix(".png")
    }

    /// The files in `directory` named like frames, but for `names`, sorted.
    static func frames(in directory: String, except names: Set<String>) -> [String] {
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return present.filter { looksLikeAFrame($0) && !names.contains($0) }.sorted()
    }

    /// The file name of keyframe `index` (at `epoch`, `stage`), with `suffix` (a rate's,
    /// when a render makes several) before the extension.
    static func name(index: Int, epoch: Int, stage: String, suffix: String) -> String {
        String(format: "frame_%03d_epoch%02d_%@%@.png", index, epoch, stage, suffix)
    }

    /// Reads the folder's manifest, if any, and lists its frame-like files.
    init(path: String) throws {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            previous = []
            foreign = []
            return
        }
        guard isFolder.boolValue else {
            throw RenderError.cannotCreateFolder(folder: path, file: nil, reason: "it is a file, not a folder")
        }
        let manifestPath = (path as NSString).appendingPathComponent(FrameFolder.manifestName)
        var listed: Set<String> = []
        if let data = FileManager.default.contents(atPath: manifestPath) {
            guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let frames = json["frames"] as? [[String: Any]] else {
                throw RenderError.frameManifest(path: manifestPath, problem: "is not a descent frames manifest (a \"frames\" list); "
                                                + "move it away or choose another folder")
            }
            for frame in frames {
                guard let file = frame["file"] as? String, !file.contains("/"), file != ".", file != ".." else {
                    throw RenderError.frameManifest(path: manifestPath, problem: "lists a frame that is not a file name in the folder")
                }
                listed.insert(file)
            }
        }
        previous = listed
        foreign = FrameFolder.frames(in: path, except: listed)
    }

    deinit { discard() }

    private func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Makes the folder and names every temporary file the render will write, so that an
    /// interruption removes them (``PendingFiles``).
    func prepare(names: [String]) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RenderError.cannotCreateFolder(folder: path, file: nil, reason: (error as NSError).localizedDescription)
        }
        let pid = getpid()
        let temporary = Dictionary(uniqueKeysWithValues: names.map { ($0, file(".\($0).descent-\(pid).tmp")) })
        PendingFiles.registerBatch(names.map { temporary[$0]! })
        state.withLock {
            $0.temporary = temporary
            $0.registered = true
        }
    }

    /// Writes frame `name` to its temporary file (any thread).
    func write(_ png: [UInt8], name: String) throws {
        guard let temporary = state.withLock({ $0.temporary[name] }) else {
            throw RenderError.internalError("frame \(name) was not prepared")
        }
        try FaultInjection.check(file(name))
        // Created with this thread's signals held (see `PendingFiles.creating`), so a handler
        // never removes the name just before the file appears.
        let (fd, failure) = PendingFiles.creating { () -> (Int32, Int32) in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            return (fd, errno)
        }
        guard fd >= 0 else { throw RenderError.cannotWrite(path: file(name), reason: String(cString: strerror(failure))) }
        defer { close(fd) }
        var offset = 0
        while offset < png.count {
            let n = png[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RenderError.cannotWrite(path: file(name), reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw RenderError.cannotWrite(path: file(name), reason: String(cString: strerror(errno))) }
        let hash = sha256Hex(png)
        state.withLock { $0.written[name] = hash }
    }

    /// The manifest of `frames` (name → SHA-256) and the render's `fingerprints` (one a
    /// rate), as JSON: the same frames give the same bytes.
    static func manifest(_ frames: [String: String], fingerprints: [String]) -> [UInt8] {
        let lines = frames.keys.sorted().map { "    {\"file\": \"\($0)\", \"sha256\": \"\(frames[$0]!)\"}" }
        let prints = fingerprints.map { "\"\($0)\"" }.joined(separator: ", ")
        return Array(("{\n  \"generator\": \"descent\",\n  \"fingerprints\": [\(prints)],\n"
            + "  \"frames\": [\n\(lines.joined(separator: ",\n"))\n  ]\n}\n").utf8)
    }

    /// `--check` without drawing: the manifest in `directory` carries `fingerprints` and
    /// lists exactly `names`, and each file has the SHA-256 listed; files named like frames
    /// that are not among `names` are extra.
    static func checkManifest(_ directory: String, names: Set<String>, fingerprints: [String]) -> [OutputDifference] {
        let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
        var out: [OutputDifference] = []
        var listed: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: manifestPath),
           let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            if (json["fingerprints"] as? [String]) != fingerprints { out.append(OutputDifference(path: manifestPath, kind: .stale)) }
            for entry in json["frames"] as? [[String: Any]] ?? [] {
                if let file = entry["file"] as? String, let hash = entry["sha256"] as? String { listed[file] = hash }
            }
        } else {
            out.append(OutputDifference(path: manifestPath,
                                        kind: FileManager.default.fileExists(atPath: manifestPath) ? .stale : .missing))
        }
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                out.append(OutputDifference(path: path, kind: .missing))
                continue
            }
            if listed[name] != sha256Hex(Array(data)) { out.append(OutputDifference(path: path, kind: .stale)) }
        }
        for name in frames(in: directory, except: names) {
            out.append(OutputDifference(path: (directory as NSString).appendingPathComponent(name), kind: .extra))
        }
        return out
    }


    /// Writes the manifest of every frame written to its temporary file (before anything is
    /// renamed: a failure here still leaves the folder as it was).
    func stageManifest(fingerprints: [String]) throws -> AtomicFile {
        let (temporary, written) = state.withLock { ($0.temporary, $0.written) }
        guard written.count == temporary.count else { throw RenderError.internalError("\(temporary.count - written.count) frames were not written") }
        let file = try AtomicFile(path: file(FrameFolder.manifestName))
        try file.write(FrameFolder.manifest(written, fingerprints: fingerprints))
        return file
    }

    /// Renames the frames into place (name order), then the `manifest` staged, and removes
    /// the previous render's frames this one did not make.
    func commit(manifest: AtomicFile) throws {
        let (temporary, written) = state.withLock { ($0.temporary, $0.written) }
        for name in written.keys.sorted() {
            guard rename(temporary[name]!, file(name)) == 0 else {
                throw RenderError.cannotReplace(path: file(name), reason: String(cString: strerror(errno)))
            }
        }
        try manifest.commit()
        for name in previous.subtracting(written.keys).sorted() {
            _ = unlink(file(name))
        }
        state.withLock { $0.finished = true }
        PendingFiles.unregisterBatch()
    }

    /// Removes every temporary file (after a failure; nothing when committed).
    func discard() {
        let (temporary, registered, finished) = state.withLock { ($0.temporary, $0.registered, $0.finished) }
        guard registered, !finished else { return }
        for path in temporary.values { _ = unlink(path) }
        state.withLock { $0.finished = true }
        PendingFiles.unregisterBatch()
    }

    /// With `--check --pixels`: how the folder's frames differ from `frames` (name → PNG
    /// bytes) in what they show — frames that differ or are missing, and files named like
    /// frames that the render would not make. (The manifest is the fingerprint check's.)
    func differences(from frames: [String: [UInt8]]) -> [OutputDifference] {
        var out: [OutputDifference] = []
        for name in frames.keys.sorted() {
            guard let existing = FileManager.default.contents(atPath: file(name)) else {
                out.append(OutputDifference(path: file(name), kind: .missing))
                continue
            }
            if !SceneRender.shows(Array(existing), as: frames[name]!) { out.append(OutputDifference(path: file(name), kind: .stale)) }
        }
        for name in FrameFolder.frames(in: path, except: Set(frames.keys)) {
            out.append(OutputDifference(path: file(name), kind: .extra))
        }
        return out
    }
}

/// How an existing output differs from what a render would write (`--check`).
public struct OutputDifference: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file's bytes differ.
        case stale
        /// There is no such file.
        case missing
        /// A file the render would not write (a frame of another render, in a frames folder).
        case extra
    }

    public let path: String
    public let kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String { "\(kind.rawValue): \(path)" }
}
