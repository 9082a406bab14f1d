import Foundation
import TestSupport
import XCTest
@testable import GIF

/// The encoder's output read back with giflib's own decoder.
final class GIFEncoderTests: XCTestCase {
    private func rgba(_ width: Int, _ height: Int, _ color: (Int, Int) -> UInt32) -> [UInt8] {
        var out: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let c = color(x, y)
                out += [UInt8(c >> 16 & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c & 0xFF), 255]
            }
        }
        return out
    }

    private func encode(_ frames: [([UInt8], Int)], width: Int, height: Int, loop: Int? = 0) throws -> Data {
        var builder = PaletteBuilder()
        for (f, _) in frames { builder.add(rgba: f) }
        var bytes: [UInt8] = []
        let encoder = try GIFEncoder(width: width, height: height, palette: builder.build(), loopCount: loop) { bytes += $0 }
        for (f, delay) in frames { try encoder.add(rgba: f, delayCentiseconds: delay) }
        try encoder.finish()
        return Data(bytes)
    }

    /// giflib's reading of the bytes, and the offset of the loop block if it stands right
    /// after the global colour table.
    private func decode(_ data: Data) throws -> (replay: GIFReplay, loopBlockOffset: Int?, header: String) {
        let replay = try GIFReplay(bytes: data)
        let flags = data[10]
        let tableEnd = 13 + (flags & 0x80 != 0 ? 3 << (Int(flags & 7) + 1) : 0)
        var loop: Int?
        if data.count > tableEnd + 14, Array(data[tableEnd..<tableEnd + 3]) == [0x21, 0xFF, 0x0B],
           String(decoding: data[tableEnd + 3..<tableEnd + 14], as: UTF8.self) == "NETSCAPE2.0" {
            loop = tableEnd
        }
        return (replay, loop, String(decoding: data.prefix(6), as: UTF8.self))
    }

    func testFramesWithFewColoursRoundTripLosslessly() throws {
        let w = 40, h = 30
        let a = rgba(w, h) { x, y in (x + y) % 7 == 0 ? 0x1F77B4 : 0xFFFFFF }
        let b = rgba(w, h) { x, y in x > 10 && x < 20 && y > 5 && y < 12 ? 0xFF7F0E : ((x + y) % 7 == 0 ? 0x1F77B4 : 0xFFFFFF) }
        let c = rgba(w, h) { x, _ in x == 35 ? 0xD62728 : 0xFFFFFF }
        let decoded = try decode(try encode([(a, 200), (b, 200), (c, 500)], width: w, height: h))
        XCTAssertEqual(decoded.header, "GIF89a")
        XCTAssertEqual(decoded.replay.frames, [a, b, c])
        XCTAssertEqual(decoded.replay.delays, [200, 200, 500])
        XCTAssertFalse(decoded.replay.firstFrameUsesTransparency)
    }

    func testIdenticalConsecutiveFramesMergeAndKeepTheTotalDuration() throws {
        let w = 8, h = 8
        let a = rgba(w, h) { _, _ in 0xFFFFFF }
        let b = rgba(w, h) { x, _ in x < 4 ? 0x000000 : 0xFFFFFF }
        let decoded = try decode(try encode([(a, 100), (a, 150), (b, 200), (b, 50), (a, 1)], width: w, height: h))
        XCTAssertEqual(decoded.replay.delays, [250, 250, 2], "merged, and no delay below 2 cs")
        XCTAssertEqual(decoded.replay.frames, [a, b, a])
    }

    func testLoopBlockStandsRightAfterTheGlobalColourTable() throws {
        let a = rgba(4, 4) { _, _ in 0xFFFFFF }
        let forever = try encode([(a, 10)], width: 4, height: 4, loop: 0)
        let offset = try XCTUnwrap(try decode(forever).loopBlockOffset)
        XCTAssertEqual(Array(forever[offset + 14..<offset + 18]), [3, 1, 0, 0])
        let thrice = try encode([(a, 10)], width: 4, height: 4, loop: 3)
        XCTAssertEqual(Array(thrice[offset + 14..<offset + 18]), [3, 1, 3, 0])
        XCTAssertNil(try decode(try encode([(a, 10)], width: 4, height: 4, loop: nil)).loopBlockOffset)
    }

    func testMoreThan255ColoursAreQuantizedCloselyAndDeterministically() throws {
        let w = 64, h = 64
        let gradient = rgba(w, h) { x, y in UInt32(x * 4) << 16 | UInt32(y * 4) << 8 | 0x80 }
        let first = try encode([(gradient, 10)], width: w, height: h)
        XCTAssertEqual(first, try encode([(gradient, 10)], width: w, height: h))
        let decoded = try decode(first).replay.frames[0]
        var worst = 0
        for i in stride(from: 0, to: gradient.count, by: 4) {
            for k in 0..<3 { worst = max(worst, abs(Int(decoded[i + k]) - Int(gradient[i + k]))) }
        }
        XCTAssertLessThanOrEqual(worst, 24, "4096 colours in 255 entries")
    }

    func testTransparentIndexNeverNamesAVisibleColour() {
        var builder = PaletteBuilder()
        builder.add(rgba: rgba(16, 16) { x, y in UInt32(x * 16 + y) })
        let palette = builder.build()
        XCTAssertEqual(palette.colors.count, 255)
        XCTAssertEqual(Int(palette.transparentIndex), palette.colors.count)
        XCTAssertLessThan(Int(palette.transparentIndex), palette.tableSize)
        XCTAssertEqual(palette.tableSize, 256)
    }

    func testWrongFrameSizeIsAnError() throws {
        let encoder = try GIFEncoder(width: 4, height: 4, palette: Palette(colors: [0xFFFFFF])!) { _ in }
        XCTAssertThrowsError(try encoder.add(rgba: [0, 0, 0, 255], delayCentiseconds: 10))
    }
}

