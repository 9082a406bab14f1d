import Foundation

/// The folder of Python helpers tests import (`Tests/Support`: PyTorch's update rules in numpy).
public let pythonSupport: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Support").path

/// Runs a Python script (python3 with Pillow, which `make test` installs) as an independent
/// reader of what descent writes: what it prints, trimmed, and its exit status.
public func runPython(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Pillow as the independent writer and reader of PNGs, so a bug our PNG module made the same
/// way in both directions cannot pass unseen.
public enum Pillow {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes 8-bit RGBA pixels (row by row) to `path` as a PNG.
    public static func writePNG(_ path: String, width: Int, height: Int, rgba: [UInt8]) throws {
        let raw = path + ".rgba"
        try Data(rgba).write(to: URL(fileURLWithPath: raw))
        defer { try? FileManager.default.removeItem(atPath: raw) }
        let run = try runPython("""
            import sys
            from PIL import Image
            Image.frombytes('RGBA', (int(sys.argv[3]), int(sys.argv[4])), open(sys.argv[1], 'rb').read()).save(sys.argv[2])
            """, [raw, path, String(width), String(height)])
        guard run.status == 0 else { throw Failure(description: "Pillow could not write \(path)") }
    }

    /// A PNG as Pillow reads it, converted to 8-bit RGBA.
    public static func readPNG(_ path: String) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        let raw = path + ".rgba"
        defer { try? FileManager.default.removeItem(atPath: raw) }
        let run = try runPython("""
            import sys
            from PIL import Image
            image = Image.open(sys.argv[1])
            assert image.format == 'PNG'
            image = image.convert('RGBA')
            open(sys.argv[2], 'wb').write(image.tobytes())
            print(image.width, image.height)
            """, [path, raw])
        let size = run.output.split(separator: " ").compactMap { Int($0) }
        guard run.status == 0, size.count == 2 else { throw Failure(description: "Pillow could not read \(path)") }
        return (size[0], size[1], Array(try Data(contentsOf: URL(fileURLWithPath: raw))))
    }
}
