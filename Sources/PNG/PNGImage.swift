import CPNG
#if canImport(Glibc)
import Glibc
#endif

/// An 8-bit RGBA image in memory, rows top to bottom.
///
/// Guarantees: `pixels.count == width * height * 4`, width and height > 0.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// What can go wrong reading or writing a PNG, naming the file where there is one.
public enum PNGError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notPNG(path: String)
    /// libpng refused the file; `detail` is its message.
    case unreadable(path: String, detail: String)
    case tooLarge(path: String, width: Int, height: Int)
    case damaged(path: String, detail: String)
    case cannotEncode(detail: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "\(path): cannot be opened (\(reason))"
        case let .notPNG(path): return "\(path): is not a PNG file (it does not start with the PNG signature)"
        case let .unreadable(path, detail): return "\(path): not a readable PNG file (\(detail))"
        case let .tooLarge(path, width, height):
            return "\(path): declares \(width)×\(height) pixels; at most \(PNGFile.maximumPixels) pixels are accepted"
        case let .damaged(path, detail): return "\(path): the PNG data is damaged or truncated (\(detail))"
        case let .cannotEncode(detail): return "libpng could not encode the image (\(detail))"
        }
    }
}

/// PNG reading and writing through libpng's simplified API, which converts every colour
/// type and bit depth (grey, palette, RGB, RGBA; 8 and 16 bits) to 8-bit RGBA.
public enum PNGFile {
    /// Images larger than this are refused before any pixel memory is allocated: a hostile
    /// header can claim 100 000 × 100 000 pixels (40 GB of RGBA).
    public static let maximumPixels = 8192 * 8192

    public static func read(path: String) throws -> RGBAImage {
        guard let file = fopen(path, "rb") else {
            throw PNGError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var signature = [UInt8](repeating: 0, count: 8)
        let got = fread(&signature, 1, 8, file)
        fclose(file)
        guard got == 8, signature == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw PNGError.notPNG(path: path)
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw PNGError.unreadable(path: path, detail: message(of: image))
        }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width * height <= maximumPixels else {
            throw PNGError.tooLarge(path: path, width: width, height: height)
        }
        guard let pixels = finishRead(&image, width: width, height: height) else {
            throw PNGError.damaged(path: path, detail: message(of: image))
        }
        return RGBAImage(width: width, height: height, pixels: pixels)!
    }

    /// The pixels as 8-bit RGBA. libpng's simplified API takes 16-bit samples for linear
    /// light and would gamma-encode them on the way to 8 bits, brightening a 16-bit image
    /// (1600/65535 became 47, not 6); so 16-bit files are read as they are (libpng hands
    /// them premultiplied) and scaled to 8 bits here, as other readers do.
    private static func finishRead(_ image: inout png_image, width: Int, height: Int) -> [UInt8]? {
        guard image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 else {
            image.format = pngFormatRGBA
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let ok = pixels.withUnsafeMutableBytes { buffer in
                png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * 4), nil)
            }
            return ok != 0 ? pixels : nil
        }
        image.format = pngFormatRGBA | UInt32(PNG_FORMAT_FLAG_LINEAR)
        var wide = [UInt16](repeating: 0, count: width * height * 4)
        let ok = wide.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, Int32(width * 4), nil)
        }
        guard ok != 0 else { return nil }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for p in stride(from: 0, to: wide.count, by: 4) {
            let alpha = UInt32(wide[p + 3])
            for k in 0..<3 {
                // Premultiplied by alpha: undone, then 65535 → 255 with rounding.
                let straight = alpha == 0 ? 0 : Swift.min(65535, (UInt32(wide[p + k]) * 65535 + alpha / 2) / alpha)
                pixels[p + k] = UInt8((straight * 255 + 32767) / 65535)
            }
            pixels[p + 3] = UInt8((alpha * 255 + 32767) / 65535)
        }
        return pixels
    }

    /// Decodes PNG bytes held in memory (a render's poster, for `--check --pixels`).
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw PNGError.unreadable(path: "(in memory)", detail: message(of: image)) }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width * height <= maximumPixels else {
            throw PNGError.tooLarge(path: "(in memory)", width: width, height: height)
        }
        guard let pixels = finishRead(&image, width: width, height: height) else {
            throw PNGError.damaged(path: "(in memory)", detail: message(of: image))
        }
        return RGBAImage(width: width, height: height, pixels: pixels)!
    }

    /// The PNG encoding of `image` (no timestamps, so equal images give equal bytes; a text
    /// chunk only through `addingText`).
    public static func encode(_ image: RGBAImage) throws -> [UInt8] {
        var png = png_image()
        png.version = UInt32(PNG_IMAGE_VERSION)
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = pngFormatRGBA
        var size: png_alloc_size_t = 0
        let measured = image.pixels.withUnsafeBytes { buffer in
            png_image_write_to_memory(&png, nil, &size, 0, buffer.baseAddress, Int32(image.width * 4), nil)
        }
        guard measured != 0, size > 0 else {
            throw PNGError.cannotEncode(detail: message(of: png))
        }
        var out = [UInt8](repeating: 0, count: Int(size))
        let written = out.withUnsafeMutableBytes { target in
            image.pixels.withUnsafeBytes { buffer in
                png_image_write_to_memory(&png, target.baseAddress, &size, 0, buffer.baseAddress,
                                          Int32(image.width * 4), nil)
            }
        }
        guard written != 0 else {
            throw PNGError.cannotEncode(detail: message(of: png))
        }
        return Array(out.prefix(Int(size)))
    }

    /// `png` with a `tEXt` chunk (`keyword`, `text`, both Latin-1) right after the header:
    /// metadata that leaves the pixels as they are.
    public static func addingText(_ png: [UInt8], keyword: String, text: String) -> [UInt8] {
        // Signature (8) and IHDR (4 length + 4 type + 13 data + 4 CRC).
        let afterHeader = 8 + 25
        guard png.count > afterHeader else { return png }
        let data = Array(keyword.utf8) + [0] + Array(text.utf8)
        let type = Array("tEXt".utf8)
        let length = UInt32(data.count)
        var chunk = [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        chunk += type + data
        let crc = crc32(type + data)
        chunk += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        return Array(png[..<afterHeader]) + chunk + Array(png[afterHeader...])
    }

    /// The text of the first `tEXt` chunk named `keyword`, if any (CRC checked).
    public static func text(in png: [UInt8], keyword: String) -> String? {
        var p = 8
        while p + 12 <= png.count {
            let length = Int(png[p]) << 24 | Int(png[p + 1]) << 16 | Int(png[p + 2]) << 8 | Int(png[p + 3])
            guard p + 12 + length <= png.count else { return nil }
            let type = String(decoding: png[(p + 4)..<(p + 8)], as: UTF8.self)
            let data = Array(png[(p + 8)..<(p + 8 + length)])
            if type == "tEXt", let zero = data.firstIndex(of: 0),
               String(decoding: data[..<zero], as: UTF8.self) == keyword {
                let stored = png[(p + 8 + length)..<(p + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard stored == crc32(Array(png[(p + 4)..<(p + 8 + length)])) else { return nil }
                return String(decoding: data[(zero + 1)...], as: UTF8.self)
            }
            if type == "IEND" { return nil }
            p += 12 + length
        }
        return nil
    }

    /// CRC-32 as PNG defines it (ISO 3309: polynomial 0xEDB88320, reflected).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func message(of image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}

/// PNG_FORMAT_RGBA (PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA), a macro Swift cannot import.
private let pngFormatRGBA = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
