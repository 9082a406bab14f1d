import CGIF
import Dispatch

/// What can go wrong making a GIF: the caller's frames or settings, or giflib.
public enum GIFError: Error, CustomStringConvertible, Equatable {
    case noFrames
    case sizeOutOfRange(width: Int, height: Int)
    case loopCountOutOfRange(Int)
    /// A frame whose byte or pixel count is not the animation's.
    case frameSize(got: Int, expected: Int, unit: String)
    case indicesBeyondPalette(colors: Int)
    case firstFrameIsARepeat
    case alreadyFinished
    /// giflib reported `code` while doing `operation` ("start a file", "encode an image").
    case giflib(operation: String, code: Int32)
    case emptyImage

    public var description: String {
        switch self {
        case .noFrames: return "no frames to encode"
        case let .sizeOutOfRange(width, height): return "GIF size \(width)×\(height) is outside 1...65535"
        case let .loopCountOutOfRange(count): return "loop count \(count) is outside 0...65535"
        case let .frameSize(got, expected, unit): return "frame has \(got) \(unit); the animation's frames have \(expected)"
        case let .indicesBeyondPalette(colors): return "frame uses palette indices beyond its \(colors) colours"
        case .firstFrameIsARepeat: return "the first frame cannot be a repeat"
        case .alreadyFinished: return "the GIF was already finished"
        case let .giflib(operation, code): return "giflib could not \(operation) (error \(code))"
        case .emptyImage: return "giflib wrote an empty image"
        }
    }
}

/// A streaming animated-GIF writer on giflib.
///
/// Frames are encoded as they arrive; it keeps only the frame waiting to be written and
/// the picture on screen, so memory does not grow with the number of frames. Identical
/// consecutive frames merge (their delays add up). After the first frame each frame is
/// cropped to the rectangle that changed and, where that makes it smaller, pixels that
/// did not change become the transparent index; frames are never disposed, so each one
/// draws over the last. The file is GIF89a with the NETSCAPE2.0 loop block right after
/// the global colour table.
public final class GIFEncoder {
    public let width: Int
    public let height: Int
    public let palette: Palette
    /// Browsers show delays of 0 or 1 cs as 10 cs; none is written below this.
    public static let minimumDelayCentiseconds = 2

    public let dither: Dither
    private var mapper: PaletteMapper
    private let sink: OutputSink
    private var gif: UnsafeMutablePointer<GifFileType>?
    /// Compresses frames against the one before; safe to use from any thread.
    public let compressor: FrameCompressor
    private var screen: [UInt8]?
    private var pending: (image: (block: [UInt8], transparent: Bool), delay: Int)?

