import Foundation
/// An opaque 24-bit colour, packed 0xRRGGBB.
public typealias RGB = UInt32

/// The global colour table: up to 255 colours, leaving one index free for transparency.
///
/// Guarantees: 1...255 distinct colours; `tableSize` is the smallest power of two (at
/// least 2) holding them plus the transparent index.
public struct Palette: Sendable, Equatable {
    public let colors: [RGB]
    /// The key colour that stands for "no pixel here" in an animation on a transparent
    /// background (`Transparency.key`), when it is one: the last entry.
    public let clear: RGB?
    /// The index that stands for "unchanged" in frames after the first. It never names a
    /// visible colour: the index after the colours, or on a transparent background the
    /// clear colour's own (there "unchanged" and "nothing" are both "leave what is there").
    public var transparentIndex: UInt8 { UInt8(clear == nil ? colors.count : colors.count - 1) }

    /// The most colours a palette holds: 256 table entries, one kept for transparency.
    public static let maximumColors = 255

    /// `clear`, when given, is the last of `colors`.
    public init?(colors: [RGB], clear: RGB? = nil) {
        guard !colors.isEmpty, colors.count <= Palette.maximumColors, Set(colors).count == colors.count else { return nil }
        if let clear, colors.last != clear { return nil }
        self.colors = colors
        self.clear = clear
    }

    public var tableSize: Int {
        var size = 2
        while size < colors.count + 1 { size *= 2 }
        return size
    }
}

/// Counts the colours of frames, then chooses a palette.
///
/// With at most 255 colours the palette is exact. Beyond that the most frequent flat
/// colours (background, text, the theme's lines) keep exact entries and the remaining
/// entries are spent by a weighted median cut on what is left (anti-aliasing blends),
/// distances measured with weights for the eye's sensitivity. Ties break on the colour
/// value, so the same frames always give the same palette.
public struct PaletteBuilder: Sendable {
    /// Each colour seen gets an id, in order of first sight: `colors[id]`, `counts[id]`.
    private var ids = ColorTable<Int32>()
    private var colors: [RGB] = []
    private var counts: [Int] = []

    public init() {}

    /// Counts the colours of an RGBA frame (alpha is ignored: frames are opaque).
    public mutating func add(rgba: [UInt8]) {
        _ = add(rgba: rgba, recordingUpTo: 0)
    }

    /// Counts the colours of an RGBA frame and, when it takes at most `budget` bytes,
    /// returns the frame as runs of this builder's colour ids: a copy of the frame that a
    /// `PaletteMapper` turns into palette indices later without the RGBA pixels.
    public mutating func add(rgba: [UInt8], recordingUpTo budget: Int) -> FrameRuns? {
        add(rgba: rgba, after: nil, weight: 1, recordingUpTo: budget)
    }

    /// Counts an RGBA frame `weight` times, or only how it differs from `previous` (a frame
    /// this builder counted, with the same weight left): the pixels of the ranges where they
    /// differ are counted in and the previous frame's pixels there counted out — the sums
    /// are exactly those of counting every frame whole. With a budget, returns the frame
    /// as runs of colour ids (of those ranges only, after a previous frame): see `FrameRuns`.
    public mutating func add(rgba: [UInt8], after previous: [UInt8]?, weight: Int, recordingUpTo budget: Int) -> FrameRuns? {
        let pixels = rgba.count / 4
        let ranges: [Int32]? = previous.map { FrameRuns.differences(rgba, $0) }
        var bytes: [UInt8] = []
        // The ranges take their share of the budget (as in `FrameRuns.byteCount`).
        let budget = budget - 4 * (ranges?.count ?? 0)
        var recording = budget > 0
        rgba.withUnsafeBytes { raw in
            let words = raw.bindMemory(to: UInt32.self)
            FrameRuns.forEachRange(ranges, pixels: pixels) { start, length in
                Runs.forEach(UnsafeBufferPointer(rebasing: words[start..<start + length])) { word, _, length in
                    let color = PaletteBuilder.rgb(word)
                    let id: Int
                    if let known = ids[color] {
                        id = Int(known)
                    } else {
                        id = colors.count
                        ids[color] = Int32(id)
                        colors.append(color)
                        counts.append(0)
                    }
                    counts[id] += weight * length
                    guard recording else { return }
                    if id > FrameRuns.largest || bytes.count + 4 * (length / FrameRuns.largest + 1) > budget {
                        recording = false
                        bytes = []
                        return
                    }
                    var left = length
                    while left > 0 {
                        let piece = Swift.min(left, FrameRuns.largest)
                        FrameRuns.append(id, to: &bytes)
                        FrameRuns.append(piece, to: &bytes)
                        left -= piece
                    }
                }
            }
        }
        if let previous, let ranges {
            // The previous frame's pixels in those ranges, counted out (every colour there has its id).
            previous.withUnsafeBytes { raw in
                let words = raw.bindMemory(to: UInt32.self)
                FrameRuns.forEachRange(ranges, pixels: pixels) { start, length in
                    Runs.forEach(UnsafeBufferPointer(rebasing: words[start..<start + length])) { word, _, length in
                        counts[Int(ids[PaletteBuilder.rgb(word)]!)] -= weight * length
                    }
                }
            }
        }
        // Kept in an array of exactly its size: the growing one has up to twice the room.
        return recording ? FrameRuns(bytes: bytes.withUnsafeBufferPointer { Array($0) }, ranges: ranges) : nil
    }

