#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A file that appears whole or not at all: bytes go to a temporary file in the target's
/// folder, which is renamed over the target only when complete. An interrupted or failed
/// write leaves an existing target untouched and no temporary file behind.
///
/// A target that is a symbolic link is written through the link (the link stays); a target
/// that is a device or a pipe (`/dev/stdout`, `/dev/full`) is written directly, since it
/// cannot be replaced and holds nothing to lose.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String?
    private var descriptor: Int32
    private var committed = false
    private var started = false

    /// Creates the target's folder if needed and opens the temporary file.
    public init(path requested: String) throws {
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
                throw RenderError.isAFolder(path: requested)
            }
            if info.st_mode & S_IFMT != S_IFREG {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw RenderError.cannotWrite(path: requested, reason: String(cString: strerror(errno))) }
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
            throw RenderError.cannotCreateFolder(folder: folder, file: requested, reason: AtomicFile.reason(error))
        }
        var template = Array((folder as NSString).appendingPathComponent(".\(url.lastPathComponent).XXXXXX.tmp").utf8CString)
        // Created and registered as one step: a signal never finds the file unregistered.
        let (fd, failure) = PendingFiles.creating { () -> (Int32, Int32) in
            let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
            if fd >= 0 { PendingFiles.register(String(cString: template)) }
            return (fd, errno)
        }
        guard fd >= 0 else {
            throw RenderError.cannotWrite(path: requested, reason: "\(String(cString: strerror(failure))) (in folder \(folder))")
        }
        descriptor = fd
        temporaryPath = String(cString: template)
        targetPath = path
        fchmod(fd, mode)
    }

    /// Where the finished file goes (the link's destination for a symbolic link).
    private var targetPath: String?

    deinit {
        if !committed { discard() }
    }

    public func write(_ bytes: [UInt8]) throws {
        if !started {
            started = true
            try FaultInjection.check(path)
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                discard()
                throw RenderError.cannotWrite(path: path, reason: reason)
            }
            offset += n
        }
    }

    /// Makes the file visible under its name.
    /// Makes the written bytes durable and closes the file (before `commit` renames it; a
    /// device or a pipe is only closed by `commit`).
    public func sync() throws {
        guard temporaryPath != nil, descriptor >= 0 else { return }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RenderError.cannotWrite(path: path, reason: reason)
        }
        close(descriptor)
        descriptor = -1
    }

    public func commit() throws {
        guard let temporaryPath, let targetPath else {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            committed = true
            return
        }
        try sync()
        guard rename(temporaryPath, targetPath) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RenderError.cannotReplace(path: path, reason: reason)
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
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}

/// A test's hook: fail the k-th output written by this process (each file's first write,
/// each frame), to prove that a failure at any output leaves nothing new and nothing
/// partial. Never armed outside tests.
enum FaultInjection {
    private static let state = Mutex<(failAt: Int?, seen: Int)>((nil, 0))

    /// Fails the `k`-th write from now (nil: none), and starts counting again.
    static func fail(atWrite k: Int?) { state.withLock { $0 = (k, 0) } }

    /// Writes counted since `fail(atWrite:)`.
    static var writes: Int { state.withLock { $0.seen } }

    static func check(_ path: String) throws {
        let fail = state.withLock { state -> Bool in
            state.seen += 1
            return state.failAt == state.seen
        }
        if fail { throw RenderError.cannotWrite(path: path, reason: "injected fault (a test)") }
    }
}

