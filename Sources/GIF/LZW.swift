/// GIF's LZW compression, written here so that we choose when the code table is cleared.
///
/// The code stream is the one GIF89a defines: codes of `minimumCodeSize + 1` bits after
/// each clear, growing by a bit whenever the next free code needs it, up to 12 bits; the
/// clear code is `1 << minimumCodeSize`, end-of-information the one after it. Bits are
/// packed least significant first and cut into sub-blocks of at most 255 bytes.
///
/// Encoders differ in what they do when all 4096 codes are taken:
///
/// - `.eager` clears at once, exactly as giflib's `EGifPutLine` does (its table stops at
///   code 4094), so an eager stream is byte for byte giflib's;
/// - `.frozen` keeps coding against the full table to the end of the image. A table built
///   on the first rows of a plot keeps matching the rest of it (its background, its axes,
///   its text), where a fresh table would start again from single pixels.
///
/// GIF89a allows codes after a full table (the decoder simply stops adding entries), and
/// giflib, Pillow, ImageMagick, ffmpeg and Chromium read them alike (the interop suite).
/// ``LZW/block(_:minimumCodeSize:)`` encodes eagerly, then frozen only when the eager pass
/// had to clear, and keeps the smaller.
///
/// gifsicle's middle way, clearing a frozen table once its codes grow short and rewinding
/// to where they started to shrink, was built and measured too: on descent's scenes and on
/// matplotlib's frames it was never smaller than the better of these two, so it is not kept.
public enum LZW {
    public enum Clearing: Sendable {
        case eager
        case frozen
    }

    /// How far an encoding had come: the bits written by each of a few pixels (every
    /// `Pace.stride` pixels). Another encoding of the same image that has written clearly
    /// more by the same pixel gives up: it would almost surely end longer. "Clearly" is
    /// `slack` of the bits (as a shift) and a few bytes more.
    public struct Pace: Sendable {
        static let stride = 8192
        var bits: [Int] = []
        /// How far behind another way of writing the image may fall: 1/8 and 256 bytes
        /// (ways differ locally, and a way behind at first may still end shorter).
        static let otherWay = (shift: 3, bits: 2048)
        /// How far behind the eager pass the frozen one may fall: 1/32 and 64 bytes (once a
        /// frozen table falls behind it rarely catches up).
        static let frozen = (shift: 5, bits: 512)
        var slack = Pace.otherWay

        /// Whether `bits` written by the `mark`-th stride are clearly more than this pace's.
        @inline(__always)
        func isAhead(of bits: Int, mark: Int) -> Bool {
            guard mark < self.bits.count else { return false }
            let reference = self.bits[mark]
            return bits > reference + reference >> slack.shift + slack.bits
        }
    }

    /// The compressed data of an image, as it follows the image descriptor: the minimum
    /// code size byte, the sub-blocks and the empty block that ends them; the smaller of
    /// the two clearing policies, and its pace.
    ///
    /// Nil when it would be longer than `budget` bytes or fell clearly behind `reference`
    /// (another way of writing the image is smaller already). The frozen pass likewise
    /// stops once it falls behind the eager one.
    public static func block(_ pixels: UnsafeBufferPointer<UInt8>, minimumCodeSize: Int, budget: Int = .max,
                             reference: Pace? = nil) -> (data: [UInt8], pace: Pace)? {
        var encoder = Encoder(minimumCodeSize: minimumCodeSize)
        func run(_ clearing: Clearing, _ budget: Int, _ reference: Pace?) -> (data: [UInt8], pace: Pace)? {
            encoder.encode(pixels, clearing: clearing, budget: budget, reference: reference).map { ($0, encoder.pace) }
        }
        let eager = run(.eager, budget, reference)
        // Both passes write the same codes until the table fills.
        guard encoder.tableFilled else { return eager }
        guard let eager else { return run(.frozen, budget, reference) }
        // The budget counts the codes without their sub-block lengths: compare the blocks.
        var pace = eager.pace
        pace.slack = Pace.frozen
        guard let frozen = run(.frozen, eager.data.count - 1, pace), frozen.data.count < eager.data.count else { return eager }
        return frozen
    }

