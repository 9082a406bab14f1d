import ArgumentParser
import Foundation
import Render
import GIF
import PNG

/// `descent encode`: anyone's PNG frames into an optimized animated GIF.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode PNG frames into an optimized animated GIF.",
        discussion: """
        Reads PNG frames (RGB, RGBA, grey or palette; 8 or 16 bits) of equal size and writes one GIF: a single palette chosen from every colour the frames use (exact up to 255 colours), identical consecutive frames merged, each frame cropped to what changed, unchanged pixels made transparent where that is smaller. Translucent pixels are laid on white, or with --background none left out where less than half covered (GIF has no partial transparency). Frames are read twice (palette, then encoding), so memory stays flat.

        Examples:
          descent encode frames/*.png -o out.gif
          descent encode a.png b.png c.png --delays 50,50,200 -o out.gif
          descent encode photo_*.png --dither fs --loop 1 -o photos.gif
          descent encode slide_*.png --background none -o slides.gif
        """
    )

    @Argument(help: ArgumentHelp("PNG frames, in order.", valueName: "frame.png"))
    var frames: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the GIF.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Every frame's delay in centiseconds, 2...65535.", valueName: "cs"))
    var delay: Int?

    @Option(help: ArgumentHelp("Each frame's delay in centiseconds, comma-separated, one per frame.", valueName: "cs,cs,…"))
    var delays: String?

    @Option(help: ArgumentHelp("0 loops forever; N plays N more times, 0...65535.", valueName: "count"))
    var loop: Int = 0

    @Option(help: ArgumentHelp("none (default, best for flat graphics), ordered, or fs (Floyd–Steinberg).", valueName: "method"))
    var dither: String = Dither.none.rawValue

    @Option(help: ArgumentHelp("What translucent pixels are laid on: white (the default), or none (a transparent GIF: pixels under half covered are left out).", valueName: "white|none"))
    var background: String = "white"

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads decoding frames, 1...64 (default: the machine's cores). The bytes are the same for any count.", valueName: "n"))
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        guard !frames.isEmpty else { throw CLIError("encode", "give at least one PNG frame") }
        guard (0...65535).contains(loop) else { throw CLIError("--loop", "must be between 0 and 65535 (got \(loop))") }
        guard (1...64).contains(threads) else { throw CLIError("--threads", "must be between 1 and 64 (got \(threads))") }
        guard let method = Dither(rawValue: dither) else {
            throw CLIError("--dither", "must be none, ordered or fs (got \(dither))")
        }
        guard ["white", "none"].contains(background) else {
            throw CLIError("--background", "must be white (the default) or none (transparent) (got \(background))")
        }
        let transparent = background == "none"
        // Dithering spreads each pixel's error to its neighbours, and would spread it into the page left out.
        guard !transparent || method == .none else {
            throw CLIError("--background none", "cannot be dithered (--dither \(dither)): give --dither none or --background white")
        }
        let frameDelays = try delaysPerFrame()
        let first = try PNGReading.read(frames[0])
        let source = PNGFrames(paths: frames, width: first.width, height: first.height, onWhite: !transparent)
        var encoder = AnimationEncoder(workers: threads, delays: frameDelays, loopCount: loop, dither: method)
        encoder.transparent = transparent
        // Written to a temporary file beside the output, renamed into place when complete.
        let file = try AtomicFile(path: output)
        do {
            try encoder.encode(source, output: file.write)
        } catch let error as GIFError {
            throw CLIError(output, "\(error)")
        }
        try file.commit()
    }

    private func delaysPerFrame() throws -> [Int] {
        if delay != nil && delays != nil { throw CLIError("--delay and --delays", "give one or the other") }
        let range = GIFEncoder.minimumDelayCentiseconds...65535
        if let delays {
            let values = delays.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.allSatisfy({ $0 != nil && range.contains($0!) }) else {
                throw CLIError("--delays", "must be whole centiseconds between 2 and 65535, comma-separated (got \(delays))")
            }
            guard values.count == frames.count else {
                throw CLIError("--delays", "gives \(values.count) delays for \(frames.count) frames; give one per frame")
            }
            return values.map { $0! }
        }
        let every = delay ?? 10
        guard range.contains(every) else { throw CLIError("--delay", "must be between 2 and 65535 centiseconds (got \(every))") }
        return Array(repeating: every, count: frames.count)
    }

    /// Lays translucent pixels on white: GIF has one fully transparent index, no partial alpha.
    static func onWhite(_ rgba: [UInt8]) -> [UInt8] {
        var out = rgba
        for i in stride(from: 0, to: out.count, by: 4) where out[i + 3] != 255 {
            let a = Int(out[i + 3])
            for k in 0..<3 { out[i + k] = UInt8((Int(out[i + k]) * a + 255 * (255 - a) + 127) / 255) }
            out[i + 3] = 255
        }
        return out
    }
}

/// PNG files as frames, decoded on whichever worker asks (twice: once per pass), laid on
/// white (unless the GIF is transparent), and refused when their size is not the first frame's.
final class PNGFrames: FrameSource {
    let paths: [String]
    let width: Int
    let height: Int
    let onWhite: Bool
    var frameCount: Int { paths.count }

    init(paths: [String], width: Int, height: Int, onWhite: Bool = true) {
        self.paths = paths
        self.width = width
        self.height = height
        self.onWhite = onWhite
    }

    func rgba(frame index: Int, worker: Int) throws -> [UInt8] {
        let image = try PNGReading.read(paths[index])
        guard image.width == width, image.height == height else {
            throw CLIError(paths[index], "frame is \(image.width)x\(image.height) but \(paths[0]) is \(width)x\(height); all frames must have one size")
        }
        return onWhite ? EncodeCommand.onWhite(image.pixels) : image.pixels
    }
}

/// PNG reading with errors for the person at the terminal.
enum PNGReading {
    static func read(_ path: String) throws -> RGBAImage {
        try PNGFile.read(path: path)
    }
}
