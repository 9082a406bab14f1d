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
///
/// On a transparent background (a palette with a `clear` colour) a pixel that was drawn
/// may have to vanish, which only disposal can do: each frame is held until the next
/// arrives; when some of its drawn pixels are clear in the next, its rectangle grows to
/// hold them and it is disposed to the background (disposal 2) after showing, and the next
/// frame is compressed against the screen so cleared.
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
    /// On a transparent background: the frame waiting for the next, and the screen as the
    /// next frame written finds it (its disposal done); nil before the first.
    private var held: (indices: [UInt8], delay: Int)?

    /// `loopCount` 0 loops forever, N plays N more times, nil plays once (no loop block).
    /// `comment`, when given, goes in a comment extension after the loop block (ASCII, at
    /// most 255 bytes). `output` receives the file's bytes in order.
    public init(width: Int, height: Int, palette: Palette, loopCount: Int? = 0, dither: Dither = .none,
                comment: String? = nil, output: @escaping ([UInt8]) throws -> Void) throws {
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
        if let comment {
            precondition(comment.utf8.count <= 255 && comment.allSatisfy(\.isASCII), "a comment is one sub-block of ASCII")
            try check(EGifPutComment(gif, comment), "comment")
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
        guard palette.clear == nil else { return try hold(indices, delayCentiseconds: delayCentiseconds) }
        try add(compressor.compress(indices, after: screen), delayCentiseconds: delayCentiseconds)
        screen = indices
    }

    /// On a transparent background: keeps `indices` until the frame after it is known.
    private func hold(_ indices: [UInt8], delayCentiseconds: Int) throws {
        guard indices.count == width * height else {
            throw GIFError.frameSize(got: indices.count, expected: width * height, unit: "pixels")
        }
        guard gif != nil else { throw GIFError.alreadyFinished }
        if let waiting = held {
            if waiting.indices == indices {
                held = (waiting.indices, waiting.delay + delayCentiseconds)
                return
            }
            try writeHeld(before: indices)
        }
        held = (indices, delayCentiseconds)
    }

    /// Writes the held frame, disposed after showing when some of its pixels are clear in
    /// `next`; the screen becomes what the frame after it is drawn on.
    private func writeHeld(before next: [UInt8]?) throws {
        guard let (frame, delay) = held else { return }
        let made = try compressor.compress(frame, over: screen, before: next)
        try writeImage(made.block, delay: Swift.max(GIFEncoder.minimumDelayCentiseconds, delay), transparent: true,
                       disposal: made.disposed ? 2 : 1)
        var shown = frame
        if made.disposed {
            let r = made.rect, t = palette.transparentIndex
            for y in r.y..<(r.y + r.height) {
                shown.replaceSubrange((y * width + r.x)..<(y * width + r.x + r.width), with: repeatElement(t, count: r.width))
            }
        }
        screen = shown
    }

    /// Adds a frame that `compressor` compressed against the frame added just before it
    /// (against nothing for the first frame). Frames can so be compressed on several
    /// threads and added in order.
    public func add(_ frame: CompressedFrame, delayCentiseconds: Int) throws {
        precondition(palette.clear == nil, "on a transparent background frames come as indices, in order")
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
        try writeHeld(before: nil)
        held = nil
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
    private func writeImage(_ block: [UInt8], delay: Int, transparent: Bool, disposal: UInt8 = 1) throws {
        guard let gif else { throw GIFError.alreadyFinished }
        // Graphics control: disposal (1 leaves the frame, 2 clears its rectangle after it
        // shows), transparency flag, delay, index.
        var control: [UInt8] = [disposal << 2 | (transparent ? 1 : 0),
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
    /// Encode every way for every frame to its end, never predicting from runs or giving
    /// up on a way that falls behind (tests compare).
    var alwaysTrial = false

    public func compress(_ indices: [UInt8], after previous: [UInt8]?) throws -> CompressedFrame {
        try compressCounting(indices, after: previous).frame
    }

    /// The compressed frame and how many ways it was LZW-encoded to get it.
    func compressCounting(_ indices: [UInt8], after previous: [UInt8]?) throws -> (frame: CompressedFrame, encodings: Int) {
        try checkIndices(indices)
        let full = Region(x: 0, y: 0, width: width, height: height)
        guard let previous else {
            let rows = FrameRows(indices: indices, previous: nil, rect: full, frameWidth: width, transparent: 0)
            return (.image(block: imageBlock(full, rows.written(plainOnly: true).pixels[0])!.block, transparent: false), 1)
        }
        guard let rect = changedRect(previous, indices) else { return (.unchanged, 0) }
        let (block, plain, encodings) = smallestBlock(indices, over: previous, in: rect)
        return (.image(block: block, transparent: !plain), encodings)
    }

    private func checkIndices(_ indices: [UInt8]) throws {
        guard indices.count == width * height else {
            throw GIFError.frameSize(got: indices.count, expected: width * height, unit: "pixels")
        }
        let highest = indices.withUnsafeBufferPointer { all in all.reduce(UInt8(0)) { Swift.max($0, $1) } }
        // On a transparent background the transparent index is the clear colour's, which frames use.
        guard highest < palette.transparentIndex || (palette.clear != nil && highest == palette.transparentIndex) else {
            throw GIFError.indicesBeyondPalette(colors: palette.colors.count)
        }
    }

    /// A frame on a transparent background, drawn over `screen` (nil: the empty screen of
    /// the first frame): its image block, its rectangle, and whether it must be disposed
    /// after showing — when pixels it draws are clear in `next`, which only clearing its
    /// rectangle can take away (the rectangle then also holds them).
    func compress(_ indices: [UInt8], over screen: [UInt8]?, before next: [UInt8]?) throws
        -> (block: [UInt8], rect: Region, disposed: Bool) {
        try checkIndices(indices)
        let t = palette.transparentIndex
        let vanishing = next.flatMap { next in
            boundingRect { p in indices[p] != t && next[p] == t }
        }
        guard let screen else {
            // The first frame: whole, clear pixels transparent.
            let full = Region(x: 0, y: 0, width: width, height: height)
            let rows = FrameRows(indices: indices, previous: nil, rect: full, frameWidth: width, transparent: t)
            return (imageBlock(full, rows.written(plainOnly: true).pixels[0])!.block, full, vanishing != nil)
        }
        // A frame that draws nothing new (what the last one's disposal left) is one transparent pixel.
        let rect = Region.union(changedRect(screen, indices), vanishing) ?? Region(x: 0, y: 0, width: 1, height: 1)
        return (smallestBlock(indices, over: screen, in: rect).block, rect, vanishing != nil)
    }

    /// The smallest rectangle holding every pixel (by index) where `test` holds, nil when none.
    private func boundingRect(_ test: (Int) -> Bool) -> Region? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            for x in 0..<width where test(y * width + x) {
                minX = Swift.min(minX, x); maxX = Swift.max(maxX, x)
                minY = Swift.min(minY, y); maxY = y
            }
        }
        guard maxX >= 0 else { return nil }
        return Region(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// `indices` at `rect` over `previous`, written the way that compresses smallest: its
    /// block, whether that way is `plain` (no transparent pixel), and how many ways were encoded.
    private func smallestBlock(_ indices: [UInt8], over previous: [UInt8], in rect: Region) -> (block: [UInt8], plain: Bool, encodings: Int) {
        let rows = FrameRows(indices: indices, previous: previous, rect: rect, frameWidth: width, transparent: palette.transparentIndex)
        // Which unchanged pixels become transparent is a choice (as in gifsicle -O3): each
        // way is encoded and the smallest kept — except ways with clearly more runs of
        // equal values than the fewest: LZW's output follows the runs, so they lose anyway
        // and need no encoding. Ways are encoded fewest runs first, each giving up once it
        // is longer than the best so far, or clearly behind it part way.
        let unchanged = rows.unchanged()
        guard unchanged > 0 else {
            // Nothing unchanged: every way writes the frame itself.
            return (imageBlock(rect, rows.written(plainOnly: true).pixels[0])!.block, true, 1)
        }
        let predict = rect.width * rect.height >= FrameCompressor.alwaysTryEvery && !alwaysTrial
        // Where few pixels are unchanged the ways hardly differ: the two simplest suffice,
        // and only they are written.
        let few = unchanged * FrameCompressor.fewUnchanged < rect.width * rect.height
        let ways = few && predict ? [FrameRows.Way.plain, .holes] : FrameRows.Way.allCases
        let written = few && predict ? rows.plainAndHoles() : rows.written()
        let fewest = ways.map { written.runs[$0.rawValue] }.min()!
        let candidates = ways
            .filter { !predict || written.runs[$0.rawValue] * 20 <= fewest * 21 }
            .sorted { (written.runs[$0.rawValue], $0.rawValue) < (written.runs[$1.rawValue], $1.rawValue) }
        var best: (block: [UInt8], pace: LZW.Pace, way: FrameRows.Way)?
        for way in candidates {
            let budget = best.map { $0.block.count - 1 } ?? .max
            let pace = alwaysTrial ? nil : best?.pace
            let block = imageBlock(rect, written.pixels[way.rawValue], budget: budget, reference: pace)
            // The budget counts the LZW data alone, so a block may still tie or exceed it.
            if let block, block.block.count <= budget { best = (block.block, block.pace, way) }
        }
        return (best!.block, best!.way == .plain, candidates.count)
    }

    /// Rectangles smaller than this many pixels are encoded every way.
    static let alwaysTryEvery = 4096
    /// Under 1/`fewUnchanged` of a rectangle unchanged, only `plain` and `holes` are tried:
    /// the other ways differ from them in too few pixels to matter (on matplotlib's colour
    /// maps they saved 0.06 % for about 14 % more encoding time).
    static let fewUnchanged = 4

    struct Region {
        let x: Int, y: Int, width: Int, height: Int

        /// The smallest region holding both (either may be missing).
        static func union(_ a: Region?, _ b: Region?) -> Region? {
            guard let a else { return b }
            guard let b else { return a }
            let x = Swift.min(a.x, b.x), y = Swift.min(a.y, b.y)
            return Region(x: x, y: y, width: Swift.max(a.x + a.width, b.x + b.width) - x,
                          height: Swift.max(a.y + a.height, b.y + b.height) - y)
        }
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

    /// The image block of a frame at `rect`: the image descriptor, then our LZW data
    /// (``LZW``: the smaller of clearing eagerly and freezing the full table); nil past
    /// `budget` bytes or clearly behind `reference`.
    private func imageBlock(_ rect: Region, _ pixels: [UInt8], budget: Int = .max,
                            reference: LZW.Pace? = nil) -> (block: [UInt8], pace: LZW.Pace)? {
        var block: [UInt8] = [0x2C]
        for value in [rect.x, rect.y, rect.width, rect.height] {
            block += [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
        block.append(0)  // no local colour table, not interlaced
        var bits = 2
        while (1 << bits) < palette.tableSize { bits += 1 }
        let data = pixels.withUnsafeBufferPointer {
            LZW.block($0, minimumCodeSize: bits, budget: budget - block.count, reference: reference)
        }
        guard let data else { return nil }
        return (block + data.data, data.pace)
    }
}

/// A frame's changed rectangle, written one of several ways: which unchanged pixels
/// become the transparent index. What LZW makes of a frame follows its runs of equal
/// values, and each way makes runs differently, so a frame is written the ways that may win
/// and the smallest kept.
struct FrameRows {
    enum Way: Int, CaseIterable {
        /// Every pixel as itself.
        case plain
        /// Pixels already on screen as the transparent index — except where the pixel
        /// before was written as this very colour: showing the same either way, continuing
        /// that run gives LZW longer runs.
        case holes
        /// A stretch of unchanged pixels (in reading order) becomes transparent when it
        /// holds two colours or more; a stretch of one colour keeps it, so it can join the
        /// changed pixels of that colour around it.
        case stretches
        /// Every unchanged pixel transparent.
        case allUnchanged
    }

    let indices: [UInt8]
    let previous: [UInt8]?
    let rect: FrameCompressor.Region
    let frameWidth: Int
    let transparent: UInt8

    /// The rectangle's pixels, row after row, written each way (in `Way` order; only
    /// `plain` with `plainOnly` or no previous frame), with the runs of equal
    /// values each makes and the number of unchanged pixels — in one pass over the frame.
    func written(plainOnly: Bool = false) -> (pixels: [[UInt8]], runs: [Int], unchanged: Int) {
        let width = rect.width, count = rect.width * rect.height
        var plain = [UInt8](unsafeUninitializedCapacity: count) { _, made in made = count }
        guard !plainOnly, let previous else {
            indices.withUnsafeBufferPointer { frame in
                plain.withUnsafeMutableBufferPointer { out in
                    for row in 0..<rect.height {
                        (out.baseAddress! + row * width).update(from: frame.baseAddress! + (rect.y + row) * frameWidth + rect.x, count: width)
                    }
                }
            }
            return ([plain], [FrameRows.runs(plain)], 0)
        }
        // Written without first being zeroed; every element is set below.
        let uninitialized = { [UInt8](unsafeUninitializedCapacity: count) { _, made in made = count } }
        var holes = uninitialized(), stretches = uninitialized(), all = uninitialized()
        var unchanged = 0
        // Runs of `plain`, `holes` and `allUnchanged`, counted as they are written; a
        // stretch may still turn transparent after it is written, so its runs are counted after.
        var plainRuns = 0, holesRuns = 0, allRuns = 0
        let t = transparent
        indices.withUnsafeBufferPointer { frame in
            previous.withUnsafeBufferPointer { screen in
                plain.withUnsafeMutableBufferPointer { plain in
                    holes.withUnsafeMutableBufferPointer { holes in
                        stretches.withUnsafeMutableBufferPointer { stretches in
                            all.withUnsafeMutableBufferPointer { all in
                                var emitted = t
                                // Before the first pixel: values no pixel is, so it starts a run.
                                var lastPlain = 0x100, lastHoles = 0x100, lastAll = 0x100
                                // The current stretch of unchanged pixels: where it began,
                                // and whether it has held two colours yet.
                                var stretchStart = -1, mixed = false
                                var k = 0
                                let frameBytes = UnsafeRawPointer(frame.baseAddress!), screenBytes = UnsafeRawPointer(screen.baseAddress!)
                                /// An unchanged pixel's `stretches` value, at k: its stretch goes on, starts,
                                /// or turns mixed (then all of it transparent).
                                @inline(__always) func stretch(_ actual: UInt8) {
                                    if stretchStart < 0 {
                                        stretchStart = k
                                        mixed = false
                                        stretches[k] = actual
                                    } else if mixed {
                                        stretches[k] = t
                                    } else if actual != stretches[k &- 1] {
                                        mixed = true
                                        for j in stretchStart...k { stretches[j] = t }
                                    } else {
                                        stretches[k] = actual
                                    }
                                }
                                /// One pixel, every way: as the eight-at-a-time paths below do it.
                                @inline(__always) func pixel(_ actual: UInt8, _ onScreen: UInt8) {
                                    plain[k] = actual
                                    plainRuns &+= Int(actual) != lastPlain ? 1 : 0
                                    lastPlain = Int(actual)
                                    emitted = FrameRows.hole(actual, onScreen: onScreen, after: emitted, transparent: t)
                                    holes[k] = emitted
                                    holesRuns &+= Int(emitted) != lastHoles ? 1 : 0
                                    lastHoles = Int(emitted)
                                    let shown = actual != onScreen ? actual : t
                                    all[k] = shown
                                    allRuns &+= Int(shown) != lastAll ? 1 : 0
                                    lastAll = Int(shown)
                                    if actual != onScreen {
                                        stretchStart = -1
                                        stretches[k] = actual
                                    } else {
                                        unchanged &+= 1
                                        stretch(actual)
                                    }
                                    k &+= 1
                                }
                                for row in 0..<rect.height {
                                    let start = (rect.y + row) &* frameWidth &+ rect.x
                                    var column = 0
                                    // Eight pixels at a time where all eight changed (every way
                                    // writes them as they are) or none did (`plain` as they are,
                                    // `allUnchanged` transparent); else one at a time.
                                    while column &+ 8 <= width {
                                        let a = frameBytes.loadUnaligned(fromByteOffset: start &+ column, as: UInt64.self)
                                        let b = screenBytes.loadUnaligned(fromByteOffset: start &+ column, as: UInt64.self)
                                        let differ = a ^ b
                                        let first = Int(a & 0xFF), last = Int(a >> 56)
                                        if differ == 0 || FrameRows.noZeroByte(differ) {
                                            let inner = FrameRows.innerChanges(a)
                                            (UnsafeMutableRawPointer(plain.baseAddress!) + k).storeBytes(of: a, as: UInt64.self)
                                            plainRuns &+= (first != lastPlain ? 1 : 0) &+ inner
                                            lastPlain = last
                                            if differ != 0 {
                                                (UnsafeMutableRawPointer(holes.baseAddress!) + k).storeBytes(of: a, as: UInt64.self)
                                                (UnsafeMutableRawPointer(stretches.baseAddress!) + k).storeBytes(of: a, as: UInt64.self)
                                                (UnsafeMutableRawPointer(all.baseAddress!) + k).storeBytes(of: a, as: UInt64.self)
                                                holesRuns &+= (first != lastHoles ? 1 : 0) &+ inner
                                                allRuns &+= (first != lastAll ? 1 : 0) &+ inner
                                                lastHoles = last
                                                lastAll = last
                                                emitted = UInt8(truncatingIfNeeded: last)
                                                stretchStart = -1
                                                k &+= 8
                                            } else {
                                                (UnsafeMutableRawPointer(all.baseAddress!) + k)
                                                    .storeBytes(of: UInt64(t) &* 0x0101_0101_0101_0101, as: UInt64.self)
                                                allRuns &+= Int(t) != lastAll ? 1 : 0
                                                lastAll = Int(t)
                                                let ones: UInt64 = 0x0101_0101_0101_0101, tWord = UInt64(t) &* ones
                                                // `holes`: the pixel before's colour while the pixels are that
                                                // colour (continuing its run), then transparent for good.
                                                let same = a ^ (UInt64(emitted) &* ones)
                                                let kept = same == 0 ? 8 : same.trailingZeroBitCount / 8
                                                let keptMask: UInt64 = kept == 8 ? ~0 : (1 << (8 &* UInt64(kept))) &- 1
                                                let holeWord = (UInt64(emitted) &* ones & keptMask) | (tWord & ~keptMask)
                                                (UnsafeMutableRawPointer(holes.baseAddress!) + k).storeBytes(of: holeWord, as: UInt64.self)
                                                holesRuns &+= (Int(holeWord & 0xFF) != lastHoles ? 1 : 0) &+ (kept > 0 && kept < 8 && emitted != t ? 1 : 0)
                                                if kept < 8 { emitted = t }
                                                lastHoles = Int(emitted)
                                                // `stretches`: a stretch of one colour goes on as it is, a mixed one
                                                // is transparent; where a stretch starts or turns mixed, one at a time.
                                                if stretchStart >= 0 && mixed {
                                                    (UnsafeMutableRawPointer(stretches.baseAddress!) + k).storeBytes(of: tWord, as: UInt64.self)
                                                    k &+= 8
                                                } else if stretchStart >= 0 && a == UInt64(stretches[k &- 1]) &* ones {
                                                    (UnsafeMutableRawPointer(stretches.baseAddress!) + k).storeBytes(of: a, as: UInt64.self)
                                                    k &+= 8
                                                } else {
                                                    for byte in 0..<8 {
                                                        stretch(UInt8(truncatingIfNeeded: a >> (8 &* UInt64(byte))))
                                                        k &+= 1
                                                    }
                                                }
                                                unchanged &+= 8
                                            }
                                        } else {
                                            for j in 0..<8 { pixel(frame[start &+ column &+ j], screen[start &+ column &+ j]) }
                                        }
                                        column &+= 8
                                    }
                                    while column < width {
                                        pixel(frame[start &+ column], screen[start &+ column])
                                        column &+= 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return ([plain, holes, stretches, all], [plainRuns, holesRuns, FrameRows.runs(stretches), allRuns], unchanged)
    }

    /// How many of the rectangle's pixels are what the screen shows already, eight at a time.
    func unchanged() -> Int {
        guard let previous else { return 0 }
        var count = 0
        indices.withUnsafeBytes { frame in
            previous.withUnsafeBytes { screen in
                for row in 0..<rect.height {
                    let start = (rect.y + row) &* frameWidth &+ rect.x
                    var x = 0
                    while x + 8 <= rect.width {
                        let a = frame.loadUnaligned(fromByteOffset: start &+ x, as: UInt64.self)
                        let b = screen.loadUnaligned(fromByteOffset: start &+ x, as: UInt64.self)
                        if a == b {
                            count &+= 8
                        } else {
                            for k in 0..<8 where frame[start &+ x &+ k] == screen[start &+ x &+ k] { count &+= 1 }
                        }
                        x &+= 8
                    }
                    while x < rect.width {
                        if frame[start &+ x] == screen[start &+ x] { count &+= 1 }
                        x &+= 1
                    }
                }
            }
        }
        return count
    }

    /// `written()`'s first two ways alone (`plain` and `holes`, at their places; the others
    /// empty, with more runs than any), for a rectangle where they are the only ones tried.
    func plainAndHoles() -> (pixels: [[UInt8]], runs: [Int], unchanged: Int) {
        guard let previous else { return written() }
        let count = rect.width * rect.height
        var plain = [UInt8](unsafeUninitializedCapacity: count) { _, made in made = count }
        var holes = [UInt8](unsafeUninitializedCapacity: count) { _, made in made = count }
        var plainRuns = 0, holesRuns = 0, unchanged = 0
        let t = transparent
        indices.withUnsafeBufferPointer { frame in
            previous.withUnsafeBufferPointer { screen in
                plain.withUnsafeMutableBufferPointer { plain in
                    holes.withUnsafeMutableBufferPointer { holes in
                        var emitted = t
                        var lastPlain = 0x100, lastHoles = 0x100
                        var k = 0
                        for row in 0..<rect.height {
                            let start = (rect.y + row) &* frameWidth &+ rect.x
                            for column in 0..<rect.width {
                                let actual = frame[start &+ column], onScreen = screen[start &+ column]
                                plain[k] = actual
                                plainRuns &+= Int(actual) != lastPlain ? 1 : 0
                                lastPlain = Int(actual)
                                emitted = FrameRows.hole(actual, onScreen: onScreen, after: emitted, transparent: t)
                                holes[k] = emitted
                                holesRuns &+= Int(emitted) != lastHoles ? 1 : 0
                                lastHoles = Int(emitted)
                                unchanged &+= actual == onScreen ? 1 : 0
                                k &+= 1
                            }
                        }
                    }
                }
            }
        }
        return ([plain, holes, [], []], [plainRuns, holesRuns, Int.max, Int.max], unchanged)
    }

    /// Whether none of the eight bytes of `word` is zero.
    @inline(__always)
    static func noZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0
    }

    /// In eight pixels read as a little-endian word, how many differ from the pixel before
    /// them (the first is not counted).
    @inline(__always)
    static func innerChanges(_ word: UInt64) -> Int {
        let d = word ^ (word << 8)
        // Each byte's top bit set when the byte is not zero.
        let nonzero = (((d & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | d) & 0x8080_8080_8080_8000
        return nonzero.nonzeroBitCount
    }

    /// What `Way.holes` writes for a pixel `actual` over `onScreen`, after `previous`.
    @inline(__always)
    static func hole(_ actual: UInt8, onScreen: UInt8, after previous: UInt8, transparent: UInt8) -> UInt8 {
        onScreen == actual && previous != actual ? transparent : actual
    }

    /// The number of runs of equal values in `pixels`.
    static func runs(_ pixels: [UInt8]) -> Int {
        pixels.withUnsafeBufferPointer { p in
            guard var last = p.first else { return 0 }
            var runs = 1
            for value in p where value != last {
                runs &+= 1
                last = value
            }
            return runs
        }
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

/// The comment extensions of a GIF, in order: the text of each (sub-blocks joined). Reads
/// the block structure only, so any encoder's file will do; nil when it is not a GIF.
public enum GIFComments {
    public static func read(_ bytes: [UInt8]) -> [String]? {
        guard bytes.count >= 13, bytes.starts(with: Array("GIF8".utf8)) else { return nil }
        var p = 13
        if bytes[10] & 0x80 != 0 { p += 3 << (Int(bytes[10] & 7) + 1) }
        var comments: [String] = []
        /// The sub-blocks from `p` on, joined; p moves past their terminator.
        func subBlocks() -> [UInt8]? {
            var data: [UInt8] = []
            while p < bytes.count {
                let n = Int(bytes[p])
                p += 1
                if n == 0 { return data }
                guard p + n <= bytes.count else { return nil }
                data += bytes[p..<(p + n)]
                p += n
            }
            return nil
        }
        while p < bytes.count {
            switch bytes[p] {
            case 0x21:
                guard p + 1 < bytes.count else { return nil }
                let label = bytes[p + 1]
                p += 2
                guard let data = subBlocks() else { return nil }
                if label == 0xFE { comments.append(String(decoding: data, as: UTF8.self)) }
            case 0x2C:
                guard p + 10 <= bytes.count else { return nil }
                let packed = bytes[p + 9]
                p += 10
                if packed & 0x80 != 0 { p += 3 << (Int(packed & 7) + 1) }
                p += 1  // the minimum code size
                guard subBlocks() != nil else { return nil }
            case 0x3B:
                return comments
            default:
                return nil
            }
        }
        return nil
    }
}

/// Reads a GIF back with giflib: every frame as a viewer shows it (each image drawn over the
/// last, transparent pixels leaving what is there, disposals done; pixels never drawn are
/// transparent, alpha 0) and each frame's delay in centiseconds.
/// For `--check --pixels`, which compares what two GIFs show rather than their bytes.
public enum GIFDecoder {
    private final class Reader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    public static func frames(_ bytes: [UInt8]) -> (width: Int, height: Int, frames: [[UInt8]], delays: [Int])? {
        let reader = Reader(bytes)
        var error: Int32 = 0
        let input: InputFunc = { gif, buffer, length in
            guard let gif, let buffer, let user = gif.pointee.UserData else { return 0 }
            let reader = Unmanaged<Reader>.fromOpaque(user).takeUnretainedValue()
            let n = Swift.min(Int(length), reader.bytes.count - reader.offset)
            guard n > 0 else { return 0 }
            reader.bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + reader.offset, count: n) }
            reader.offset += n
            return Int32(n)
        }
        return withExtendedLifetime(reader) { () -> (Int, Int, [[UInt8]], [Int])? in
            guard let gif = DGifOpen(Unmanaged.passUnretained(reader).toOpaque(), input, &error) else { return nil }
            defer { DGifCloseFile(gif, &error) }
            guard DGifSlurp(gif) == GIF_OK else { return nil }
            let width = Int(gif.pointee.SWidth), height = Int(gif.pointee.SHeight)
            var screen = [UInt8](repeating: 0, count: width * height * 4)
            var frames: [[UInt8]] = [], delays: [Int] = []
            for i in 0..<Int(gif.pointee.ImageCount) {
                var control = GraphicsControlBlock()
                _ = DGifSavedExtensionToGCB(gif, Int32(i), &control)
                delays.append(Int(control.DelayTime))
                let image = gif.pointee.SavedImages[i], d = image.ImageDesc
                // A local colour table (other encoders write them), else the global one.
                guard let map = d.ColorMap ?? gif.pointee.SColorMap,
                      Int(d.Left) + Int(d.Width) <= width, Int(d.Top) + Int(d.Height) <= height else { return nil }
                let before = control.DisposalMode == DISPOSE_PREVIOUS ? screen : nil
                for row in 0..<Int(d.Height) {
                    for column in 0..<Int(d.Width) {
                        let index = Int(image.RasterBits[row * Int(d.Width) + column])
                        if control.TransparentColor >= 0 && index == Int(control.TransparentColor) { continue }
                        guard index < Int(map.pointee.ColorCount) else { return nil }
                        let c = map.pointee.Colors[index]
                        let p = ((Int(d.Top) + row) * width + Int(d.Left) + column) * 4
                        screen[p] = c.Red; screen[p + 1] = c.Green; screen[p + 2] = c.Blue; screen[p + 3] = 255
                    }
                }
                frames.append(screen)
                // After showing: cleared to the (transparent) background, or put back.
                if control.DisposalMode == DISPOSE_BACKGROUND {
                    for row in 0..<Int(d.Height) {
                        let start = ((Int(d.Top) + row) * width + Int(d.Left)) * 4
                        screen.replaceSubrange(start..<(start + Int(d.Width) * 4), with: repeatElement(0, count: Int(d.Width) * 4))
                    }
                } else if let before {
                    screen = before
                }
            }
            return (width, height, frames, delays)
        }
    }
}