    /// One policy's compressed data (tests and benchmarks compare policies).
    public static func block(_ pixels: UnsafeBufferPointer<UInt8>, minimumCodeSize: Int, clearing: Clearing) -> [UInt8] {
        var encoder = Encoder(minimumCodeSize: minimumCodeSize)
        return encoder.encode(pixels, clearing: clearing, budget: .max, reference: nil)!
    }

    /// The code table: an open-addressed hash of (prefix code, pixel) → code, each slot
    /// `key << 12 | code` with key = prefix << 8 | pixel (20 bits), as giflib keeps it.
    struct Table: ~Copyable {
        static let slots = 8192
        static let empty = UInt32.max
        let entries: UnsafeMutablePointer<UInt32>

        init() {
            entries = .allocate(capacity: Table.slots)
            clear()
        }

        deinit { entries.deallocate() }

        func clear() { entries.update(repeating: Table.empty, count: Table.slots) }

        /// Where `key`'s probe starts; the encoder walks on from there (linear probing)
        /// to the key or the first empty slot.
        @inline(__always)
        static func slot(_ key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> 19) }
    }

    /// The code stream being written: codes packed least significant bit first into a
    /// buffer allocated once for the worst case, and the code width, which grows as the
    /// table does.
    struct CodeStream: ~Copyable {
        let minimumCodeSize: Int
        private let buffer: UnsafeMutablePointer<UInt8>
        private var written = 0
        private var accumulator: UInt64 = 0
        private var count = 0
        /// The width of the next code, and the next free table entry.
        var width: Int
        var next: Int

        /// For an image of `pixels` pixels: at most one code per pixel, a clear per 2048
        /// codes, and the clear and end codes around them, each of 12 bits at most.
        init(minimumCodeSize: Int, pixels: Int) {
            self.minimumCodeSize = minimumCodeSize
            buffer = .allocate(capacity: (pixels + pixels / 2048 + 8) * 3 / 2 + 16)
            width = minimumCodeSize + 1
            next = (1 << minimumCodeSize) + 2
        }

        deinit { buffer.deallocate() }

        /// Writes `code`, then widens the codes when the next free entry needs it.
        @inline(__always)
        mutating func emit(_ code: Int) {
            accumulator |= UInt64(code) << UInt64(count)
            count &+= width
            if count >= 32 {
                UnsafeMutableRawPointer(buffer + written).storeBytes(of: UInt32(truncatingIfNeeded: accumulator).littleEndian, as: UInt32.self)
                written &+= 4
                accumulator >>= 32
                count &-= 32
            }
            if next >= (1 << width) && width < 12 { width &+= 1 }
        }

        /// Back to an empty table, after a clear code.
        mutating func restart() {
            width = minimumCodeSize + 1
            next = (1 << minimumCodeSize) + 2
        }

        /// The bits written so far.
        var bits: Int { written * 8 + count }

        /// The bytes, the last ones padded, cut into sub-blocks.
        consuming func finish() -> [UInt8] {
            while count > 0 {
                buffer[written] = UInt8(truncatingIfNeeded: accumulator)
                written += 1
                accumulator >>= 8
                count = Swift.max(0, count - 8)
            }
            return subBlocks(UnsafeBufferPointer(start: buffer, count: written), minimumCodeSize: minimumCodeSize)
        }
    }

    /// The table's strings made of one value repeated: for each value, the longest such
    /// string's length (`top`, 1 for the value alone) and each length's code (`codes`,
    /// indexed length × 256 + value; lengths 2...top hold codes). A table is prefix-closed,
    /// so every length up to `top` is there.
    struct Runs: ~Copyable {
        let top = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        /// Written only where `top` says, so never read before it is written.
        let codes = UnsafeMutablePointer<UInt16>.allocate(capacity: 4097 * 256)

        func reset() { top.update(repeating: 1, count: 256) }

        deinit {
            top.deallocate()
            codes.deallocate()
        }
    }

    struct Encoder: ~Copyable {
        let minimumCodeSize: Int
        let table = Table()

        /// Whether the last `encode` found the table full at least once.
        private(set) var tableFilled = false
        /// The last pass's pace.
        private(set) var pace = Pace()
        let runs = Runs()

        init(minimumCodeSize: Int) {
            precondition((2...8).contains(minimumCodeSize), "GIF's minimum code size is 2...8")
            self.minimumCodeSize = minimumCodeSize
        }

        /// The compressed data of `pixels`, each below `1 << minimumCodeSize`; nil once it
        /// passes `budget` bytes, or (frozen) falls behind the eager pass before it.
        mutating func encode(_ pixels: UnsafeBufferPointer<UInt8>, clearing: Clearing, budget: Int = .max, reference: Pace? = nil) -> [UInt8]? {
            let clearCode = 1 << minimumCodeSize, endCode = clearCode + 1
            // giflib's table stops at 4094 and then clears; a frozen table holds all 4096.
            let tableLimit = clearing == .eager ? 4095 : 4096
            var out = CodeStream(minimumCodeSize: minimumCodeSize, pixels: pixels.count)
            tableFilled = false
            pace = Pace()
            let budgetBits = budget > Int.max / 8 ? Int.max : budget * 8
            var nextMark = Pace.stride
            table.clear()
            out.emit(clearCode)
            let n = pixels.count
            if n > 0 {
                let entries = table.entries
                var prefix = Int(pixels[0])
                precondition(prefix < clearCode, "pixel beyond the minimum code size")
                // When the current string is one value repeated (`runLength` times), the
                // table's strings of that value (lengths 1...runTop) are found by index,
                // and a run in the image is matched without a lookup per pixel.
                var runValue = prefix, runLength = 1
                runs.reset()
                var i = 1
                while i < n {
                    let pixel = Int(pixels[i])
                    if runLength > 0 && pixel == runValue {
                        let top = Int(runs.top[pixel])
                        if top > runLength {
                            let limit = Swift.min(top - runLength, n - i)
                            var r = 1
                            while r < limit && Int(pixels[i &+ r]) == pixel { r &+= 1 }
                            runLength &+= r
                            i &+= r
                            prefix = Int(runs.codes[runLength &* 256 &+ pixel])
                            continue
                        }
                    }
                    i &+= 1
                    let key = UInt32(truncatingIfNeeded: prefix << 8 | pixel)
                    var slot = Table.slot(key)
                    var entry = entries[slot]
                    while entry != Table.empty && entry >> 12 != key {
                        slot = (slot &+ 1) & (Table.slots - 1)
                        entry = entries[slot]
                    }
                    if entry != Table.empty {
                        prefix = Int(entry & 0xFFF)
                        runLength = 0
                        continue
                    }
                    precondition(pixel < clearCode, "pixel beyond the minimum code size")
                    out.emit(prefix)
                    if i > nextMark {
                        // Pixels before `i - 1` are written: the pace at this mark.
                        let bits = out.bits
                        if bits > budgetBits { return nil }
                        if let reference, reference.isAhead(of: bits, mark: pace.bits.count) { return nil }
                        pace.bits.append(bits)
                        nextMark &+= Pace.stride
                    }
                    if out.next < tableLimit {
                        entries[slot] = key << 12 | UInt32(out.next)
                        if runLength > 0 && pixel == runValue {
                            runs.codes[(runLength &+ 1) &* 256 &+ pixel] = UInt16(out.next)
                            runs.top[pixel] = UInt16(runLength &+ 1)
                        }
                        out.next &+= 1
                    } else if clearing == .eager {
                        tableFilled = true
                        out.emit(clearCode)
                        table.clear()
                        runs.reset()
                        out.restart()
                    } else {
                        tableFilled = true
                    }
                    prefix = pixel
                    runValue = pixel
                    runLength = 1
                }
                out.emit(prefix)
            }
            out.emit(endCode)
            return out.bits > budgetBits ? nil : out.finish()
        }
    }

    /// The code stream cut into sub-blocks of at most 255 bytes, with the minimum code
    /// size before and the empty block after.
    static func subBlocks(_ data: UnsafeBufferPointer<UInt8>, minimumCodeSize: Int) -> [UInt8] {
        var block: [UInt8] = []
        block.reserveCapacity(data.count + data.count / 255 + 3)
        block.append(UInt8(minimumCodeSize))
        var start = 0
        while start < data.count {
            let end = min(start + 255, data.count)
            block.append(UInt8(end - start))
            block.append(contentsOf: data[start..<end])
            start = end
        }
        block.append(0)
        return block
    }
}
