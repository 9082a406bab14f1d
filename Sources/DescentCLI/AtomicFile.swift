#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A file that appears whole or not at all: bytes go to a temporary file in the target's
/// folder, which is renamed over the target only when complete. An interrupted or failed
/// write leaves an existing target untouched and no temporary file behind.
///
/// A target that is a symbolic link is written through the link (the link stays); a target
/// that is a device or a pipe (`/dev/stdout`, `/dev/full`) is written directly, since it
/// cannot be replaced and holds nothing to lose.
final class AtomicFile {
    let path: String
    private let temporaryPath: String?
    private var descriptor: Int32
    private var committed = false

    /// Creates the target's folder if needed and opens the temporary file.
    init(path requested: String) throws {
        var path = requested
        var info = stat()
        var mode: mode_t = 0o644
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
                path = String(cString: resolved)
                free(resolved)
                _ = stat(path, &info)
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw CLIError("cannot write \(requested): it is a folder; give a file name, like \(requested)/out.gif")
            }
            if info.st_mode & S_IFMT != S_IFREG {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw CLIError("cannot write \(requested): \(String(cString: strerror(errno)))") }
                self.path = requested
                descriptor = fd
                temporaryPath = nil
                return
            }
            mode = info.st_mode & 0o777
        }
        self.path = requested
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the folder \(folder) for \(requested): \(AtomicFile.reason(error))")
        }
        var template = Array((folder as NSString).appendingPathComponent(".\(url.lastPathComponent).XXXXXX.tmp").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw CLIError("cannot write \(requested): \(String(cString: strerror(errno))) (in folder \(folder))")
        }
        descriptor = fd
        let temporary = String(cString: template)
        temporaryPath = temporary
        targetPath = path
        fchmod(fd, mode)
        PendingFiles.register(temporary)
    }

    /// Where the finished file goes (the link's destination for a symbolic link).
    private var targetPath: String?

    deinit {
        if !committed { discard() }
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                discard()
                throw CLIError("cannot write \(path): \(reason)")
            }
            offset += n
        }
    }

    /// Makes the file visible under its name.
    func commit() throws {
        guard let temporaryPath, let targetPath else {
            close(descriptor)
            descriptor = -1
            committed = true
            return
        }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = String(cString: strerror(errno))
            discard()
            throw CLIError("cannot write \(path): \(reason)")
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, targetPath) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw CLIError("cannot replace \(path): \(reason)")
        }
        committed = true
        PendingFiles.unregister(temporaryPath)
    }

    func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        if let temporaryPath {
            unlink(temporaryPath)
            PendingFiles.unregister(temporaryPath)
        }
        committed = true
    }

    /// Writes `bytes` to `path` atomically.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}

/// Temporary files to remove if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
enum PendingFiles {
    private static var paths: [String] = []
    private static let lock = NSLock()

    static func register(_ path: String) {
        lock.lock(); paths.append(path); lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock(); paths.removeAll { $0 == path }; lock.unlock()
    }

    /// Installs handlers that remove pending temporary files and exit with 128 + signal.
    static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                // Only async-signal-safe calls here: unlink and _exit. The list is not
                // modified concurrently: files are registered on the main thread.
                for path in PendingFiles.paths { path.withCString { _ = unlink($0) } }
                _exit(128 + received)
            }
        }
    }
}

/// An error for the person at the terminal.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
