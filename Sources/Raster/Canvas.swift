/// An RGBA8 image with straight sRGB colours, the surface everything is drawn on.
///
/// Guarantees: `pixels.count == width * height * 4`.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "a canvas needs a positive size")
        self.width = width
        self.height = height
        pixels = []
        clear(to: background)
    }

    /// Paints every pixel `background`, reusing the pixel memory.
    public mutating func clear(to background: Color) {
        let count = width * height
        if pixels.count != count * 4 { pixels = [UInt8](repeating: 0, count: count * 4) }
        let word = UInt32(background.r) | UInt32(background.g) << 8 | UInt32(background.b) << 16 | UInt32(background.a) << 24
        pixels.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt32.self)
            for i in 0..<count { words[i] = word }
        }
    }

    /// Wraps existing RGBA bytes; nil when the byte count does not match the size.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, pixels.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }
    public var pixelBounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 4
        return Color(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
    }

    /// Source-over compositing of `color` through `mask`: coverage scales the colour's
    /// alpha linearly, in sRGB values, as matplotlib's Agg backend does.
    public mutating func composite(_ mask: CoverageMask, color: Color, opacity: Double = 1) {
        let region = mask.bounds.intersection(pixelBounds)
        guard !region.isEmpty, color.a > 0 else { return }
        let alpha = Float(color.a) / 255 * Float(opacity)
        let sr = Float(color.r), sg = Float(color.g), sb = Float(color.b)
        let maskWidth = mask.bounds.width
        mask.values.withUnsafeBufferPointer { coverage in
            pixels.withUnsafeMutableBufferPointer { out in
                for y in region.y..<region.maxY {
                    let maskRow = (y - mask.bounds.y) * maskWidth - mask.bounds.x
                    let span = mask.rowRanges[y - mask.bounds.y]
                    let first = Swift.max(region.x, mask.bounds.x + span.lowerBound)
                    let last = Swift.min(region.maxX, mask.bounds.x + span.upperBound)
                    guard first < last else { continue }
                    for x in first..<last {
                        let a = coverage[maskRow + x] * alpha
                        if a <= 0 { continue }
                        let i = (y * width + x) * 4
                        if out[i + 3] == 255 {
                            // Opaque destination (every figure): no division needed.
                            let keep = 1 - a
                            out[i] = Canvas.channel(sr * a + Float(out[i]) * keep)
                            out[i + 1] = Canvas.channel(sg * a + Float(out[i + 1]) * keep)
                            out[i + 2] = Canvas.channel(sb * a + Float(out[i + 2]) * keep)
                            continue
                        }
                        let dstA = Float(out[i + 3]) / 255
                        let outA = a + dstA * (1 - a)
                        let keep = dstA * (1 - a)
                        out[i] = Canvas.channel((sr * a + Float(out[i]) * keep) / outA)
                        out[i + 1] = Canvas.channel((sg * a + Float(out[i + 1]) * keep) / outA)
                        out[i + 2] = Canvas.channel((sb * a + Float(out[i + 2]) * keep) / outA)
                        out[i + 3] = Canvas.channel(outA * 255)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func channel(_ v: Float) -> UInt8 {
        UInt8(Swift.min(255, Swift.max(0, v + 0.5)))
    }

    /// Fills `path` with `color`, clipped to `clip` (the whole canvas by default).
    public mutating func fill(_ path: Path, color: Color, rule: FillRule = .nonZero, clip: Rect? = nil) {
        guard let region = (clip ?? bounds).intersection(bounds),
              let mask = Coverage.mask(of: path, rule: rule, clip: region) else { return }
        composite(mask, color: color)
    }

    /// Strokes every polyline in one pass, so that dashes and pieces of one line never
    /// darken each other.
    public mutating func stroke(_ polylines: [[Point]], style: StrokeStyle, color: Color,
                                clip: Rect? = nil, closed: Bool = false) {
        guard let region = (clip ?? bounds).intersection(bounds),
              let (mask, opacity) = Canvas.strokeCoverage(polylines, style: style, clip: region, closed: closed) else { return }
        composite(mask, color: color, opacity: opacity)
    }

    /// The coverage of a stroke and the opacity to draw it with. Widths below one pixel
    /// are drawn one pixel wide at reduced opacity, as matplotlib does, so hairlines stay
    /// visible and keep their weight.
    public static func strokeCoverage(_ polylines: [[Point]], style: StrokeStyle, clip: Rect,
                                      closed: Bool = false) -> (CoverageMask, Double)? {
        var drawStyle = style
        var opacity = 1.0
        if style.width < 1 {
            opacity = style.width
            drawStyle = StrokeStyle(width: 1, cap: style.cap, join: style.join,
                                    miterLimit: style.miterLimit, dash: style.dash)!
        }
        var outline = Path()
        for polyline in polylines {
            if let dash = drawStyle.dash {
                let ring = closed && polyline.count > 2 ? polyline + [polyline[0]] : polyline
                for piece in dash.split(ring) {
                    outline.append(Stroker.outline(of: piece, style: drawStyle))
                }
            } else {
                outline.append(Stroker.outline(of: polyline, style: drawStyle, closed: closed))
            }
        }
        guard let mask = Coverage.mask(of: outline, rule: .nonZero, clip: clip) else { return nil }
        return (mask, opacity)
    }

    public mutating func stroke(_ polyline: [Point], style: StrokeStyle, color: Color,
                                clip: Rect? = nil, closed: Bool = false) {
        stroke([polyline], style: style, color: color, clip: clip, closed: closed)
    }
}
