import CFreeType
import CHarfBuzz
import Raster

/// One face at one pixel size, with its glyph cache.
///
/// Text is positioned horizontally to a quarter pixel (each glyph is rendered for the
/// sub-pixel phase it lands on) and hinted lightly, vertically only, as matplotlib does;
/// advances are FreeType's unhinted ones. Plain text is shaped by HarfBuzz (`shape`), math
/// places glyphs itself with kerning from the font's kern table.
public final class Font {
    private var face: FT_Face?
    public let sizePixels: Double
    /// Ink top of "l" above the baseline and ink bottom of "p" below it, in pixels: the
    /// line box matplotlib aligns text by.
    public private(set) var lineAscent: Double = 0
    public private(set) var lineDescent: Double = 0
    /// How far this face's tallest text reaches above and below the baseline, when it
    /// stands in for characters the primary font lacks: its ascender and descender.
    public var fallbackAscent: Double {
        guard let face else { return lineAscent }
        return Double(face.pointee.size.pointee.metrics.ascender) / 64
    }
    public var fallbackDescent: Double {
        guard let face else { return lineDescent }
        return -Double(face.pointee.size.pointee.metrics.descender) / 64
    }

    /// Height of a lowercase "x", the unit of math layout.
    public private(set) var xHeight: Double = 0
    /// Height of the math axis: the middle of "=", where fraction bars sit.
    public private(set) var axisHeight: Double = 0
    private var inks: [UInt32: (above: Double, below: Double)] = [:]
    private let hasKerning: Bool
    private var glyphs: [GlyphKey: Glyph] = [:]
    private var advances: [UInt32: Double] = [:]

    /// Quarter-pixel horizontal positioning.
    static let subpixelSteps = 4

    struct GlyphKey: Hashable {
        let index: UInt32
        let phase: Int
    }

    /// A rendered glyph: coverage with its top-left relative to the pen on the baseline.
    struct Glyph {
        let left: Int
        let top: Int
        let width: Int
        let height: Int
        let coverage: [Float]
    }

    /// Keeps FreeType alive for as long as this face exists.
    private let library: FreeTypeHandle

    /// The file the face was loaded from.
    public let file: FontFile

    /// The font file's bytes, shared by every size of it and kept while this face lives.
    private let bytes: FontBytes