/// Temporary files to remove if the process is interrupted (SIGINT, SIGTERM, SIGHUP).
///
/// The signal handler may run while any thread is inside malloc or holds a lock, so it
/// only reads memory set up in advance and calls `unlink` and `_exit`: the paths live in
/// fixed slots of C strings, allocated once; a slot is in use while its bit is set in an
/// atomic mask (set after its name is written, so a handler reading the bit reads the
/// name whole). A handler that walked a Swift array of strings deadlocked in malloc when
/// the signal came in the middle of an allocation.
public enum PendingFiles {
    /// More than a render ever has pending: one PNG a thread (64 at most) and the GIF.
    private static let slots = 128
    private static let slotBytes = Int(PATH_MAX)
    nonisolated(unsafe) private static let names = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotBytes)
    /// Bit k of word k / 64 set: slot k holds a pending file.
    private static let inUseLow = Atomic<UInt64>(0)
    private static let inUseHigh = Atomic<UInt64>(0)

    private static func word(_ slot: Int) -> UInt64 {
        slot < 64 ? inUseLow.load(ordering: .sequentiallyConsistent) : inUseHigh.load(ordering: .sequentiallyConsistent)
    }

    private static func bit(_ slot: Int) -> UInt64 { 1 << UInt64(slot % 64) }
    /// Registers and unregisters one at a time (the handler reads without it).
    private static let lock = Mutex(())
    /// Threads between creating a temporary file and registering it.
    private static let inCreation = Atomic<Int>(0)
    private static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Set by the handler before it waits and removes: no file is created after it.
    private static let exiting = Atomic<Bool>(false)
    /// Set while a render renames its outputs into place.
    private static let renaming = Atomic<Bool>(false)

    /// Runs `body` — rename every output into place — as one step a signal cannot split: a
    /// handler that comes meanwhile waits for the renames to end (5 s at most) before it
    /// exits, so a render interrupted at any moment leaves all its outputs new or all old.
    /// Once a handler has begun, the renames do not start.
    static func renamingAll<T>(_ body: () throws -> T) rethrows -> T {
        renaming.store(true, ordering: .sequentiallyConsistent)
        defer { renaming.store(false, ordering: .sequentiallyConsistent) }
        if exiting.load(ordering: .sequentiallyConsistent) {
            var pause = timespec(tv_sec: 1, tv_nsec: 0)
            while true { nanosleep(&pause, nil) }
        }
        return try body()
    }

    /// Runs `body` — create a temporary file and register it — with this thread's handled
    /// signals blocked, and counted, so a handler on another thread waits for it to finish.
    /// Once a handler has begun, no new file is created: the thread waits for the exit.
    /// (Either this thread counts itself before the handler looks, and is waited for, or
    /// it sees the handler's flag; the atomics are sequentially consistent.)
    static func creating<T>(_ body: () -> T) -> T {
        var block = sigset_t(), previous = sigset_t()
        sigemptyset(&block)
        for sig in handled { sigaddset(&block, sig) }
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        inCreation.add(1, ordering: .sequentiallyConsistent)
        if exiting.load(ordering: .sequentiallyConsistent) {
            inCreation.subtract(1, ordering: .sequentiallyConsistent)
            var pause = timespec(tv_sec: 1, tv_nsec: 0)
            while true { nanosleep(&pause, nil) }
        }
        defer {
            inCreation.subtract(1, ordering: .sequentiallyConsistent)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }

    /// Tracks `path` until `unregister`; with every slot taken (more files being written
    /// at once than any render writes) the file is simply not tracked.
    static func register(_ path: String) {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= slotBytes else { return }
        lock.withLock { _ in
            guard let slot = (0..<slots).first(where: { word($0) & bit($0) == 0 }) else { return }
            bytes.withUnsafeBufferPointer { (names + slot * slotBytes).update(from: $0.baseAddress!, count: bytes.count) }
            if slot < 64 {
                inUseLow.bitwiseOr(bit(slot), ordering: .sequentiallyConsistent)
            } else {
                inUseHigh.bitwiseOr(bit(slot), ordering: .sequentiallyConsistent)
            }
        }
    }

    static func unregister(_ path: String) {
        lock.withLock { _ in
            for slot in 0..<slots where word(slot) & bit(slot) != 0 && String(cString: names + slot * slotBytes) == path {
                if slot < 64 {
                    inUseLow.bitwiseAnd(~bit(slot), ordering: .sequentiallyConsistent)
                } else {
                    inUseHigh.bitwiseAnd(~bit(slot), ordering: .sequentiallyConsistent)
                }
            }
        }
    }

    /// A batch of temporary paths named in advance (a frames folder's, which may hold more
    /// files than there are slots): one buffer, a count and then the NUL-terminated paths,
    /// published through one atomic address. Buffers are never freed — a handler may hold
    /// one's address while a render registers the next — which costs a few kilobytes a render.
    private static let batch = Atomic<Int>(0)

    /// Tracks every path of `paths` until `unregisterBatch` (one batch at a time).
    static func registerBatch(_ paths: [String]) {
        let bytes = paths.reduce(0) { $0 + $1.utf8.count + 1 }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<Int>.size + bytes, alignment: MemoryLayout<Int>.alignment)
        raw.storeBytes(of: paths.count, as: Int.self)
        var offset = MemoryLayout<Int>.size
        for path in paths {
            for byte in path.utf8CString {
                raw.storeBytes(of: byte, toByteOffset: offset, as: CChar.self)
                offset += 1
            }
        }
        lock.withLock { _ in batch.store(Int(bitPattern: raw), ordering: .sequentiallyConsistent) }
    }

    static func unregisterBatch() {
        lock.withLock { _ in batch.store(0, ordering: .sequentiallyConsistent) }
    }

    /// Removes the batch's files (from the signal handler: reads and unlink only).
    private static func unlinkBatch() {
        let address = batch.load(ordering: .sequentiallyConsistent)
        guard let raw = UnsafeMutableRawPointer(bitPattern: address) else { return }
        let count = raw.load(as: Int.self)
        var path = (raw + MemoryLayout<Int>.size).assumingMemoryBound(to: CChar.self)
        var k = 0
        while k < count {
            _ = unlink(path)
            while path.pointee != 0 { path += 1 }
            path += 1
            k += 1
        }
    }

    /// Installs handlers that remove pending temporary files and exit with 128 + signal.
    public static func installSignalHandlers() {
        // Statics are set up here, never first in a handler.
        _ = names
        _ = word(0)
        _ = word(64)
        _ = inCreation.load(ordering: .sequentiallyConsistent)
        _ = batch.load(ordering: .sequentiallyConsistent)
        _ = exiting.load(ordering: .sequentiallyConsistent)
        _ = renaming.load(ordering: .sequentiallyConsistent)
        for sig in handled {
            signal(sig) { received in
                // Only async-signal-safe work: atomic and plain reads of memory set up in
                // advance, nanosleep, unlink, _exit. Files being created on other threads
                // are waited for (200 ms at most), so they are registered, then removed.
                PendingFiles.exiting.store(true, ordering: .sequentiallyConsistent)
                var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
                var renamingWait = 0
                while PendingFiles.renaming.load(ordering: .sequentiallyConsistent) && renamingWait < 5000 {
                    nanosleep(&pause, nil)
                    renamingWait += 1
                }
                var waited = 0
                while PendingFiles.inCreation.load(ordering: .sequentiallyConsistent) > 0 && waited < 200 {
                    nanosleep(&pause, nil)
                    waited += 1
                }
                var slot = 0
                while slot < PendingFiles.slots {
                    if PendingFiles.word(slot) & PendingFiles.bit(slot) != 0 {
                        _ = unlink(PendingFiles.names + slot * PendingFiles.slotBytes)
                    }
                    slot += 1
                }
                PendingFiles.unlinkBatch()
                _exit(128 + received)
            }
        }
    }
}