    /// The colour of each id, for `PaletteMapper.indices(runs:lookup:into:)`.
    public var colorsByID: [RGB] { colors }
    /// How many pixels of each id were counted.
    var countsByID: [Int] { counts }

    /// Weighted squared distance under which two colours count as the same flat colour
    /// (about two levels per channel).
    static let indistinct = 2 * 2 * 29

    /// 0xRRGGBB from a little-endian RGBA word.
    @inline(__always)
    static func rgb(_ word: UInt32) -> RGB {
        (word & 0xFF) << 16 | (word & 0xFF00) | (word >> 16 & 0xFF)
    }

    /// The palette; with `clear` (an animation on a transparent background), that colour is
    /// kept exact as the last entry and the others share the entries left. The colours are
    /// refined on `workers` threads (the same palette for any number).
    public func build(clear: RGB? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> Palette {
        guard let clear else { return build(limit: Palette.maximumColors, workers: workers) }
        // (A median cut's mean could land on the key colour itself: it is dropped.)
        let others = build(limit: Palette.maximumColors - 1, without: clear, workers: workers).colors.filter { $0 != clear }
        // Only the clear colour seen: the palette still needs an entry before it.
        let colors = others.isEmpty ? [clear == 0 ? 0xFFFFFF : 0] : others
        return Palette(colors: colors + [clear], clear: clear)!
    }

    private func build(limit: Int, without left: RGB? = nil, workers: Int) -> Palette {
        let seen: [(key: RGB, value: Int)] = zip(colors, counts).map { (key: $0, value: $1) }.filter { $0.key != left }
        let ranked = seen.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if ranked.isEmpty { return Palette(colors: [0xFFFFFF])! }
        if ranked.count <= limit { return Palette(colors: ranked.map(\.key))! }
        let total = ranked.reduce(0) { $0 + $1.value }
        // Flat colours: each covers at least 0.05 % of all pixels; at most a quarter of the
        // table. A colour barely distinct from a more frequent flat one (the faint edge of
        // anti-aliased text, 0xFEFEFE beside white) is not kept apart: it would only break
        // the runs LZW lives on.
        var flat: [RGB] = []
        for entry in ranked.prefix(64) where entry.value * 2000 >= total {
            if !flat.contains(where: { MedianCut.distance($0, entry.key) <= PaletteBuilder.indistinct }) {
                flat.append(entry.key)
            }
        }
        let flatSet = Set(flat)
        let rest = ranked.filter { !flatSet.contains($0.key) }.map { (color: $0.key, weight: $0.value) }
        var colors = flat
        let seeds = MedianCut.representatives(of: rest, count: limit - flat.count)
        for c in MedianCut.refined(seeds, fixed: flat, colors: rest, workers: workers) where !colors.contains(c) {
            colors.append(c)
        }
        return Palette(colors: colors)!
    }
}

/// Weighted median cut: split the box whose colours spread most (in perceptually weighted
/// units, weighted by pixel count) at its weighted median, until there are enough boxes;
/// each box gives its weighted mean.
enum MedianCut {
    /// Perceptual weights for R, G, B distances (the eye is most sensitive to green).
    static let channelWeights: [Double] = [2, 4, 3]

