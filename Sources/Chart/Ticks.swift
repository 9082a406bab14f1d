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
/// needs, the true minus sign, and compact scientific notation for huge values.
public enum TickFormatter {
    public static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count >= 1 else { return [] }
        let step = ticks.count >= 2 ? abs(ticks[1] - ticks[0]) : max(abs(ticks[0]), 1)
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (largest > 0 && largest < 1e-4) {
            return ticks.map { NumberText.compact($0) }
        }
        var decimals = 0
        while decimals < 6 {
            let f = pow(10, Double(decimals))
            if abs((step * f).rounded() - step * f) < 1e-6 * f { break }
            decimals += 1
        }
        return ticks.map { NumberText.fixed($0, decimals: decimals) }
    }
}

/// How numbers are written in the figure.
public enum NumberText {
    /// `decimals` places, with U+2212 for negatives and no "−0".
    public static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "undefined" : (v > 0 ? "∞" : "−∞") }
        var s = String(format: "%.\(decimals)f", v)
        if let n = Double(s), n == 0 { s = String(format: "%.\(decimals)f", 0.0) }
        return s.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// Two decimals while that stays short (below `limit` in magnitude), then compact
    /// scientific ("1.2e5").
    public static func compact(_ v: Double, limit: Double = 1e5) -> String {
        guard v.isFinite else { return fixed(v, decimals: 2) }
        let magnitude = abs(v)
        if magnitude == 0 || (magnitude >= 1e-2 && magnitude < limit) { return fixed(v, decimals: 2) }
        var exponent = Int(log10(magnitude).rounded(.down))
        var mantissa = v / pow(10, Double(exponent))
        if abs((mantissa * 10).rounded() / 10) >= 10 { exponent += 1; mantissa /= 10 }
        var m = String(format: "%.1f", mantissa)
        if m.hasSuffix(".0") { m.removeLast(2) }
        return (m + "e\(exponent)").replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
