/// matplotlib's path snapping for axis-aligned strokes: a line whose rounded width is odd
/// is centred on a pixel centre, an even one on a pixel edge, so that a 1-px spine covers
/// exactly one column instead of smearing over two.
public enum PixelSnap {
    /// The width a snapped line is drawn with: whole pixels, at least one.
    public static func width(_ width: Double) -> Double {
        Swift.max(1, width.rounded())
    }

    /// The coordinate a snapped line of `width` is drawn at.
    public static func coordinate(_ value: Double, width: Double) -> Double {
        let whole = Int(PixelSnap.width(width))
        return (value + 0.5).rounded(.down) + (whole % 2 == 1 ? 0.5 : 0)
    }
}