    static func channel(_ c: RGB, _ k: Int) -> Int { Int((c >> (16 - 8 * RGB(k))) & 0xFF) }

    /// Squared distance with the perceptual channel weights (squared: 4, 16, 9).
    @inline(__always)
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a >> 16 & 0xFF) - Int(b >> 16 & 0xFF)
        let dg = Int(a >> 8 & 0xFF) - Int(b >> 8 & 0xFF)
        let db = Int(a & 0xFF) - Int(b & 0xFF)
        return dr * dr * 4 + dg * dg * 16 + db * db * 9
    }

    static func representatives(of colors: [(color: RGB, weight: Int)], count: Int) -> [RGB] {
        guard !colors.isEmpty, count > 0 else { return [] }
        var boxes: [[(color: RGB, weight: Int)]] = [colors]
        // Each box's spread along each channel, worked out once per box (nil: one colour).
        func spreads(_ box: [(color: RGB, weight: Int)]) -> [Double]? {
            box.count > 1 ? (0..<3).map { weightedSpread(box, channel: $0) } : nil
        }
        var spread = [spreads(colors)]
        while boxes.count < count {
            var best = -1, bestSpread = 0.0, bestChannel = 0
            for (i, channels) in spread.enumerated() {
                guard let channels else { continue }
                for k in 0..<3 where channels[k] > bestSpread { best = i; bestSpread = channels[k]; bestChannel = k }
            }
            guard best >= 0 else { break }
            let sorted = boxes[best].sorted {
                let a = channel($0.color, bestChannel), b = channel($1.color, bestChannel)
                return a != b ? a < b : $0.color < $1.color
            }
            let half = sorted.reduce(0) { $0 + $1.weight } / 2
            var running = 0, cut = 1
            for (i, entry) in sorted.enumerated() {
                running += entry.weight
                if running >= half { cut = Swift.max(1, Swift.min(sorted.count - 1, i + 1)); break }
            }
            boxes[best] = Array(sorted[..<cut])
            boxes.append(Array(sorted[cut...]))
            spread[best] = spreads(boxes[best])
            spread.append(spreads(boxes[boxes.count - 1]))
        }
        return boxes.map { box in
            var sums = [0.0, 0.0, 0.0], total = 0.0
            for entry in box {
                for k in 0..<3 { sums[k] += Double(channel(entry.color, k)) * Double(entry.weight) }
                total += Double(entry.weight)
            }
            let c = (0..<3).map { RGB((sums[$0] / total).rounded()) }
            return c[0] << 16 | c[1] << 8 | c[2]
        }
    }

    /// Lloyd's refinement of `seeds`: each colour goes to its nearest entry (the `fixed`
    /// ones included, which do not move), each seed moves to the weighted mean of its
    /// colours; a few rounds, in a fixed order, so the result is deterministic. Median cut
    /// places its boxes well but their means serve only the colours inside each box;
    /// this lowers the error of every pixel (mean PSNR +1 dB on a colour-map animation).
    static func refined(_ seeds: [RGB], fixed: [RGB], colors: [(color: RGB, weight: Int)],
                        workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> [RGB] {
        guard !seeds.isEmpty, !colors.isEmpty else { return seeds }
        let all = fixed + seeds
        let n = all.count
        // Flat buffers, three channels each: the same arithmetic in the same order as a
        // colour at a time, without an array per colour.
        var centres = [Double](repeating: 0, count: 3 * n)
        for (i, c) in all.enumerated() { for k in 0..<3 { centres[3 * i + k] = Double(channel(c, k)) } }
        let w2 = channelWeights.map { $0 * $0 }
        var points = [Double](repeating: 0, count: 3 * colors.count)
        var weights = [Double](repeating: 0, count: colors.count)
        for (j, entry) in colors.enumerated() {
            for k in 0..<3 { points[3 * j + k] = Double(channel(entry.color, k)) }
            weights[j] = Double(entry.weight)
        }
        // Rounds are capped so the work stays within about 50 million distances.
        let rounds = Swift.max(1, Swift.min(8, 50_000_000 / Swift.max(1, colors.count * n)))
        var sums = [Double](repeating: 0, count: 3 * n)
        var totals = [Double](repeating: 0, count: n)
        // Each colour's nearest centre is found on every core (the bulk of the work); the
        // sums are then made in colour order on one thread, so the result is the same for
        // any number of cores.
        let count = colors.count
        // More chunks than cores, taken as cores come free: the colours seen last (the
        // blends of anti-aliasing) take longer to place than the first.
        let chunks = Swift.max(1, Swift.min(4 * workers, count / 256))
        // Each colour's centre in the round before (-1 before the first).
        var nearest = [Int32](repeating: -1, count: count)
        for _ in 0..<rounds {
            let search = NearestCentre(centres: centres, weights: w2)
            let frozenPoints = points, before = nearest
            let parts = try! Parallel.map(count: chunks, workers: workers) { chunk -> [Int32] in
                ((count * chunk / chunks)..<(count * (chunk + 1) / chunks)).map { j in
                    Int32(search.nearest(frozenPoints[3 * j], frozenPoints[3 * j + 1], frozenPoints[3 * j + 2], startingFrom: Int(before[j])))
                }
            }
            nearest = parts.flatMap { $0 }
            for i in sums.indices { sums[i] = 0 }
            for i in totals.indices { totals[i] = 0 }
            for j in 0..<count {
                let best = Int(nearest[j]), weight = weights[j]
                sums[3 &* best] += points[3 &* j] * weight
                sums[3 &* best &+ 1] += points[3 &* j &+ 1] * weight
                sums[3 &* best &+ 2] += points[3 &* j &+ 2] * weight
                totals[best] += weight
            }
            var moved = false
            for i in fixed.count..<n where totals[i] > 0 {
                for k in 0..<3 {
                    let mean = sums[3 * i + k] / totals[i]
                    if mean != centres[3 * i + k] { moved = true }
                    centres[3 * i + k] = mean
                }
            }
            if !moved { break }
        }
        return (fixed.count..<n).map { i in
            let v = (0..<3).map { RGB(Swift.min(255, Swift.max(0, centres[3 * i + $0].rounded()))) }
            return v[0] << 16 | v[1] << 8 | v[2]
        }
    }

    private static func weightedSpread(_ box: [(color: RGB, weight: Int)], channel k: Int) -> Double {
        var sum = 0.0, sumSquares = 0.0, total = 0.0
        for entry in box {
            let v = Double(channel(entry.color, k)), w = Double(entry.weight)
            sum += v * w
            sumSquares += v * v * w
            total += w
        }
        let mean = sum / total
        return (sumSquares / total - mean * mean) * total * channelWeights[k] * channelWeights[k]
    }
}

