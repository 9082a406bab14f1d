import Raster
import Typeset

/// Chooses an axis's tick values: matplotlib's MaxNLocator with as many bins as the axis's
/// length allows for the font, and along a horizontal axis fewer while the labels would
/// touch (long labels like "−0.0015" need more room than the three font sizes matplotlib's
/// rule allows each).
///
/// Guarantees: along a horizontal axis, every two neighbouring labels stand at least half a
/// font size apart, or only two ticks are left (the locator's least) each k-th of them.
package struct TickFitter {
    package let fontSizePixels: Double
    /// A tick label's width in pixels.
    package let labelWidth: (String) -> Double

    package init(fontSizePixels: Double, labelWidth: @escaping (String) -> Double) {
        self.fontSizePixels = fontSizePixels
        self.labelWidth = labelWidth
    }

    /// Ticks over `limits` along a horizontal axis `lengthPixels` long, `pixel` placing a value.
    package func horizontalTicks(_ limits: AxisLimits, lengthPixels: Double, pixel: (Double) -> Double) -> [Double] {
        var bins = TickLocator.bins(lengthPixels: lengthPixels, fontSizePixels: fontSizePixels, horizontal: true)
        while true {
            let ticks = TickLocator.ticks(limits, bins: bins)
            guard ticks.count >= 2 else { return ticks }
            let spacing = abs(pixel(ticks[1]) - pixel(ticks[0]))
            let widest = TickLabels(ticks).labels.map(labelWidth).max() ?? 0
            let needed = widest + fontSizePixels * 0.5
            if needed <= spacing { return ticks }
            if bins == 1 {
                // The locator keeps two ticks at least, however narrow the axis: every k-th.
                let k = Int((needed / spacing).rounded(.up))
                return stride(from: 0, to: ticks.count, by: k).map { ticks[$0] }
            }
            bins -= 1
        }
    }

    /// Ticks over `limits` along a vertical axis `lengthPixels` long (labels stand one above
    /// the other: the font's height is what the bins allow for).
    package func verticalTicks(_ limits: AxisLimits, lengthPixels: Double) -> [Double] {
        TickLocator.ticks(limits, bins: TickLocator.bins(lengthPixels: lengthPixels, fontSizePixels: fontSizePixels, horizontal: false))
    }
}

extension FigureRenderer {
    /// The x ticks of `axes` (the same for every frame of an animation: kept).
    func xTicks(_ axes: Axes) -> [Double] {
        let key = TickKey(lower: axes.xLimits.lower, upper: axes.xLimits.upper, length: axes.frame.width)
        if let known = xTickCache[key] { return known }
        let ticks = tickFitter.horizontalTicks(axes.xLimits, lengthPixels: axes.frame.width, pixel: axes.transform.pixelX)
        if xTickCache.count > 64 { xTickCache.removeAll() }
        xTickCache[key] = ticks
        return ticks
    }

    func yTicks(_ axes: Axes) -> [Double] {
        var ticks = tickFitter.verticalTicks(axes.yLimits, lengthPixels: axes.frame.height)
        if axes.yPowersOfTen {
            // Whole powers of ten only, as many as the locator's step allows.
            let step = Swift.max(1, ((ticks.count >= 2 ? ticks[1] - ticks[0] : 1)).rounded(.up))
            let first = (axes.yLimits.lower / step).rounded(.up) * step
            ticks = Array(stride(from: first, through: axes.yLimits.upper, by: step))
        }
        guard let floor = axes.yTickFloor else { return ticks }
        return ticks.filter { $0 >= floor - 1e-9 * Swift.max(abs(floor), axes.yLimits.span) }
    }

    private var tickFitter: TickFitter {
        TickFitter(fontSizePixels: style.fontSize) { [unowned self] in (try? self.layout($0, sizePixels: self.style.fontSize).width) ?? 0 }
    }

    struct TickKey: Hashable {
        let lower: Double
        let upper: Double
        let length: Double
    }
}