final class DitherTests: XCTestCase {
    func testDitheredFramesUseOnlyPaletteColoursAndAreDeterministic() throws {
        let w = 48, h = 32
        var gradient: [UInt8] = []
        for y in 0..<h { for x in 0..<w { gradient += [UInt8(x * 5), UInt8(y * 7), 200, 255] } }
        let palette = Palette(colors: [0x000000, 0xFFFFFF, 0x808080, 0xC8C8C8, 0xFF0000, 0x00FF00, 0x0000FF, 0xF0C8C8])!
        for dither in Dither.allCases {
            var mapper = PaletteMapper(palette: palette)
            let first = mapper.indices(rgba: gradient, width: w, dither: dither)
            var again = PaletteMapper(palette: palette)
            XCTAssertEqual(first, again.indices(rgba: gradient, width: w, dither: dither), "\(dither)")
            XCTAssertTrue(first.allSatisfy { Int($0) < palette.colors.count }, "\(dither)")
        }
        var plain = PaletteMapper(palette: palette), fs = PaletteMapper(palette: palette)
        XCTAssertNotEqual(plain.indices(rgba: gradient, width: w, dither: .none),
                          fs.indices(rgba: gradient, width: w, dither: .fs), "error diffusion changes the picture")
    }
}

/// The compressor's shortcut: ways with clearly more runs than the fewest are not encoded.
final class FrameCompressorTests: XCTestCase {
    /// Plot-like frames: a white page, a slanted anti-aliased line at `offset`, a label.
    private func plot(_ width: Int, _ height: Int, offset: Int, palette: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            let x = (y * 2 + offset) % width
            out[y * width + x] = UInt8(1 + y % (palette - 1))
            if x + 1 < width { out[y * width + x + 1] = UInt8(1 + (y / 3) % (palette - 1)) }
            if y > 10, y < 20 { for k in 0..<(offset % 30) { out[y * width + 5 + k] = 2 } }
        }
        return out
    }

    func testPredictedChoiceIsTheSmallestOfEveryTrial() throws {
        let palette = Palette(colors: (0..<16).map { UInt32($0 * 0x0F0F0F) })!
        let fast = FrameCompressor(width: 160, height: 120, palette: palette)
        var slow = fast
        slow.alwaysTrial = true
        var previous = plot(160, 120, offset: 0, palette: 16)
        var predicted = 0, exact = 0
        for step in 1...12 {
            let frame = plot(160, 120, offset: step * 7, palette: 16)
            let chosen = try fast.compressCounting(frame, after: previous)
            let best = try slow.compressCounting(frame, after: previous)
            guard case let .image(a, holesA) = chosen.frame, case let .image(b, holesB) = best.frame else {
                return XCTFail("step \(step): a changed frame")
            }
            XCTAssertEqual(best.encodings, 4)
            XCTAssertLessThanOrEqual(a.count, b.count + b.count / 50, "step \(step): within 2 % of the best")
            if a == b && holesA == holesB { exact += 1 }
            if chosen.encodings < best.encodings { predicted += 1 }
            previous = frame
        }
        XCTAssertGreaterThan(predicted, 6, "the shortcut should apply to most of these frames")
        XCTAssertGreaterThan(exact, 10, "the shortcut should keep the best block on nearly all of them")
    }

    /// Every way of writing a frame, drawn over the frame before (the transparent index
    /// leaving what is there), shows the frame; and each way makes the runs it reports.
    func testEveryWayShowsTheFrame() {
        var random = SplitMix(seed: 3)
        let width = 40, height = 30
        let before = (0..<(width * height)).map { _ in UInt8(random.next() % 3) }
        let rect = FrameCompressor.Region(x: 3, y: 2, width: 31, height: 25)
        var after = before
        for y in rect.y..<rect.y + rect.height {
            for x in rect.x..<rect.x + rect.width where random.next() % 3 == 0 { after[y * width + x] = UInt8(random.next() % 4) }
        }
        let rows = FrameRows(indices: after, previous: before, rect: rect, frameWidth: width, transparent: 9)
        let written = rows.written()
        var expectedUnchanged = 0
        for y in rect.y..<rect.y + rect.height {
            for x in rect.x..<rect.x + rect.width where after[y * width + x] == before[y * width + x] { expectedUnchanged += 1 }
        }
        XCTAssertEqual(written.unchanged, expectedUnchanged)
        for way in FrameRows.Way.allCases {
            let pixels = written.pixels[way.rawValue]
            var screen = before
            for (k, value) in pixels.enumerated() where value != 9 {
                screen[(rect.y + k / rect.width) * width + rect.x + k % rect.width] = value
            }
            XCTAssertEqual(screen, after, "\(way)")
            let runs = 1 + (1..<pixels.count).filter { pixels[$0] != pixels[$0 - 1] }.count
            XCTAssertEqual(written.runs[way.rawValue], runs, "\(way)")
        }
        XCTAssertEqual(written.pixels[FrameRows.Way.plain.rawValue].filter { $0 == 9 }.count, 0)
        XCTAssertEqual(written.pixels[FrameRows.Way.allUnchanged.rawValue].filter { $0 == 9 }.count, expectedUnchanged)
    }

    /// The ways, written eight pixels at a time where eight changed or none did, are what
    /// their definitions say pixel by pixel: on frames of blocks (wholly changed, wholly
    /// unchanged in one colour or several), odd widths, and the transparent index in the
    /// frames themselves (a transparent background).
    func testEveryWayIsItsDefinitionOnBlocks() {
        var random = SplitMix(seed: 11)
        for trial in 0..<60 {
            let width = 8 + Int(random.next() % 70), height = 3 + Int(random.next() % 12)
            let t: UInt8 = 5
            let colours: UInt64 = trial % 3 == 0 ? 6 : 3  // 6: the transparent index appears in frames
            var before = [UInt8](repeating: 0, count: width * height), after = before
            var p = 0
            while p < before.count {
                // A block of 1–40 pixels: same on both, or changed; one colour or many.
                let length = min(before.count - p, 1 + Int(random.next() % 40))
                let kind = random.next() % 4
                let colour = UInt8(random.next() % colours)
                for q in p..<p + length {
                    before[q] = kind == 3 ? UInt8(random.next() % colours) : colour
                    switch kind {
                    case 0, 3: after[q] = before[q]
                    case 1: after[q] = UInt8((UInt64(before[q]) + 1 + random.next() % (colours - 1)) % colours)
                    default: after[q] = random.next() % 2 == 0 ? before[q] : UInt8(random.next() % colours)
                    }
                }
                p += length
            }
            let x = Int(random.next() % UInt64(width / 2)), y = Int(random.next() % UInt64(height / 2))
            let rect = FrameCompressor.Region(x: x, y: y, width: width - x - Int(random.next() % UInt64(width - x)),
                                              height: height - y)
            let written = FrameRows(indices: after, previous: before, rect: rect, frameWidth: width, transparent: t).written()
            // The definitions.
            var actual: [UInt8] = [], screen: [UInt8] = []
            for row in rect.y..<rect.y + rect.height {
                actual += after[(row * width + rect.x)..<(row * width + rect.x + rect.width)]
                screen += before[(row * width + rect.x)..<(row * width + rect.x + rect.width)]
            }
            var holes: [UInt8] = [], emitted = t
            for k in actual.indices {
                emitted = FrameRows.hole(actual[k], onScreen: screen[k], after: emitted, transparent: t)
                holes.append(emitted)
            }
            let all = actual.indices.map { actual[$0] != screen[$0] ? actual[$0] : t }
            var stretches = actual
            var k = 0
            while k < actual.count {
                guard actual[k] == screen[k] else { k += 1; continue }
                var end = k
                while end < actual.count && actual[end] == screen[end] { end += 1 }
                if Set(actual[k..<end]).count > 1 { for j in k..<end { stretches[j] = t } }
                k = end
            }
            let expected = [actual, holes, stretches, all]
            let context = "trial \(trial), \(width)×\(height), rect \(rect)"
            XCTAssertEqual(written.unchanged, actual.indices.filter { actual[$0] == screen[$0] }.count, context)
            for way in FrameRows.Way.allCases {
                XCTAssertEqual(written.pixels[way.rawValue], expected[way.rawValue], "\(way), \(context)")
                XCTAssertEqual(written.runs[way.rawValue], FrameRows.runs(expected[way.rawValue]), "\(way) runs, \(context)")
            }
        }
    }

    func testAFrameEqualToTheOneBeforeIsUnchanged() throws {
        let palette = Palette(colors: [0xFFFFFF, 0x000000])!
        let compressor = FrameCompressor(width: 4, height: 2, palette: palette)
        let frame: [UInt8] = [0, 1, 0, 1, 1, 0, 1, 0]
        guard case .unchanged = try compressor.compress(frame, after: frame) else { return XCTFail("not unchanged") }
        guard case .image(_, false) = try compressor.compress(frame, after: nil) else { return XCTFail("first frame") }
        XCTAssertThrowsError(try compressor.compress([0, 1], after: nil))
        XCTAssertThrowsError(try compressor.compress([0, 1, 2, 0, 0, 0, 0, 0], after: nil), "index 2 is the transparent one")
    }

    func testRunsAreFoundFourPixelsAtATimeAndOneByOne() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<50 {
            var words: [UInt32] = []
            while words.count < 300 { words += [UInt32](repeating: UInt32(rng.next() % 3), count: Int(rng.next() % 17) + 1) }
            var naive: [(UInt32, Int, Int)] = []
            var start = 0
            for i in 1...words.count where i == words.count || words[i] != words[start] {
                naive.append((words[start], start, i - start))
                start = i
            }
            var found: [(UInt32, Int, Int)] = []
            words.withUnsafeBufferPointer { Runs.forEach($0) { found.append(($0, $1, $2)) } }
            XCTAssertEqual(found.map(\.0), naive.map(\.0))
            XCTAssertEqual(found.map(\.1), naive.map(\.1))
            XCTAssertEqual(found.map(\.2), naive.map(\.2))
        }
    }
}