/// The nearest of a set of centres (three channels each) to a colour under the weighted
/// squared distance — the first of equals, as a scan in index order finds it — without
/// scanning them all: centres are kept in order along the channel they spread most on, and
/// a search walks right, then left, from where the colour falls on that channel, each way
/// until that channel alone puts every centre left farther than the nearest found. The
/// order of visits does not change which centre wins.
struct NearestCentre: Sendable {
    private let axis: Int
    private let weights: (Double, Double, Double)
    /// The centres' channels, three a centre, in order along `axis`.
    private let sorted: [Double]
    /// Each sorted centre's index among the centres given, and each centre's place in the order.
    private let order: [Int]
    private let place: [Int]
    /// For each whole channel value 0…255, the first sorted centre not below it.
    private let firstNotBelow: [Int]

    /// `centres`: three channels a centre; `weights`: each channel's weight on its squared difference.
    init(centres: [Double], weights: [Double]) {
        let n = centres.count / 3
        let spreads = (0..<3).map { k -> Double in
            let values = (0..<n).map { centres[3 * $0 + k] }
            return (values.max()! - values.min()!) * weights[k].squareRoot()
        }
        axis = spreads.indices.max { spreads[$0] < spreads[$1] }!
        self.weights = (weights[0], weights[1], weights[2])
        let axis = self.axis
        order = (0..<n).sorted { centres[3 * $0 + axis] != centres[3 * $1 + axis] ? centres[3 * $0 + axis] < centres[3 * $1 + axis] : $0 < $1 }
        var place = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() { place[i] = k }
        self.place = place
        sorted = order.flatMap { i in (0..<3).map { centres[3 * i + $0] } }
        var position = 0
        let keys = order.map { centres[3 * $0 + axis] }
        firstNotBelow = (0..<256).map { value -> Int in
            while position < n && keys[position] < Double(value) { position += 1 }
            return position
        }
    }

