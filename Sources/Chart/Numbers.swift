import Foundation

/// How numbers are written, everywhere: in the figure's labels and titles, inside its
/// formulas, and in text for people (alt text, transcripts).
///
/// One rule decides the form: two decimals while the magnitude is at least 0.01 and below
/// `limit` (10⁵ unless said otherwise), else a mantissa with one decimal times a power of
/// ten — written 1.2×10⁵ as text and `1.2\times10^{5}` as math, never "1.2e5", whose
/// italic e and spaced minus read as a subtraction inside a formula.
public enum NumberText {
    /// `decimals` places, with U+2212 for negatives and no "−0".
    public static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "undefined" : (v > 0 ? "∞" : "−∞") }
        var s = printf(v, decimals: decimals)
        if let n = Double(s), n == 0 { s = printf(0, decimals: decimals) }
        return s.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// C's `%.Nf` of a finite `v` — what `String(format:)` gives, without Foundation's
    /// format parsing (a figure writes thousands of numbers a render): correctly rounded,
    /// ASCII minus.
    static func printf(_ v: Double, decimals: Int) -> String {
        precondition(v.isFinite && (0...40).contains(decimals), "a finite number, 0 to 40 decimals")
        // The largest double has 309 integer digits.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 360) { buffer in
            let length = withVaList([Int32(decimals), v]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.*f", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(length)), as: UTF8.self)
        }
    }

    /// The mantissa (ASCII minus, one decimal at most) and the exponent when `v` is written
    /// in scientific form, or nil for two decimals.
    static func scientific(_ v: Double, limit: Double = 1e5, always: Bool = false) -> (mantissa: String, exponent: Int)? {
        guard v.isFinite, v != 0 else { return nil }
        let magnitude = abs(v)
        if !always, magnitude >= 1e-2, magnitude < limit { return nil }
        var exponent = Int(log10(magnitude).rounded(.down))
        var mantissa = v / pow(10, Double(exponent))
        if abs((mantissa * 10).rounded() / 10) >= 10 { exponent += 1; mantissa /= 10 }
        var m = printf(mantissa, decimals: 1)
        if m.hasSuffix(".0") { m.removeLast(2) }
        return (m, exponent)
    }

    /// For text read by people: "302.69", "−3.07", "1.2×10⁵", "3×10⁻⁷".
    public static func compact(_ v: Double, limit: Double = 1e5) -> String {
        guard let (m, e) = scientific(v, limit: limit) else { return fixed(v, decimals: 2) }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                     "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        let power = String(String(e).map { superscripts[$0] ?? $0 })
        return m.replacingOccurrences(of: "-", with: "\u{2212}") + "×10" + power
    }

    /// For a scale's tick (a colour bar): three significant figures without trailing zeros
    /// ("356", "76.7", "0.0312", "0"), a math span beyond [10⁻³, 10⁵).
    public static func significant(_ v: Double) -> String {
        guard v.isFinite, v != 0 else { return fixed(v, decimals: 0) }
        let magnitude = abs(v)
        guard magnitude >= 1e-3, magnitude < 1e5 else { return "$" + math(v, alwaysScientific: true) + "$" }
        let exponent = Int(log10(magnitude).rounded(.down))
        let decimals = Swift.max(0, 2 - exponent)
        // Past three digits before the point, the others are rounded away too (30635 → 30600).
        let rounded = exponent > 2 ? (v / pow(10, Double(exponent - 2))).rounded() * pow(10, Double(exponent - 2)) : v
        var s = fixed(rounded, decimals: decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// For a label in the figure: plain text with the true minus ("−3.07"), or a math span
    /// when scientific ("$1.2\times10^{5}$").
    public static func label(_ v: Double, limit: Double = 1e5) -> String {
        scientific(v, limit: limit) == nil ? fixed(v, decimals: 2) : "$" + math(v, limit: limit) + "$"
    }

    /// For inside a math span: "-3.07" (math sets the minus), "1.2\times10^{5}".
    public static func math(_ v: Double, limit: Double = 1e5, alwaysScientific: Bool = false) -> String {
        if !v.isFinite { return v.isNaN ? "\\text{undefined}" : (v > 0 ? "\\infty" : "-\\infty") }
        guard let (m, e) = scientific(v, limit: limit, always: alwaysScientific) else {
            return fixed(v, decimals: 2).replacingOccurrences(of: "\u{2212}", with: "-")
        }
        return (m == "1" ? "" : m == "-1" ? "-" : m + "\\times") + "10^{\(e)}"
    }

    /// An operand inside a formula: as `math`, in parentheses when negative, so that
    /// "w − η·(−4816.81)" never reads as a subtraction of a subtraction.
    public static func operand(_ v: Double, limit: Double = 1e5) -> String {
        let text = math(v, limit: limit)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }
}