/// Frames recorded as runs of colour ids while counting map to the same indices as the
/// frames themselves.
final class FrameRunsTests: XCTestCase {
    func testRecordedRunsMapToTheSameIndicesAsThePixels() {
        var rng = SplitMix(seed: 11)
        var builder = PaletteBuilder()
        var frames: [[UInt8]] = []
        var recordings: [FrameRuns] = []
        for _ in 0..<6 {
            // Long runs of a page colour, single pixels of many blends, one run > 32767.
            var words: [UInt32] = [UInt32](repeating: 0xFFFF_FFFF, count: 40_000)
            while words.count < 60_000 {
                let colour = rng.next() % 4 == 0 ? UInt32(rng.next() % 400) * 0x0102_03 : 0x00FF_FFFF
                words += [UInt32](repeating: colour | 0xFF00_0000, count: Int(rng.next() % 9) + 1)
            }
            let rgba = words.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 >> 16 & 0xFF), 255] }
            guard let runs = builder.add(rgba: rgba, recordingUpTo: 1 << 20) else { return XCTFail("not recorded") }
            XCTAssertLessThan(runs.byteCount, words.count, "runs are smaller than one byte a pixel")
            frames.append(rgba)
            recordings.append(runs)
        }
        let palette = builder.build()
        var mapper = PaletteMapper(palette: palette)
        let lookup = mapper.lookup(builder.colorsByID)
        for (rgba, runs) in zip(frames, recordings) {
            var fromRuns: [UInt8] = []
            PaletteMapper.indices(runs: runs, lookup: lookup, pixels: rgba.count / 4, into: &fromRuns)
            XCTAssertEqual(fromRuns, mapper.indices(rgba: rgba, width: 300, dither: .none))
        }
    }

    /// Frames counted as their differences from the frame before (weighted by the frames
    /// left) give exactly the counts of whole frames, and their recorded differences, laid
    /// over the frame before's indices, its indices.
    func testCountingDifferencesGivesTheCountsOfWholeFrames() {
        var rng = SplitMix(seed: 5)
        let width = 97, height = 61
        var frames: [[UInt8]] = []
        var words = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        for f in 0..<7 {
            // Patches of new colours, some single pixels, one frame unchanged, the last pixel changed.
            if f != 3 {
                for _ in 0..<Int(rng.next() % 5) + 1 {
                    let x0 = Int(rng.next() % UInt64(width)), y0 = Int(rng.next() % UInt64(height))
                    let w = Int(rng.next() % 30) + 1, h = Int(rng.next() % 12) + 1
                    for y in y0..<min(height, y0 + h) {
                        for x in x0..<min(width, x0 + w) { words[y * width + x] = 0xFF00_0000 | UInt32(rng.next() % 50) * 0x0304_05 }
                    }
                }
                words[Int(rng.next() % UInt64(words.count))] = 0xFF12_3456
            }
            if f == 6 { words[words.count - 1] = 0xFF65_4321 }
            frames.append(words.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 >> 16 & 0xFF), 255] })
        }
        var whole = PaletteBuilder(), delta = PaletteBuilder()
        var recordings: [FrameRuns] = []
        for (i, frame) in frames.enumerated() {
            whole.add(rgba: frame)
            let runs = delta.add(rgba: frame, after: i == 0 ? nil : frames[i - 1], weight: frames.count - i, recordingUpTo: 1 << 20)
            recordings.append(runs!)
            // Outside the recorded ranges the two frames are equal.
            if i > 0, let ranges = runs?.ranges {
                var covered = [Bool](repeating: false, count: width * height)
                for r in stride(from: 0, to: ranges.count, by: 2) { for p in Int(ranges[r])..<Int(ranges[r] + ranges[r + 1]) { covered[p] = true } }
                for p in 0..<width * height where !covered[p] {
                    XCTAssertEqual(frame[4 * p..<4 * p + 4], frames[i - 1][4 * p..<4 * p + 4], "frame \(i) pixel \(p) outside every range")
                }
                XCTAssertEqual(ranges.isEmpty, i == 3, "only the unchanged frame has no range")
            }
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: zip(whole.colorsByID, whole.countsByID)),
                       Dictionary(uniqueKeysWithValues: zip(delta.colorsByID, delta.countsByID).filter { $0.1 != 0 }))
        XCTAssertEqual(whole.build().colors, delta.build().colors)
        let palette = delta.build()
        var mapper = PaletteMapper(palette: palette)
        let lookup = mapper.lookup(delta.colorsByID)
        var previous: [UInt8]?
        for (frame, runs) in zip(frames, recordings) {
            var indices: [UInt8] = []
            PaletteMapper.indices(runs: runs, lookup: lookup, pixels: width * height, previous: previous, into: &indices)
            XCTAssertEqual(indices, mapper.indices(rgba: frame, width: width, dither: .none))
            previous = indices
        }
    }

    /// The mapper's pruned search finds what a scan of every entry in index order finds —
    /// the nearest, and the first of equally near ones — and the distance is the weighted
    /// one of `channelWeights`.
    func testTheNearestEntryIsTheFirstOfEquals() {
        var rng = SplitMix(seed: 9)
        XCTAssertEqual(MedianCut.distance(0x102030, 0x132A2C),
                       Int(MedianCut.channelWeights[0] * MedianCut.channelWeights[0]) * 9
                       + Int(MedianCut.channelWeights[1] * MedianCut.channelWeights[1]) * 100
                       + Int(MedianCut.channelWeights[2] * MedianCut.channelWeights[2]) * 16)
        var compared = 0
        for trial in 0..<20 {
            // Coarse colours (distinct, as a palette's are), so that many are equally near.
            var colors: [RGB] = []
            for _ in 0..<(trial == 0 ? 2 : 400) where colors.count < 255 {
                let c = RGB(rng.next() % 6) * 0x330000 + RGB(rng.next() % 6) * 0x3300 + RGB(rng.next() % 6) * 0x33
                if !colors.contains(c) { colors.append(c) }
            }
            let palette = Palette(colors: colors)!
            var mapper = PaletteMapper(palette: palette)
            for _ in 0..<300 {
                let color = RGB(rng.next() % 0x1000000)
                let distances = palette.colors.map { MedianCut.distance($0, color) }
                let expected = distances.firstIndex(of: distances.min()!)!
                XCTAssertEqual(Int(mapper.index(of: color)), expected, "colour \(String(color, radix: 16))")
                compared += 1
                // Halfway between two entries: a tie, which the first must win.
                let a = palette.colors[Int(rng.next() % UInt64(palette.colors.count))]
                let tie = (a & 0xFEFEFE) >> 1 + (palette.colors[0] & 0xFEFEFE) >> 1
                let tied = palette.colors.map { MedianCut.distance($0, tie) }
                XCTAssertEqual(Int(mapper.index(of: tie)), tied.firstIndex(of: tied.min()!)!)
            }
        }
        XCTAssertEqual(compared, 6000)
    }

    func testAFrameOverTheBudgetIsCountedButNotRecorded() {
        let rgba = (0..<4000).flatMap { i -> [UInt8] in [UInt8(i % 7), UInt8(i % 5), 0, 255] }
        var recorded = PaletteBuilder(), unrecorded = PaletteBuilder()
        XCTAssertNil(recorded.add(rgba: rgba, recordingUpTo: 100))
        unrecorded.add(rgba: rgba)
        XCTAssertEqual(recorded.build().colors, unrecorded.build().colors)
        XCTAssertEqual(recorded.colorsByID.count, 35)
    }
}