    /// The nearest centre's index to the colour (c0, c1, c2), whole numbers 0…255;
    /// `start` is a centre likely near (−1: none), which only makes the search shorter.
    func nearest(_ c0: Double, _ c1: Double, _ c2: Double, startingFrom start: Int = -1) -> Int {
        sorted.withUnsafeBufferPointer { s in
            order.withUnsafeBufferPointer { order in
                let (w0, w1, w2) = weights
                let n = order.count, key = axis == 0 ? c0 : (axis == 1 ? c1 : c2), wAxis = axis == 0 ? w0 : (axis == 1 ? w1 : w2)
                /// The distance to the sorted centre at `k`.
                @inline(__always) func distance(_ k: Int) -> Double {
                    let d0 = c0 - s[3 &* k], d1 = c1 - s[3 &* k &+ 1], d2 = c2 - s[3 &* k &+ 2]
                    return d0 * d0 * w0 + d1 * d1 * w1 + d2 * d2 * w2
                }
                var best = start, bestDistance = Double.infinity
                let from = firstNotBelow[Int(key)]
                if start >= 0 { bestDistance = distance(place[start]) }
                var right = from
                while right < n {
                    let gap = (s[3 &* right &+ axis] - key) * (s[3 &* right &+ axis] - key) * wAxis
                    if gap > bestDistance { break }
                    let d = distance(right), i = order[right]
                    if d < bestDistance || (d == bestDistance && i < best) { bestDistance = d; best = i }
                    right &+= 1
                }
                var left = from &- 1
                while left >= 0 {
                    let gap = (key - s[3 &* left &+ axis]) * (key - s[3 &* left &+ axis]) * wAxis
                    if gap > bestDistance { break }
                    let d = distance(left), i = order[left]
                    if d < bestDistance || (d == bestDistance && i < best) { bestDistance = d; best = i }
                    left &-= 1
                }
                return best
            }
        }
    }
}

/// Maps colours to their nearest palette entry, remembering each answer. A value type:
/// each thread mapping frames keeps its own.
public struct PaletteMapper: Sendable {
    public let palette: Palette
    private var cache = ColorTable<UInt8>()
    /// The palette's entries as centres: whole-number channels, so the search's distances
    /// are exactly `MedianCut.distance`'s.
    private let search: NearestCentre

    public init(palette: Palette) {
        self.palette = palette
        for (i, c) in palette.colors.enumerated() { cache[c] = UInt8(i) }
        // The clear colour (the last entry) is nobody's nearest: only the key colour itself,
        // found in the cache, becomes transparent.
        let centres = palette.clear == nil ? palette.colors : palette.colors.dropLast()
        search = NearestCentre(centres: centres.flatMap { c in (0..<3).map { Double(MedianCut.channel(c, $0)) } },
                               weights: MedianCut.channelWeights.map { $0 * $0 })
    }

    /// The nearest entry: the first of equals, as a scan in index order finds it.
    mutating func index(of color: RGB) -> UInt8 {
        if let i = cache[color] { return i }
        let best = UInt8(search.nearest(Double(color >> 16 & 0xFF), Double(color >> 8 & 0xFF), Double(color & 0xFF)))
        cache[color] = best
        return best
    }

    mutating func indices(rgba: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        indices(rgba: rgba, into: &out)
        return out
    }

    /// The palette index of each colour of `colors` (a builder's `colorsByID`).
    public mutating func lookup(_ colors: [RGB]) -> [UInt8] {
        colors.map { index(of: $0) }
    }

