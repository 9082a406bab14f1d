/// An on/off pattern measured along a path, in pixels.
///
/// Guarantees: an even number of lengths (on, off, on, off…), all finite and >= 0, with
/// a positive sum; `offset` is finite. The constructor refuses anything else.
public struct DashPattern: Equatable, Sendable {
    public let lengths: [Double]
    public let offset: Double

    /// Patterns longer than this are refused: a pattern is a visual rhythm, and a huge one
    /// would only cost memory.
    public static let maximumCount = 1024

    public init?(_ lengths: [Double], offset: Double = 0) {
        guard !lengths.isEmpty, lengths.count <= DashPattern.maximumCount,
              lengths.allSatisfy({ $0.isFinite && $0 >= 0 }), offset.isFinite else { return nil }
        let even = lengths.count % 2 == 0 ? lengths : lengths + lengths
        guard even.reduce(0, +) > 0 else { return nil }
        self.lengths = even
        self.offset = offset
    }

    /// matplotlib's '--': [3.7, 1.6] × line width.
    public static func dashed(lineWidth: Double) -> DashPattern {
        DashPattern([3.7 * lineWidth, 1.6 * lineWidth])!
    }

    /// matplotlib's '-.': [6.4, 1.6, 1, 1.6] × line width.
    public static func dashDot(lineWidth: Double) -> DashPattern {
        DashPattern([6.4 * lineWidth, 1.6 * lineWidth, 1 * lineWidth, 1.6 * lineWidth])!
    }

    /// matplotlib's ':': [1, 1.65] × line width.
    public static func dotted(lineWidth: Double) -> DashPattern {
        DashPattern([1 * lineWidth, 1.65 * lineWidth])!
    }

    /// The "on" pieces of `polyline`, continuing the pattern across vertices.
    public func split(_ polyline: [Point]) -> [[Point]] {
        guard polyline.count >= 2 else { return [] }
        let period = lengths.reduce(0, +)
        var index = 0
        var remaining = lengths[0]
        var phase = offset.truncatingRemainder(dividingBy: period)
        if phase < 0 { phase += period }
        while phase > 0 {
            if phase >= remaining {
                phase -= remaining
                index = (index + 1) % lengths.count
                remaining = lengths[index]
            } else {
                remaining -= phase
                phase = 0
            }
        }
        var pieces: [[Point]] = []
        var current: [Point] = index % 2 == 0 ? [polyline[0]] : []
        for i in 0..<(polyline.count - 1) {
            let a = polyline[i], b = polyline[i + 1]
            let segment = (b - a).length
            var travelled = 0.0
            while segment - travelled > remaining {
                travelled += remaining
                let p = a + (b - a) * (travelled / segment)
                if index % 2 == 0 {
                    current.append(p)
                    if current.count >= 2 { pieces.append(current) }
                    current = []
                } else {
                    current = [p]
                }
                index = (index + 1) % lengths.count
                remaining = lengths[index]
            }
            remaining -= segment - travelled
            if index % 2 == 0 { current.append(b) }
        }
        if index % 2 == 0, current.count >= 2 { pieces.append(current) }
        return pieces
    }
}
