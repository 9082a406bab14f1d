import ArgumentParser
import Foundation
import Render
#if canImport(Glibc)
import Glibc
#endif

struct DescentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "Turn the gradient-descent teaching figure into an animated GIF.",
        discussion: """
        Exit codes: 0 success, 1 stale (render --check only), 2 any error (bad flags included).

        Examples:
          descent render
          descent render Scenes/learning_rates.yaml
          descent render --help
        """,
        version: "descent \(SceneRender.version)",
        subcommands: [RenderCommand.self, EncodeCommand.self, TypesetCommand.self, WordsCommand.self, TestCardCommand.self]
    )
}

#if canImport(Glibc)
// Frames, masks and index buffers are megabytes each and come and go every frame: glibc
// would map and unmap each one (a page fault for every 4 KB written again). Kept in the
// heap instead, they are reused; the peak is the same. (glibc's mallopt, from <malloc.h>,
// which Swift's Glibc module does not export.)
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
let (mmapThreshold, trimThreshold): (Int32, Int32) = (-3, -1)  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
_ = mallopt(mmapThreshold, 256 << 20)
_ = mallopt(trimThreshold, 256 << 20)
#endif

PendingFiles.installSignalHandlers()
do {
    var command = try DescentCommand.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    if let message = CLIError.message(for: error) {
        FileHandle.standardErrorWrite("descent: error: \(message)\n")
        exit(2)
    }
    let code = DescentCommand.exitCode(for: error)
    if code == .success {
        print(DescentCommand.fullMessage(for: error))
        exit(0)
    }
    var message = DescentCommand.fullMessage(for: error)
    if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
    FileHandle.standardErrorWrite("descent: error: \(message)\n")
    exit(2)
}