    /// `loopCount` 0 loops forever, N plays N more times, nil plays once (no loop block).
    /// `output` receives the file's bytes in order.
    public init(width: Int, height: Int, palette: Palette, loopCount: Int? = 0, dither: Dither = .none,
                output: @escaping ([UInt8]) throws -> Void) throws {
        guard width > 0, height > 0, width <= 65535, height <= 65535 else {
            throw GIFError.sizeOutOfRange(width: width, height: height)
        }
        if let loopCount, !(0...65535).contains(loopCount) {
            throw GIFError.loopCountOutOfRange(loopCount)
        }
        self.width = width
        self.height = height
        self.palette = palette
        self.dither = dither
        mapper = PaletteMapper(palette: palette)
        compressor = FrameCompressor(width: width, height: height, palette: palette)
        sink = OutputSink(output)
        var error: Int32 = 0
        gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), gifOutput, &error)
        guard let gif else { throw GIFError.giflib(operation: "start a file", code: error) }
        EGifSetGifVersion(gif, true)
        try check(withColorMap(palette) { map in
            EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, map)
        }, "screen descriptor")
        if let loopCount {
            try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "loop block")
            var name = Array("NETSCAPE2.0".utf8)
            try check(EGifPutExtensionBlock(gif, 11, &name), "loop block")
            var count: [UInt8] = [1, UInt8(loopCount & 0xFF), UInt8(loopCount >> 8)]
            try check(EGifPutExtensionBlock(gif, 3, &count), "loop block")
            try check(EGifPutExtensionTrailer(gif), "loop block")
        }
    }

    deinit {
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)
        }
    }

    /// Adds an RGBA frame (width × height × 4 bytes) shown for `delayCentiseconds`.
    public func add(rgba: [UInt8], delayCentiseconds: Int) throws {
        guard rgba.count == width * height * 4 else {
            throw GIFError.frameSize(got: rgba.count, expected: width * height * 4, unit: "bytes")
        }
        try add(indices: mapper.indices(rgba: rgba, width: width, dither: dither), delayCentiseconds: delayCentiseconds)
    }

    /// Adds a frame already mapped to this encoder's palette (by a `PaletteMapper` of the
    /// same palette, on another thread, say).
    public func add(indices: [UInt8], delayCentiseconds: Int) throws {
        try add(compressor.compress(indices, after: screen), delayCentiseconds: delayCentiseconds)
        screen = indices
    }

    /// Adds a frame that `compressor` compressed against the frame added just before it
    /// (against nothing for the first frame). Frames can so be compressed on several
    /// threads and added in order.
    public func add(_ frame: CompressedFrame, delayCentiseconds: Int) throws {
        switch frame {
        case .unchanged:
            guard let p = pending else { throw GIFError.firstFrameIsARepeat }
            pending = (p.image, p.delay + delayCentiseconds)
        case let .image(block, transparent):
            try flushPending()
            pending = ((block, transparent), delayCentiseconds)
        }
    }

    /// Writes the last frame and the trailer. The encoder takes no frames after this.
    public func finish() throws {
        try flushPending()
        guard let gif else { throw GIFError.alreadyFinished }
        self.gif = nil
        var error: Int32 = 0
        guard EGifCloseFile(gif, &error) == GIF_OK else {
            throw GIFError.giflib(operation: "finish the file", code: error)
        }
        try sink.flush()
    }

    private func flushPending() throws {
        guard let p = pending else { return }
        pending = nil
        try writeImage(p.image.block, delay: Swift.max(GIFEncoder.minimumDelayCentiseconds, p.delay),
                       transparent: p.image.transparent)
    }

    /// Writes a frame's timing and its image block (descriptor and LZW data).
    private func writeImage(_ block: [UInt8], delay: Int, transparent: Bool) throws {
        guard let gif else { throw GIFError.alreadyFinished }
        // Graphics control: disposal 1 (do not dispose), transparency flag, delay, index.
        var control: [UInt8] = [UInt8(1 << 2) | (transparent ? 1 : 0),
                                UInt8(delay & 0xFF), UInt8((delay >> 8) & 0xFF), palette.transparentIndex]
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, &control), "frame timing")
        // giflib has finished everything it was given, so the block can follow directly.
        let written = block.withUnsafeBufferPointer { sink.write($0) }
        guard written else { throw sink.failure ?? GIFError.giflib(operation: "write the image data", code: gif.pointee.Error) }
    }

    private func check(_ result: Int32, _ what: String) throws {
        guard result == GIF_OK else {
            if let failure = sink.failure { throw failure }
            throw GIFError.giflib(operation: "write the \(what)", code: gif?.pointee.Error ?? 0)
        }
    }
}

/// A frame ready to write: its image block, or nothing when it shows what is on screen.
public enum CompressedFrame: Sendable {
    /// Descriptor and LZW data; `transparent` when it uses the palette's transparent index.
    case image(block: [UInt8], transparent: Bool)
    /// Identical to the frame before: its time is added to that frame's.
    case unchanged
}

/// Turns a frame, given the frame before it, into the smallest image block this encoder
/// knows: cropped to the rectangle that changed and, where that makes it smaller, with
/// unchanged pixels transparent. Holds no state, so any thread may use it.
public struct FrameCompressor: Sendable {
    public let width: Int
    public let height: Int
    public let palette: Palette
    /// Encode both ways for every frame, never predicting from runs (tests compare).
    var alwaysTrial = false

    public func compress(_ indices: [UInt8], after previous: [UInt8]?) throws -> CompressedFrame {
        try compressCounting(indices, after: previous).frame
    }