    /// Palette indices for a frame recorded as runs, through `lookup` (from `lookup(_:)`
    /// of the builder that recorded it), written into `out` as for `indices(rgba:into:)`.
    /// A frame recorded after another needs that frame's indices: `previous`.
    public static func indices(runs: FrameRuns, lookup: [UInt8], pixels: Int, previous: [UInt8]? = nil, into out: inout [UInt8]) {
        if let previous {
            precondition(previous.count == pixels, "the frame before has the frame's size")
            if out.count == pixels {
                out.withUnsafeMutableBytes { target in previous.withUnsafeBytes { target.copyMemory(from: $0) } }
            } else {
                out = previous
            }
        } else {
            precondition(runs.ranges == nil, "a frame recorded after another needs that frame")
            if out.count != pixels { out = [UInt8](repeating: 0, count: pixels) }
        }
        out.withUnsafeMutableBufferPointer { target in
            runs.bytes.withUnsafeBufferPointer { bytes in
                var at = 0
                FrameRuns.forEachRange(runs.ranges, pixels: pixels) { start, length in
                    var p = start
                    let end = start + length
                    precondition(end <= pixels, "recorded runs overrun the frame")
                    while p < end {
                        let id = FrameRuns.read(bytes, &at)
                        let run = FrameRuns.read(bytes, &at)
                        precondition(p + run <= end, "recorded runs overrun their range")
                        (target.baseAddress! + p).initialize(repeating: lookup[id], count: run)
                        p += run
                    }
                }
                precondition(at == bytes.count, "recorded runs do not cover the frame")
            }
        }
    }

    /// Palette indices for an RGBA frame, undithered, written into `out` (resized to one
    /// index a pixel; its memory is reused when it already has the room).
    public mutating func indices(rgba: [UInt8], into out: inout [UInt8]) {
        if out.count != rgba.count / 4 { out = [UInt8](repeating: 0, count: rgba.count / 4) }
        rgba.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { target in
                var previous: UInt32 = 0
                var previousIndex = index(of: PaletteBuilder.rgb(0))
                Runs.forEach(raw.bindMemory(to: UInt32.self)) { word, start, length in
                    if word != previous {
                        previous = word
                        previousIndex = index(of: PaletteBuilder.rgb(word))
                    }
                    if length == 1 {
                        target[start] = previousIndex
                    } else {
                        (target.baseAddress! + start).initialize(repeating: previousIndex, count: length)
                    }
                }
            }
        }
    }
}

/// A frame as runs of colour ids, recorded by a `PaletteBuilder` while it counts: each run
/// is its id and its length, each one byte below 128 and two bytes (high bit set) up to
/// `largest` — about 2.6 bytes a run for a plot (the seed: 4.08 MB for 1.55 million runs),
/// whose runs are mostly single pixels of anti-aliasing between long runs of the page.
///
/// A frame recorded after another holds only the ranges of pixels where the two differ
/// (`ranges`: start and length pairs, in order); the runs cover those ranges one after
/// the other, and every other pixel is the other frame's.
public struct FrameRuns: Sendable {
    public let bytes: [UInt8]
    /// Start and length of each range the runs cover, or nil for the whole frame.
    public let ranges: [Int32]?
    /// The largest id or run length one entry holds; longer runs are split.
    static let largest = 0x7FFF
    /// Memory held, in bytes.
    public var byteCount: Int { bytes.count + 4 * (ranges?.count ?? 0) }

    public init(bytes: [UInt8], ranges: [Int32]? = nil) {
        self.bytes = bytes
        self.ranges = ranges
    }

    /// Equal pixels between two ranges shorter than this are taken into one range: fewer
    /// ranges to walk, and pixels that are the same in both frames count in and out alike.
    static let joinGap = 64

