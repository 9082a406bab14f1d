import Foundation
import Synchronization
import XCTest
@testable import GIF
import TestSupport

/// The one two-pass driver `render` and `encode` share: what giflib decodes is what the
/// source gave, and the bytes do not depend on the number of workers.
final class AnimationEncoderTests: XCTestCase {
    /// Frames of moving bars on a gradient, made on demand (twice, once per pass).
    private final class Bars: FrameSource {
        let width = 64, height = 40, frameCount = 9
        private let requested = Mutex(0)
        var requests: Int { requested.withLock { $0 } }

        func rgba(frame index: Int, worker: Int) throws -> [UInt8] {
            requested.withLock { $0 += 1 }
            var out = [UInt8](repeating: 255, count: width * height * 4)
            for y in 0..<height {
                for x in 0..<width {
                    let i = (y * width + x) * 4
                    let bar = (x + index * 5) % 16 < 4
                    out[i] = bar ? 31 : UInt8((x / 8) * 30)
                    out[i + 1] = bar ? 119 : UInt8((y / 10) * 60)
                    out[i + 2] = bar ? 180 : 200
                }
            }
            return out
        }
    }

    private func encode(workers: Int, dither: Dither = .none, budget: Int = RecordedFrames.budget) throws -> (bytes: [UInt8], source: Bars) {
        let source = Bars()
        var bytes: [UInt8] = []
        var encoder = AnimationEncoder(workers: workers, delays: Array(repeating: 20, count: source.frameCount), dither: dither)
        encoder.recordingBudget = budget
        let passes = Shared(0)
        encoder.progress = { passes.withLock { $0 += 1 } }
        try encoder.encode(source) { bytes += $0 }
        XCTAssertEqual(passes.value, 2 * source.frameCount, "progress once per frame per pass")
        return (bytes, source)
    }

    func testDecodedFramesAreTheSourcesAndWorkersDoNotChangeTheBytes() throws {
        let (one, source) = try encode(workers: 1)
        let (three, _) = try encode(workers: 3)
        XCTAssertEqual(one, three, "the same bytes for any number of workers")
        let decoded = try GIFReplay(bytes: Data(one))
        XCTAssertEqual(decoded.frames.count, source.frameCount)
        XCTAssertEqual(decoded.delays, Array(repeating: 20, count: source.frameCount))
        for (i, frame) in decoded.frames.enumerated() {
            let expected = try source.rgba(frame: i, worker: 0)
            for p in stride(from: 0, to: expected.count, by: 4) where (0..<3).contains(where: { expected[p + $0] != frame[p + $0] }) {
                return XCTFail("frame \(i) differs at pixel \(p / 4): fewer than 255 colours are kept exactly")
            }
        }
    }

    func testRecordedFramesAreNotMadeTwice() throws {
        let (_, source) = try encode(workers: 2)
        XCTAssertEqual(source.requests, source.frameCount, "frames kept as runs in pass 1 are mapped, not made again")
        let (_, dithered) = try encode(workers: 2, dither: .ordered)
        XCTAssertEqual(dithered.requests, 2 * dithered.frameCount, "dithered frames need their pixels again")
    }

    /// Frames kept whole, kept as their differences from the frame their thread made
    /// before, or not kept (made again in pass 2) — in any mix, on any number of threads —
    /// give the same bytes.
    func testKeptAndRemadeFramesInAnyMixGiveTheSameBytes() throws {
        let (reference, _) = try encode(workers: 1, budget: 0)
        for workers in [1, 2, 3, 4] {
            var mixed = 0
            for budget in [0, 1000, 2000, 4000, 8000, 16000, RecordedFrames.budget] {
                let (bytes, source) = try encode(workers: workers, budget: budget * workers)
                XCTAssertEqual(bytes, reference, "\(workers) workers, budget \(budget)")
                if budget == 0 { XCTAssertEqual(source.requests, 2 * source.frameCount) }
                if budget == RecordedFrames.budget { XCTAssertEqual(source.requests, source.frameCount) }
                if source.requests > source.frameCount, source.requests < 2 * source.frameCount { mixed += 1 }
            }
            XCTAssertGreaterThan(mixed, 0, "\(workers) workers: some budget keeps some frames and makes others again")
        }
    }

    /// Frames on a transparent background: squares that move, one that stays, one in the key
    /// colour itself, a repeated frame and an empty one; pixels under half covered are clear.
    private final class Squares: FrameSource {
        let width = 24, height = 16, frameCount = 7

        func rgba(frame index: Int, worker: Int) throws -> [UInt8] {
            var out = [UInt8](repeating: 0, count: width * height * 4)
            func square(_ x0: Int, _ y0: Int, _ size: Int, _ rgba: [UInt8]) {
                for y in y0..<min(height, y0 + size) { for x in x0..<min(width, x0 + size) {
                    for k in 0..<4 { out[(y * width + x) * 4 + k] = rgba[k] }
                } }
            }
            guard index != 5 else { return out }  // nothing drawn at all
            let step = index == 3 ? 2 : index  // frame 3 repeats frame 2
            square(1 + 3 * step, 2, 4, [200, 30, 40, 255])
            square(18, 9, 3, [0, 0, 0, 255])
            square(2, 10, 2, [0xFE, 0x01, 0xFD, 255])  // the key colour, drawn
            square(10, 12, 3, [20, 120, 200, UInt8(step % 2 == 0 ? 127 : 128)])  // half covered, or not quite
            return out
        }
    }

    func testOnATransparentBackgroundWhatVanishesIsClearedAndNothingElse() throws {
        let source = Squares()
        var outputs: [[UInt8]] = []
        for workers in [1, 2] {
            var encoder = AnimationEncoder(workers: workers, delays: Array(repeating: 10, count: source.frameCount))
            encoder.transparent = true
            var bytes: [UInt8] = []
            try encoder.encode(source) { bytes += $0 }
            outputs.append(bytes)
        }
        XCTAssertEqual(outputs[0], outputs[1], "the same bytes on one worker or two")
        let decoded = try GIFReplay(bytes: Data(outputs[0]))
        // The library's own reader (the WebP's source) shows the same.
        XCTAssertEqual(GIFDecoder.frames(outputs[0])?.frames, decoded.frames)
        // Frame 3 repeats frame 2: one image, shown twice as long.
        XCTAssertEqual(decoded.delays, [10, 10, 20, 10, 10, 10])
        for (shown, index) in zip(decoded.frames, [0, 1, 2, 4, 5, 6]) {
            let want = try source.rgba(frame: index, worker: 0)
            for p in 0..<(source.width * source.height) {
                let drawn = want[4 * p + 3] >= 128
                XCTAssertEqual(shown[4 * p + 3], drawn ? 255 : 0, "frame \(index), pixel \(p % source.width),\(p / source.width): drawn or clear")
                guard drawn else { continue }
                let off = (0..<3).map { abs(Int(shown[4 * p + $0]) - Int(want[4 * p + $0])) }.max()!
                XCTAssertLessThanOrEqual(off, 1, "frame \(index), pixel \(p): its colour (the key colour moves one level)")
            }
        }
        // The frames before one where drawn pixels vanish are disposed to the background.
        XCTAssertEqual(decoded.disposals, [2, 2, 2, 2, 1, 1], "cleared where the next frame loses pixels (the last one never)")
    }
}