/// Lloyd's refinement after median cut lowers the weighted error of the palette.
final class PaletteRefinementTests: XCTestCase {
    private func error(_ palette: [RGB], _ colors: [(color: RGB, weight: Int)]) -> Int {
        colors.reduce(0) { sum, entry in sum + entry.weight * palette.map { MedianCut.distance($0, entry.color) }.min()! }
    }

    func testRefinedPaletteHasNoMoreErrorThanMedianCut() {
        var rng = SplitMix(seed: 3)
        // Blends between a few flat colours, as anti-aliasing makes, plus a smooth ramp.
        var colors: [(color: RGB, weight: Int)] = []
        for i in 0..<1500 {
            let t = Double(rng.next() % 1000) / 1000
            let r = RGB(255 * (1 - t) + 31 * t), g = RGB(255 * (1 - t) + 119 * t), b = RGB(255 * (1 - t) + 180 * t)
            colors.append((r << 16 | g << 8 | b ^ RGB(i % 3), Int(rng.next() % 50) + 1))
        }
        for i in 0..<500 { colors.append((RGB(i % 256) << 16 | RGB((i * 7) % 256) << 8 | 0x40, Int(rng.next() % 20) + 1)) }
        let seeds = MedianCut.representatives(of: colors, count: 64)
        let refined = MedianCut.refined(seeds, fixed: [0xFFFFFF], colors: colors)
        XCTAssertEqual(refined.count, seeds.count)
        XCTAssertLessThan(error(refined + [0xFFFFFF], colors), error(seeds + [0xFFFFFF], colors))
        XCTAssertEqual(refined, MedianCut.refined(seeds, fixed: [0xFFFFFF], colors: colors), "deterministic")
    }
}