    /// The ranges (start and length pairs, in pixels) outside which two RGBA frames of the
    /// same size are equal; compared four pixels at a time, so a range may take in a few
    /// equal pixels at its ends.
    static func differences(_ a: [UInt8], _ b: [UInt8]) -> [Int32] {
        precondition(a.count == b.count, "frames of one size")
        let pixels = a.count / 4
        var ranges: [Int32] = []
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                let blocks = pixels / 4
                var open = -1, lastDifferent = -1
                func close() {
                    let start = open * 4, end = Swift.min(pixels, (lastDifferent + 1) * 4)
                    ranges.append(Int32(start))
                    ranges.append(Int32(end - start))
                }
                var k = 0
                while k < blocks {
                    // Most of a frame is as before: 64 pixels at a time by memcmp first.
                    if k & 15 == 0, k + 16 <= blocks, memcmp(a.baseAddress! + k * 16, b.baseAddress! + k * 16, 256) == 0 {
                        k += 16
                        continue
                    }
                    let same = a.loadUnaligned(fromByteOffset: k * 16, as: UInt64.self) == b.loadUnaligned(fromByteOffset: k * 16, as: UInt64.self)
                        && a.loadUnaligned(fromByteOffset: k * 16 + 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: k * 16 + 8, as: UInt64.self)
                    if !same {
                        if open >= 0, (k - lastDifferent) * 4 > joinGap { close(); open = -1 }
                        if open < 0 { open = k }
                        lastDifferent = k
                    }
                    k += 1
                }
                // The last pixels, fewer than a block: one more block's worth if any differs.
                if blocks * 4 < pixels, !(blocks * 4..<pixels).allSatisfy({ a.load(fromByteOffset: $0 * 4, as: UInt32.self) == b.load(fromByteOffset: $0 * 4, as: UInt32.self) }) {
                    if open >= 0, (blocks - lastDifferent) * 4 > joinGap { close(); open = -1 }
                    if open < 0 { open = blocks }
                    lastDifferent = blocks
                }
                if open >= 0 { close() }
            }
        }
        return ranges
    }

    /// `body(start, length)` for each range, or once for the whole frame when `ranges` is nil.
    @inline(__always)
    static func forEachRange(_ ranges: [Int32]?, pixels: Int, _ body: (Int, Int) -> Void) {
        guard let ranges else { return body(0, pixels) }
        for r in stride(from: 0, to: ranges.count, by: 2) { body(Int(ranges[r]), Int(ranges[r + 1])) }
    }

    @inline(__always)
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else {
            bytes.append(UInt8(0x80 | value >> 8))
            bytes.append(UInt8(value & 0xFF))
        }
    }

    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> Int {
        let first = Int(bytes[at])
        at += 1
        guard first & 0x80 != 0 else { return first }
        defer { at += 1 }
        return (first & 0x7F) << 8 | Int(bytes[at])
    }
}

/// A hash table from colours to values: open addressing with linear probing, faster than
/// Dictionary for the millions of look-ups a render makes. Iteration order is not part of
/// its contract (callers sort).
struct ColorTable<Value>: Sendable where Value: Sendable {
    private var keys: [UInt32]
    private var values: [Value?]
    private(set) var count = 0
    private var mask: Int

    /// No colour is 0xFFFFFFFF (colours are 24-bit), so it marks an empty slot.
    private static var empty: UInt32 { 0xFFFF_FFFF }

    init() {
        keys = [UInt32](repeating: ColorTable.empty, count: 1024)
        values = [Value?](repeating: nil, count: 1024)
        mask = 1023
    }

    @inline(__always)
    private func slot(for key: UInt32) -> Int {
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 7) & mask
        while keys[i] != key && keys[i] != ColorTable.empty { i = (i + 1) & mask }
        return i
    }

    subscript(key: RGB) -> Value? {
        get { values[slot(for: key)] }
        set {
            let i = slot(for: key)
            if keys[i] == ColorTable.empty {
                guard let newValue else { return }
                keys[i] = key
                values[i] = newValue
                count += 1
                if count * 2 > keys.count { grow() }
            } else {
                values[i] = newValue ?? values[i]
            }
        }
    }

    subscript(key: RGB, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        set { self[key] = newValue }
    }

    var entries: [(key: RGB, value: Value)] {
        zip(keys, values).compactMap { key, value in
            key == ColorTable.empty ? nil : value.map { (key, $0) }
        }
    }

    private mutating func grow() {
        let old = entries
        keys = [UInt32](repeating: ColorTable.empty, count: keys.count * 2)
        values = [Value?](repeating: nil, count: keys.count)
        mask = keys.count - 1
        count = 0
        for (key, value) in old { self[key] = value }
    }
}

extension PaletteBuilder {
    /// Adds another builder's counts (the sum does not depend on the order of merging, so
    /// frames counted on several threads give the same palette).
    public mutating func merge(_ other: PaletteBuilder) {
        for (color, count) in zip(other.colors, other.counts) {
            if let id = ids[color] {
                counts[Int(id)] += count
            } else {
                ids[color] = Int32(colors.count)
                colors.append(color)
                counts.append(count)
            }
        }
    }
}
