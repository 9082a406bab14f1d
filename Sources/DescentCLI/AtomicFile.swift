#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A file that appears whole or not at all: bytes go to a temporary file in the target's
/// folder, which is renamed over the target only when complete. An interrupted or failed
/// write leaves an existing target untouched and no temporary file behind.
final class AtomicFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var committed = false

    /// Creates the target's folder if needed and opens the temporary file.
    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the folder \(folder) for \(path): \(AtomicFile.reason(error))")
        }
        var template = Array((folder as NSString).appendingPathComponent(".\(url.lastPathComponent).XXXXXX.tmp").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw CLIError("cannot write \(path): \(String(cString: strerror(errno))) (in folder \(folder))")
        }
        descriptor = fd
        temporaryPath = String(cString: template)
        fchmod(fd, 0o644)
        PendingFiles.register(temporaryPath)
    }

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
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = String(cString: strerror(errno))
            discard()
            throw CLIError("cannot write \(path): \(reason)")
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw CLIError("cannot replace \(path): \(reason)")
        }
        committed = true
        PendingFiles.unregister(temporaryPath)
    }

    func discard() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
        PendingFiles.unregister(temporaryPath)
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
