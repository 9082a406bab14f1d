import CGIF
import Foundation
import TestSupport
import XCTest
@testable import GIF

/// Our LZW against giflib: the eager policy writes giflib's bytes exactly, and every policy's
/// stream decodes, through giflib's decoder, to the pixels given.
final class LZWTests: XCTestCase {
    /// A one-image GIF around `block` (minimum code size byte onwards), with a grey palette
    /// of 2^bits entries.
    private func gif(_ block: [UInt8], width: Int, height: Int, bits: Int) -> [UInt8] {
        var bytes = Array("GIF89a".utf8)
        bytes += [UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8)]
        bytes += [0x80 | UInt8(bits - 1), 0, 0]
        for i in 0..<(1 << bits) { bytes += [UInt8(i), UInt8(i), UInt8(i)] }
        bytes += [0x2C, 0, 0, 0, 0, UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8), 0]
        return bytes + block + [0x3B]
    }

    /// The image's indices as giflib's decoder reads them.
    private func giflibDecode(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "descent-lzw-\(UUID().uuidString).gif"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var error: Int32 = 0
        guard let file = DGifOpenFileName(path, &error) else { throw DecodeFailure() }
        defer { DGifCloseFile(file, &error) }
        guard DGifSlurp(file) == GIF_OK, file.pointee.ImageCount == 1 else { throw DecodeFailure() }
        let image = file.pointee.SavedImages[0]
        let count = Int(image.ImageDesc.Width) * Int(image.ImageDesc.Height)
        return Array(UnsafeBufferPointer(start: image.RasterBits, count: count))
    }

    /// giflib's own compressed data for the pixels (`EGifPutLine`), cut out of its file.
    private func giflibBlock(_ pixels: [UInt8], width: Int, height: Int, bits: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let sink = OutputSink { bytes += $0 }
        var error: Int32 = 0
        let file = try XCTUnwrap(EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), { gif, data, length in
            let sink = Unmanaged<OutputSink>.fromOpaque(gif!.pointee.UserData!).takeUnretainedValue()
            return sink.write(UnsafeBufferPointer(start: data, count: Int(length))) ? length : 0
        }, &error))
        var colors = (0..<(1 << bits)).map { GifColorType(Red: UInt8($0), Green: UInt8($0), Blue: UInt8($0)) }
        let map = GifMakeMapObject(Int32(1 << bits), &colors)
        defer { GifFreeMapObject(map) }
        XCTAssertEqual(EGifPutScreenDesc(file, Int32(width), Int32(height), Int32(bits), 0, map), GIF_OK)
        XCTAssertEqual(EGifPutImageDesc(file, 0, 0, Int32(width), Int32(height), false, nil), GIF_OK)
        var line = pixels
        XCTAssertEqual(EGifPutLine(file, &line, Int32(pixels.count)), GIF_OK)
        XCTAssertEqual(EGifCloseFile(file, &error), GIF_OK)
        try sink.flush()
        let start = 13 + 3 * (1 << bits) + 10
        return Array(bytes[start..<(bytes.count - 1)])
    }

    /// Pictures that exercise the table: noise fills it fast (clears at 4096 codes), runs
    /// barely fill it, and a slowly changing pattern keeps a frozen table useful.
    private func pictures(bits: Int) -> [(name: String, width: Int, height: Int, pixels: [UInt8])] {
        var random = SplitMix(seed: UInt64(bits))
        let colours = UInt64(1 << bits)
        let noise = (0..<(300 * 200)).map { _ in UInt8(random.next() % colours) }
        let runs = (0..<(300 * 200)).map { (i: Int) -> UInt8 in UInt8((i / 37 + i / 300) % Int(colours)) }
        let stripes = (0..<(640 * 400)).map { (i: Int) -> UInt8 in
            let x: Int = i % 640, y: Int = i / 640
            let v: Int = (x / 3 + y / 5) ^ (x / 11)
            return UInt8(v % Int(colours))
        }
        // Exactly one code past a full table: a picture whose codes end at the boundary.
        let tiny = (0..<1).map { _ in UInt8(0) }
        return [("noise", 300, 200, noise), ("runs", 300, 200, runs), ("stripes", 640, 400, stripes), ("one pixel", 1, 1, tiny)]
    }

    func testEagerIsGiflibByteForByte() throws {
        for bits in [2, 5, 8] {
            for picture in pictures(bits: bits) {
                let ours = picture.pixels.withUnsafeBufferPointer { LZW.block($0, minimumCodeSize: bits, clearing: .eager) }
                let theirs = try giflibBlock(picture.pixels, width: picture.width, height: picture.height, bits: bits)
                XCTAssertTrue(ours == theirs, "\(picture.name), \(bits) bits: \(ours.count) bytes, giflib \(theirs.count)")
            }
        }
    }

    func testEveryPolicyDecodesToThePixels() throws {
        for bits in [2, 5, 8] {
            for picture in pictures(bits: bits) {
                for clearing in [LZW.Clearing.eager, .frozen] {
                    let block = picture.pixels.withUnsafeBufferPointer { LZW.block($0, minimumCodeSize: bits, clearing: clearing) }
                    let decoded = try giflibDecode(gif(block, width: picture.width, height: picture.height, bits: bits))
                    XCTAssertTrue(decoded == picture.pixels, "\(picture.name), \(bits) bits, \(clearing)")
                }
            }
        }
    }

    /// The frozen policy really keeps coding against the full table (codes after the 4096th
    /// entry) on the noise, which would fill it many times over.
    func testFrozenStreamsKeepCodingAgainstAFullTable() throws {
        let picture = pictures(bits: 8)[0]
        var encoder = LZW.Encoder(minimumCodeSize: 8)
        let block = try XCTUnwrap(picture.pixels.withUnsafeBufferPointer { encoder.encode($0, clearing: .frozen) })
        XCTAssertTrue(encoder.tableFilled)
        let stream = LZWStream(block)
        XCTAssertGreaterThan(stream.codesAfterFullTable, 1000)
        XCTAssertEqual(stream.clears, 1, "only the clear every stream starts with")
        XCTAssertEqual(try giflibDecode(gif(block, width: picture.width, height: picture.height, bits: 8)), picture.pixels)
    }

    /// Images that end on the table's edges: the last code filling the table, the clear
    /// (eager) or the first frozen code right at the end, and one pixel either side.
    func testImagesEndingAtTheTablesEdge() throws {
        for bits in [2, 8] {
            let noise = pictures(bits: bits)[0].pixels
            // The shortest prefix whose eager encoding clears.
            var low = 1, high = noise.count
            while low < high {
                let mid = (low + high) / 2
                var encoder = LZW.Encoder(minimumCodeSize: bits)
                _ = noise[..<mid].withUnsafeBufferPointer { encoder.encode($0, clearing: .eager) }
                if encoder.tableFilled { high = mid } else { low = mid + 1 }
            }
            for count in (low - 3)...(low + 3) {
                let pixels = Array(noise[..<count])
                for clearing in [LZW.Clearing.eager, .frozen] {
                    let block = pixels.withUnsafeBufferPointer { LZW.block($0, minimumCodeSize: bits, clearing: clearing) }
                    XCTAssertTrue(try giflibDecode(gif(block, width: count, height: 1, bits: bits)) == pixels,
                                  "\(count) pixels, \(bits) bits, \(clearing)")
                }
                do {
                    let theirs = try giflibBlock(pixels, width: count, height: 1, bits: bits)
                    let ours = pixels.withUnsafeBufferPointer { LZW.block($0, minimumCodeSize: bits, clearing: .eager) }
                    XCTAssertTrue(ours == theirs, "\(count) pixels, \(bits) bits: not giflib's bytes")
                }
            }
        }
    }

    /// The committed seed GIF codes against frozen tables, so the interop suite (`make
    /// test` decodes it with giflib, Pillow, ImageMagick, ffmpeg and Chromium) covers them.
    func testTheSeedGIFUsesFrozenTables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("Output/gradient_descent.gif")))
        var frozen = 0, images = 0
        var p = 13 + (bytes[10] & 0x80 != 0 ? 3 << (Int(bytes[10] & 7) + 1) : 0)
        while p < bytes.count, bytes[p] != 0x3B {
            if bytes[p] == 0x21 {
                p += 2
                while bytes[p] != 0 { p += Int(bytes[p]) + 1 }
                p += 1
            } else {
                XCTAssertEqual(bytes[p], 0x2C, "an image descriptor at \(p)")
                p += 10
                let start = p
                p += 1
                while bytes[p] != 0 { p += Int(bytes[p]) + 1 }
                p += 1
                images += 1
                if LZWStream(Array(bytes[start..<p])).codesAfterFullTable > 0 { frozen += 1 }
            }
        }
        XCTAssertGreaterThan(images, 20)
        XCTAssertGreaterThan(frozen, 0, "no image of the seed GIF codes against a full table")
    }
}

/// Reads a compressed block's codes the way a decoder does, counting what it saw.
struct LZWStream {
    var codes = 0
    var clears = 0
    var codesAfterFullTable = 0

    init(_ block: [UInt8]) {
        let bits = Int(block[0])
        var data: [UInt8] = []
        var p = 1
        while block[p] != 0 {
            data += block[(p + 1)...(p + Int(block[p]))]
            p += Int(block[p]) + 1
        }
        let clear = 1 << bits
        var width = bits + 1, next = clear + 2, position = 0, first = true
        while position + width <= data.count * 8 {
            var code = 0
            for k in 0..<width where data[(position + k) / 8] & (1 << ((position + k) % 8)) != 0 { code |= 1 << k }
            position += width
            codes += 1
            if code == clear {
                clears += 1
                width = bits + 1; next = clear + 2; first = true
                continue
            }
            if code == clear + 1 { break }
            if first { first = false; continue }
            if next < 4096 { next += 1 } else { codesAfterFullTable += 1 }
            if next == 1 << width && width < 12 { width += 1 }
        }
    }
}

struct DecodeFailure: Error {}