    init(library: FreeTypeHandle, file: FontFile, bytes: FontBytes, sizePixels: Double) throws {
        self.library = library
        self.file = file
        self.bytes = bytes
        let path = file.path
        var face: FT_Face?
        let error = FT_New_Memory_Face(library.library, bytes.buffer.baseAddress, FT_Long(bytes.buffer.count),
                                       FT_Long(file.index), &face)
        guard error == 0, let face else { throw TypesetError.fontUnreadable(path: path, code: error) }
        self.face = face
        self.sizePixels = sizePixels
        FT_Set_Char_Size(face, 0, FT_F26Dot6((sizePixels * 64).rounded()), 72, 72)
        hasKerning = (face.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING)) != 0
        lineAscent = inkExtent(of: "l").above
        lineDescent = inkExtent(of: "p").below
        xHeight = inkExtent(of: "x").above
        let equals = inkExtent(of: "=")
        axisHeight = (equals.above - equals.below) / 2
    }

    deinit {
        if let shaper { hb_font_destroy(shaper) }
        if let face { FT_Done_Face(face) }
    }

    /// HarfBuzz's view of the face, made on first use: unhinted, like our advances.
    private var shaper: OpaquePointer?

    /// Shapes `scalars` (one font's run of a label) with HarfBuzz: glyphs in visual order
    /// with their offsets from the pen and advances, in pixels (y down), and for each the
    /// index in `scalars` of the character it starts from. `rightToLeft` runs come out
    /// left to right on the page.
    func shape(_ scalars: [Unicode.Scalar], rightToLeft: Bool)
        -> [(index: UInt32, cluster: Int, dx: Double, dy: Double, advance: Double)] {
        guard let face else { return [] }
        if shaper == nil {
            shaper = hb_ft_font_create_referenced(face)
            hb_ft_font_set_load_flags(shaper, Int32(FT_LOAD_NO_HINTING))
        }
        guard let buffer = hb_buffer_create() else { return [] }
        defer { hb_buffer_destroy(buffer) }
        let codes = scalars.map(\.value)
        codes.withUnsafeBufferPointer { hb_buffer_add_utf32(buffer, $0.baseAddress, Int32($0.count), 0, Int32($0.count)) }
        hb_buffer_set_direction(buffer, rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR)
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(shaper, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count),
              let positions = hb_buffer_get_glyph_positions(buffer, &count) else { return [] }
        return (0..<Int(count)).map { i in
            (infos[i].codepoint, Int(infos[i].cluster), Double(positions[i].x_offset) / 64,
             -Double(positions[i].y_offset) / 64, Double(positions[i].x_advance) / 64)
        }
    }

    public func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value)))
    }

    /// The unhinted advance of a glyph, in pixels.
    public func advance(of index: UInt32) -> Double {
        if let a = advances[index] { return a }
        var a = 0.0
        if FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) == 0 {
            a = Double(face!.pointee.glyph.pointee.linearHoriAdvance) / 65536
        }
        advances[index] = a
        return a
    }

    /// Kerning between two glyphs, in pixels (negative pulls them together).
    public func kerning(_ left: UInt32, _ right: UInt32) -> Double {
        guard hasKerning else { return 0 }
        var delta = FT_Vector()
        guard FT_Get_Kerning(face, left, right, FT_KERNING_UNFITTED.rawValue, &delta) == 0 else { return 0 }
        return Double(delta.x) / 64
    }

    private func inkExtent(of character: Unicode.Scalar) -> (above: Double, below: Double) {
        ink(of: glyphIndex(for: character))
    }

    /// How far a glyph's ink reaches above and below the baseline, in pixels (unhinted).
    public func ink(of index: UInt32) -> (above: Double, below: Double) {
        if let known = inks[index] { return known }
        var extent = (above: sizePixels * 0.76, below: sizePixels * 0.24)
        if FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) == 0 {
            let metrics = face!.pointee.glyph.pointee.metrics
            extent = (Double(metrics.horiBearingY) / 64, Double(metrics.height - metrics.horiBearingY) / 64)
        }
        inks[index] = extent
        return extent
    }

    /// The glyph rendered at sub-pixel `phase` (0 ..< subpixelSteps).
    func glyph(_ index: UInt32, phase: Int) -> Glyph {
        let key = GlyphKey(index: index, phase: phase)
        if let g = glyphs[key] { return g }
        let g = render(index, phase: phase)
        glyphs[key] = g
        return g
    }

    private func render(_ index: UInt32, phase: Int) -> Glyph {
        let empty = Glyph(left: 0, top: 0, width: 0, height: 0, coverage: [])
        guard let face,
              FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_NO_BITMAP) | ftLoadTargetLight) == 0 else { return empty }
        let slot = face.pointee.glyph!
        guard slot.pointee.format == FT_GLYPH_FORMAT_OUTLINE else { return empty }
        let shift = FT_Pos(64 * phase / Font.subpixelSteps)
        FT_Outline_Translate(&slot.pointee.outline, shift, 0)
        guard FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) == 0 else { return empty }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width), height = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        guard width > 0, height > 0, let buffer = bitmap.buffer else { return empty }
        var coverage = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = buffer + row * pitch
            for column in 0..<width {
                coverage[row * width + column] = Float(source[column]) / 255
            }
        }
        return Glyph(left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                     width: width, height: height, coverage: coverage)
    }
}

/// FT_LOAD_TARGET_LIGHT is a C macro Swift cannot import.
private let ftLoadTargetLight = FT_Int32((Int32(FT_RENDER_MODE_LIGHT.rawValue) & 15) << 16)
