/// An animation on a transparent background (slides of any colour): GIF has one
/// transparent palette index and no partial transparency, so a pixel is either drawn or
/// not. Frames reach the palette with every pixel less than half covered turned into one
/// key colour, which the palette keeps as its transparent entry (`Palette.clear`); a drawn
/// pixel that happens to be the key colour moves one level of blue away from it.
public enum Transparency {
    /// A colour no figure draws on purpose (a magenta between matplotlib's colour maps).
    public static let key: RGB = 0xFE01FD

    /// `rgba` with pixels under half coverage turned into the key colour, every pixel
    /// opaque: what the palette counts and maps.
    public static func keyed(_ rgba: [UInt8]) -> [UInt8] {
        var out = rgba
        // The key colour as a little-endian RGBA word, opaque.
        let keyWord = UInt32(key >> 16) | UInt32(key >> 8 & 0xFF) << 8 | UInt32(key & 0xFF) << 16 | 0xFF00_0000
        out.withUnsafeMutableBytes { raw in
            for i in raw.bindMemory(to: UInt32.self).indices {
                let word = raw.load(fromByteOffset: 4 * i, as: UInt32.self)
                let opaque: UInt32
                if word >> 24 < 128 {
                    opaque = keyWord
                } else {
                    let drawn = word | 0xFF00_0000
                    opaque = drawn == keyWord ? drawn ^ 0x0001_0000 : drawn
                }
                raw.storeBytes(of: opaque, toByteOffset: 4 * i, as: UInt32.self)
            }
        }
        return out
    }
}