    /// The compressed frame and how many ways it was LZW-encoded to get it.
    func compressCounting(_ indices: [UInt8], after previous: [UInt8]?) throws -> (frame: CompressedFrame, encodings: Int) {
        guard indices.count == width * height else {
            throw GIFError.frameSize(got: indices.count, expected: width * height, unit: "pixels")
        }
        let highest = indices.withUnsafeBufferPointer { all in all.reduce(UInt8(0)) { Swift.max($0, $1) } }
        guard highest < palette.transparentIndex else {
            throw GIFError.indicesBeyondPalette(colors: palette.colors.count)
        }
        let full = Region(x: 0, y: 0, width: width, height: height)
        guard let previous else {
            return (.image(block: try imageBlock(FrameRows(indices: indices, previous: nil, rect: full, frameWidth: width, transparent: 0), .plain),
                           transparent: false), 1)
        }
        guard let rect = changedRect(previous, indices) else { return (.unchanged, 0) }
        let rows = FrameRows(indices: indices, previous: previous, rect: rect, frameWidth: width, transparent: palette.transparentIndex)
        // Both ways, keeping the smaller (as gifsicle -O2 does) — unless one way has far
        // fewer runs of equal pixels than the other: LZW's output follows the runs, so that
        // one is smaller anyway and the other needs no encoding. (Over every frame of the
        // scenes in Scenes/ and the seed, this picks what both trials pick.)
        if rect.width * rect.height >= FrameCompressor.alwaysTryBoth, !alwaysTrial {
            let (plainRuns, maskedRuns) = rows.runs()
            if maskedRuns * 13 < plainRuns * 10 { return (.image(block: try imageBlock(rows, .holes), transparent: true), 1) }
            if plainRuns * 13 < maskedRuns * 10 { return (.image(block: try imageBlock(rows, .plain), transparent: false), 1) }
        }
        let blocks = try Parallel.map(count: 2) { k in try self.imageBlock(rows, k == 0 ? .plain : .holes) }
        let (plain, withHoles) = (blocks[0], blocks[1])
        return (withHoles.count < plain.count ? .image(block: withHoles, transparent: true)
                                              : .image(block: plain, transparent: false), 2)
    }

    /// Rectangles smaller than this many pixels are always encoded both ways.
    static let alwaysTryBoth = 4096

    struct Region {
        let x: Int, y: Int, width: Int, height: Int
    }

    /// The smallest rectangle holding every pixel where `a` and `b` differ, nil when none.
    /// Rows are compared eight pixels at a time.
    private func changedRect(_ a: [UInt8], _ b: [UInt8]) -> Region? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        let width = self.width
        a.withUnsafeBytes { rawA in
            b.withUnsafeBytes { rawB in
                let pa = rawA.baseAddress!, pb = rawB.baseAddress!
                for y in 0..<height {
                    let row = y * width
                    // First differing column from the left…
                    var x = 0
                    while x + 8 <= width,
                          pa.loadUnaligned(fromByteOffset: row + x, as: UInt64.self) == pb.loadUnaligned(fromByteOffset: row + x, as: UInt64.self) {
                        x += 8
                    }
                    while x < width, rawA[row + x] == rawB[row + x] { x += 1 }
                    guard x < width else { continue }
                    // …and from the right.
                    var last = width - 1
                    while last - 7 > x,
                          pa.loadUnaligned(fromByteOffset: row + last - 7, as: UInt64.self) == pb.loadUnaligned(fromByteOffset: row + last - 7, as: UInt64.self) {
                        last -= 8
                    }
                    while rawA[row + last] == rawB[row + last] { last -= 1 }
                    minX = Swift.min(minX, x); maxX = Swift.max(maxX, last)
                    minY = Swift.min(minY, y); maxY = y
                }
            }
        }
        guard maxX >= 0 else { return nil }
        return Region(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// The image block (descriptor and LZW data) of a frame at `rect`, encoded by giflib
    /// into a small GIF in memory and cut out of it, so a frame can be encoded two ways and
    /// the smaller one written without encoding it a third time.
    private func imageBlock(_ rows: FrameRows, _ way: FrameRows.Way) throws -> [UInt8] {
        let rect = rows.rect
        var bytes: [UInt8] = []
        let collector = OutputSink { bytes += $0 }
        var error: Int32 = 0
        guard let mini = EGifOpen(Unmanaged.passUnretained(collector).toOpaque(), gifOutput, &error) else {
            throw GIFError.giflib(operation: "start an image", code: error)
        }
        var ok = withColorMap(palette) { map in EGifPutScreenDesc(mini, Int32(width), Int32(height), 8, 0, map) }
        if ok == GIF_OK {
            ok = EGifPutImageDesc(mini, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height), false, nil)
        }
        if ok == GIF_OK {
            ok = rows.forEachRow(way) { line in EGifPutLine(mini, line.baseAddress, Int32(line.count)) == GIF_OK } ? GIF_OK : GIF_ERROR
        }
        let closed = EGifCloseFile(mini, &error)
        guard ok == GIF_OK, closed == GIF_OK else { throw GIFError.giflib(operation: "encode an image", code: error) }
        try collector.flush()
        // Header (6) + screen descriptor (7) + global colour table before; trailer (1) after.
        let start = 13 + 3 * palette.tableSize
        guard bytes.count > start + 1 else { throw GIFError.emptyImage }
        return Array(bytes[start..<(bytes.count - 1)])
    }
}

