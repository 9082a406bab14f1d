import Raster

/// How a text is turned about its anchor.
public enum TextRotation: Sendable {
    case none
    /// A quarter turn counter-clockwise: reads bottom to top, as y-axis labels do.
    case counterClockwise
}

/// Draws text into a canvas at an anchor point.
public enum TextRenderer {
    /// The box the text will occupy on the canvas when anchored at `anchor`.
    public static func box(of layout: TextLayout, at anchor: Point, horizontal: HorizontalAlignment,
                           vertical: VerticalAlignment, rotation: TextRotation = .none) -> Rect {
        let local = layout.box(horizontal: horizontal, vertical: vertical)
        switch rotation {
        case .none:
            return local.offsetBy(dx: anchor.x, dy: anchor.y)
        case .counterClockwise:
            // (x, y) -> (y, -x): the text's right becomes up, its bottom becomes right.
            return Rect(minX: anchor.x + local.minY, minY: anchor.y - local.maxX,
                        maxX: anchor.x + local.maxY, maxY: anchor.y - local.minX)
        }
    }

    public static func draw(_ layout: TextLayout, on canvas: inout Canvas, at anchor: Point,
                            horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
                            rotation: TextRotation = .none, color: Color) {
        if let mask = mask(of: layout, at: anchor, horizontal: horizontal, vertical: vertical, rotation: rotation) {
            canvas.composite(mask, color: color)
        }
    }

    /// The coverage the text leaves on the canvas when anchored at `anchor`.
    public static func mask(of layout: TextLayout, at anchor: Point, horizontal: HorizontalAlignment,
                            vertical: VerticalAlignment, rotation: TextRotation = .none) -> CoverageMask? {
        let origin = layout.baselineOrigin(horizontal: horizontal, vertical: vertical)
        switch rotation {
        case .none:
            return layout.mask(baselineAt: anchor + origin)
        case .counterClockwise:
            // Render upright with the anchor at a whole pixel, then turn the mask.
            let ax = Int(anchor.x.rounded()), ay = Int(anchor.y.rounded())
            guard let upright = layout.mask(baselineAt: origin) else { return nil }
            let turned = upright.rotatedCounterClockwise()
            // Upright pixel (u, v) lands at (v, -u - 1) relative to the anchor.
            return turned.offsetBy(dx: ax + upright.bounds.y - turned.bounds.x,
                                   dy: ay - upright.bounds.maxX - turned.bounds.y)
        }
    }
}
