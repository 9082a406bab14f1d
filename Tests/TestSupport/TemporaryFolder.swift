import Foundation

/// A fresh folder for one test, removed when the test is done with it.
public final class TemporaryFolder {
    public let path: String

    public init(_ name: String) throws {
        path = NSTemporaryDirectory() + "descent-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    public func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    /// Temporary files (`*.tmp`) left in the folder.
    public func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".tmp") }
    }
}