/// A frame's changed rectangle, row by row, written one of two ways — each row made in a
/// small buffer as it is needed, so no copy of the rectangle is ever held.
struct FrameRows {
    enum Way {
        /// Every pixel as itself.
        case plain
        /// Pixels already on screen as the transparent index — except where the pixel
        /// before was written as this very colour: showing the same either way, continuing
        /// that run gives LZW longer runs.
        case holes
    }

    let indices: [UInt8]
    let previous: [UInt8]?
    let rect: FrameCompressor.Region
    let frameWidth: Int
    let transparent: UInt8

    /// Calls `body` with each row of the rectangle in order, until it returns false;
    /// returns whether every row was taken.
    func forEachRow(_ way: Way, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Bool) -> Bool {
        var line = [UInt8](repeating: 0, count: rect.width)
        let t = transparent
        return indices.withUnsafeBufferPointer { frame in
            line.withUnsafeMutableBufferPointer { out in
                var emitted = t
                for y in rect.y..<rect.y + rect.height {
                    let start = y * frameWidth + rect.x
                    switch way {
                    case .plain:
                        out.baseAddress!.update(from: frame.baseAddress! + start, count: rect.width)
                    case .holes:
                        previous!.withUnsafeBufferPointer { screen in
                            for column in 0..<rect.width {
                                let actual = frame[start + column]
                                emitted = FrameRows.hole(actual, onScreen: screen[start + column], after: emitted, transparent: t)
                                out[column] = emitted
                            }
                        }
                    }
                    if !body(out) { return false }
                }
                return true
            }
        }
    }

    /// What `Way.holes` writes for a pixel `actual` over `onScreen`, after `previous`.
    @inline(__always)
    static func hole(_ actual: UInt8, onScreen: UInt8, after previous: UInt8, transparent: UInt8) -> UInt8 {
        onScreen == actual && previous != actual ? transparent : actual
    }

    /// The number of runs of equal values the rectangle makes written each way, counted
    /// in one pass over the frame.
    func runs() -> (plain: Int, holes: Int) {
        let t = transparent
        var plain = 0, holes = 0
        // Both counts start with a run: nothing is written before the first pixel.
        var lastPlain: UInt8?, lastHoles: UInt8?, emitted = t
        indices.withUnsafeBufferPointer { frame in
            previous!.withUnsafeBufferPointer { screen in
                for y in rect.y..<rect.y + rect.height {
                    let start = y &* frameWidth &+ rect.x
                    for column in 0..<rect.width {
                        let actual = frame[start &+ column]
                        if actual != lastPlain { plain &+= 1; lastPlain = actual }
                        emitted = FrameRows.hole(actual, onScreen: screen[start &+ column], after: emitted, transparent: t)
                        if emitted != lastHoles { holes &+= 1; lastHoles = emitted }
                    }
                }
            }
        }
        return (plain, holes)
    }
}

/// Runs `body` with a giflib colour map of the palette (giflib copies it).
private func withColorMap(_ palette: Palette, _ body: (UnsafeMutablePointer<ColorMapObject>?) -> Int32) -> Int32 {
    var entries = [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: palette.tableSize)
    for (i, c) in palette.colors.enumerated() {
        entries[i] = GifColorType(Red: UInt8(c >> 16 & 0xFF), Green: UInt8(c >> 8 & 0xFF), Blue: UInt8(c & 0xFF))
    }
    let map = GifMakeMapObject(Int32(palette.tableSize), &entries)
    defer { GifFreeMapObject(map) }
    return body(map)
}

/// Collects giflib's small writes and hands them on in larger pieces.
final class OutputSink {
    private let output: ([UInt8]) throws -> Void
    private var buffer: [UInt8] = []
    private(set) var failure: Error?
    private static let chunk = 1 << 16

    init(_ output: @escaping ([UInt8]) throws -> Void) {
        self.output = output
        buffer.reserveCapacity(OutputSink.chunk)
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        buffer.append(contentsOf: bytes)
        if buffer.count >= OutputSink.chunk {
            do { try flush() } catch { return false }
        }
        return true
    }

    func flush() throws {
        if let failure { throw failure }
        guard !buffer.isEmpty else { return }
        do {
            try output(buffer)
        } catch {
            failure = error
            throw error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

private let gifOutput: OutputFunc = { gif, bytes, length in
    guard let gif, let bytes, length >= 0, let user = gif.pointee.UserData else { return 0 }
    let sink = Unmanaged<OutputSink>.fromOpaque(user).takeUnretainedValue()
    return sink.write(UnsafeBufferPointer(start: bytes, count: Int(length))) ? length : 0
}
