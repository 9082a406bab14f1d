import Foundation
import XCTest

/// The README's Swift block, compiled in a package of its own that depends on this one by
/// path, renders the same bytes as `descent render`.
final class LibraryTests: XCTestCase {
    private func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testTheReadmesSwiftBlockRendersWhatTheCommandRenders() throws {
        let repository = RenderCommandTests.repository
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "```swift\n"), "README has a ```swift block")
        let end = try XCTUnwrap(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let program = String(readme[start.upperBound..<end.lowerBound])
        XCTAssertLessThanOrEqual(program.split(separator: "\n").count, 15, "at most 15 lines")

        let package = FileManager.default.temporaryDirectory.appendingPathComponent("descent-readme-\(getpid())")
        try? FileManager.default.removeItem(at: package)
        defer { try? FileManager.default.removeItem(at: package) }
        let sources = package.appendingPathComponent("Sources/readme")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try program.write(to: sources.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        try """
        // swift-tools-version:5.10
        import PackageDescription
        let package = Package(
            name: "readme",
            dependencies: [.package(path: "\(repository.path)")],
            targets: [.executableTarget(name: "readme", dependencies: [
                .product(name: "Descent", package: "\(repository.lastPathComponent)")])]
        )
        """.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let swift = ProcessInfo.processInfo.environment["SWIFT_EXEC_PATH"] ?? "/usr/bin/env"
        let build = try run(swift, (swift.hasSuffix("env") ? ["swift"] : []) + ["build", "--package-path", package.path],
                            in: package)
        XCTAssertEqual(build.status, 0, build.output)
        guard build.status == 0 else { return }

        let fromLibrary = package.appendingPathComponent("library.gif").path
        let fromCommand = package.appendingPathComponent("command.gif").path
        // Run from the program's own folder: the library finds its fonts among its resources.
        let library = try run(package.appendingPathComponent(".build/debug/readme").path, [fromLibrary], in: package)
        XCTAssertEqual(library.status, 0, library.output)
        XCTAssertEqual(library.output, "", "the library prints nothing")
        XCTAssertEqual(try RenderCommandTests.descent(["render", "-q", "-o", fromCommand]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: fromLibrary)),
                       try Data(contentsOf: URL(fileURLWithPath: fromCommand)), "the same bytes as descent render")
    }
}
