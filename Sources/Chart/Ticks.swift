import Foundation

/// matplotlib's MaxNLocator with steps [1, 2, 2.5, 5, 10]: at most `bins` intervals of a
/// "nice" step, ticks at the step's multiples inside the limits.
public enum TickLocator {
    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// How many bins an axis of `lengthPixels` gets: one tick label per three label
    /// heights along x and per two along y, between 1 and 9 (matplotlib's 'auto').
    public static func bins(lengthPixels: Double, fontSizePixels: Double, horizontal: Bool) -> Int {
        let perLabel = fontSizePixels * (horizontal ? 3 : 2)
        return max(1, min(9, Int((lengthPixels / perLabel).rounded(.down))))
    }

    public static func ticks(_ limits: AxisLimits, bins: Int) -> [Double] {
        let raw = limits.span / Double(max(1, bins))
        let scale = pow(10, (log10(raw)).rounded(.down))
        let extended = (steps.dropLast().map { $0 / 10 } + steps + [20]).map { $0 * scale }
        guard let first = extended.firstIndex(where: { $0 >= raw * (1 - 1e-12) }) else { return [] }
        var chosen: [Double] = []
        for index in stride(from: first, through: 0, by: -1) {
            let step = extended[index]
            let start = (limits.lower / step - 1e-9).rounded(.up)
            let end = (limits.upper / step + 1e-9).rounded(.down)
            guard end >= start else { continue }
            chosen = stride(from: start, through: end, by: 1).map { clean($0 * step, step: step) }
            if chosen.count >= 2 { break }
        }
        return chosen
    }

    /// Removes binary noise (0.30000000000000004) by rounding to the step's precision.
    private static func clean(_ v: Double, step: Double) -> Double {
        let decimals = max(0, -Int(log10(step).rounded(.down)) + 2)
        let f = pow(10, Double(decimals))
        let r = (v * f).rounded() / f
        return r == 0 ? 0 : r
    }
}

/// Tick labels as matplotlib's ScalarFormatter writes them: as few decimals as the step
/// needs, the true minus sign; and when the labels would be long, matplotlib's offset or
/// multiplier, written once at the axis end (`offsetText`) instead of in every label.
public struct TickLabels: Equatable, Sendable {
    public let labels: [String]
    /// "×10⁵" or "+1.0×10⁵" as a math label, or nil.
    public let offsetText: String?

    /// Labels for `ticks`. A multiplier 10ᵏ is used when the largest tick is at least 10⁴
    /// or, non-zero, below 10⁻² (matplotlib's power limits are 10⁻⁵ and 10⁶; ours are
    /// tighter because our panels are narrower); an offset when every tick shares its
    /// leading four digits (matplotlib's offset threshold), as 100000.1, 100000.2 do.
    /// Labels 10ᵏ for ticks at whole numbers k (a log axis).
    public init(powersOfTen ticks: [Double]) {
        labels = ticks.map { "$10^{\(Int($0.rounded()))}$" }
        offsetText = nil
    }

    public init(_ ticks: [Double]) {
        guard !ticks.isEmpty else { labels = []; offsetText = nil; return }
        let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : max(abs(ticks[0]), 1)
        var offset = 0.0
        let largest = ticks.map(abs).max() ?? 0
        if step > 0, largest > 0 {
            let span = (ticks.last! - ticks.first!).magnitude + step
            let spanOrder = floor(log10(span))
            if floor(log10(largest)) - spanOrder >= 4 {
                let unit = pow(10, spanOrder + 1)
                offset = (ticks.first! / unit).rounded(.down) * unit
            }
        }
        let shifted = ticks.map { $0 - offset }
        let shiftedLargest = shifted.map(abs).max() ?? 0
        var exponent = 0
        if shiftedLargest >= 1e4 || (shiftedLargest > 0 && shiftedLargest < 1e-2) {
            exponent = Int(floor(log10(shiftedLargest)))
        }
        let scale = pow(10, Double(exponent))
        let scaledStep = step / scale
        var decimals = 0
        while decimals < 6 {
            let f = pow(10, Double(decimals))
            if abs((scaledStep * f).rounded() - scaledStep * f) < 1e-6 * f { break }
            decimals += 1
        }
        labels = shifted.map { NumberText.fixed($0 / scale, decimals: decimals) }
        var parts: [String] = []
        if exponent != 0 { parts.append("\\times10^{\(exponent)}") }
        if offset != 0 { parts.append((offset > 0 ? "+" : "") + NumberText.math(offset, alwaysScientific: true)) }
        offsetText = parts.isEmpty ? nil : "$" + parts.joined(separator: "\\;") + "$"
    }
}
