import Raster

/// Colour maps for filled contours. Viridis (Smith and van der Walt's perceptually uniform
/// map, matplotlib's default since 2.0, released as CC0) is kept as 17 colours sampled at
/// u = 0, 1/16, …, 1 and interpolated linearly between them: at most 5.4 levels of 255 from
/// the full 256-entry table, less than a GIF palette's own rounding.
public enum Colormap {
    static let viridisStops: [(UInt8, UInt8, UInt8)] = [
        (68, 1, 84), (72, 24, 106), (71, 45, 123), (66, 64, 134), (59, 82, 139), (51, 99, 141), (44, 114, 142),
        (38, 130, 142), (33, 145, 140), (31, 160, 136), (40, 174, 128), (63, 188, 115), (94, 201, 98),
        (132, 212, 75), (173, 220, 48), (216, 226, 25), (253, 231, 37),
    ]

    /// Viridis at `u` in [0, 1] (clamped): dark purple at 0, yellow at 1.
    public static func viridis(_ u: Double) -> Color {
        let v = Swift.min(1, Swift.max(0, u.isNaN ? 0 : u)) * Double(viridisStops.count - 1)
        let k = Swift.min(Int(v), viridisStops.count - 2)
        let f = v - Double(k)
        let (a, b) = (viridisStops[k], viridisStops[k + 1])
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - f) + Double(y) * f).rounded()) }
        return Color(r: mix(a.0, b.0), g: mix(a.1, b.1), b: mix(a.2, b.2))
    }

    /// `count` colours for bands between levels, each sampled at its band's middle.
    public static func viridisBands(_ count: Int) -> [Color] {
        (0..<count).map { viridis((Double($0) + 0.5) / Double(count)) }
    }
}
