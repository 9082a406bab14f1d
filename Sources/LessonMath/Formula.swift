import Foundation

/// A loss with no data: an expression in w (a curve) or in w and b (a landscape), its exact
/// gradient by automatic differentiation, and its minima.
public struct Formula: Sendable {
    public let expression: Expression
    /// As the teacher wrote it, or the named function's expression.
    public let text: String
    /// The named test function it is, if it was given by name.
    public let named: TestFunction?
    /// Its parameters: w alone, or w and b (a loss in b alone is one in (w, b) flat along w).
    public let variables: [Expression.Variable]

    /// A name (`rosenbrock`) or an expression; errors name the column.
    public init(_ text: String) throws(ExpressionError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let named = TestFunction(rawValue: trimmed.lowercased()) {
            self.named = named
            self.text = named.expression
            expression = try ExpressionParser.parse(named.expression)
        } else {
            named = nil
            self.text = trimmed
            expression = try ExpressionParser.parse(trimmed)
        }
        variables = expression.variables.contains(.b) ? [.w, .b] : [.w]
    }

    public var parameterNames: [String] { variables.map(\.rawValue) }

    public func value(_ p: [Double]) -> Double { expression.value(p) }

    public func gradient(_ p: [Double]) -> [Double] {
        let g = expression.dual(p).gradient
        return variables.count == 1 ? [g[0]] : [g[0], g[1]]
    }

    /// The minima in a view (w range, and b range for two variables): the named function's
    /// known ones, or found numerically — the lowest points of a grid, each refined where
    /// the exact gradient vanishes — at most `limit` of them, lowest loss first.
    public func minima(w: ClosedRange<Double>, b: ClosedRange<Double>? = nil, limit: Int = 6) -> [[Double]] {
        let inView = { (p: [Double]) in w.contains(p[0]) && (p.count < 2 || b?.contains(p[1]) ?? true) }
        if let named { return named.minima.filter(inView) }
        var found: [[Double]] = []
        if variables.count == 1 {
            found = minima1(w)
        } else if let b {
            found = minima2(w, b)
        }
        found = found.filter { inView($0) && value($0).isFinite }
        var kept: [[Double]] = []
        let tolerance = 1e-6 * Swift.max(w.upperBound - w.lowerBound, 1e-12)
        for p in found.sorted(by: { value($0) < value($1) }) where !kept.contains(where: { zip($0, p).allSatisfy { abs($0 - $1) < tolerance * 100 } }) {
            kept.append(p)
        }
        return Array(kept.prefix(limit))
    }

    /// One variable: where the derivative changes sign from − to + between samples, the
    /// root by bisection on the exact derivative.
    private func minima1(_ w: ClosedRange<Double>) -> [[Double]] {
        let n = 2000
        let xs = (0...n).map { w.lowerBound + (w.upperBound - w.lowerBound) * Double($0) / Double(n) }
        let slopes = xs.map { gradient([$0])[0] }
        var found: [[Double]] = []
        for i in 0..<n where slopes[i] < 0 && slopes[i + 1] >= 0 {
            var lo = xs[i], hi = xs[i + 1]
            for _ in 0..<80 {
                let mid = (lo + hi) / 2
                if gradient([mid])[0] < 0 { lo = mid } else { hi = mid }
            }
            found.append([(lo + hi) / 2])
        }
        return found
    }

    /// Two variables: grid points lower than their eight neighbours, each refined by
    /// gradient descent with a backtracking line search until the gradient vanishes.
    private func minima2(_ w: ClosedRange<Double>, _ b: ClosedRange<Double>) -> [[Double]] {
        let n = 80
        let ws = (0...n).map { w.lowerBound + (w.upperBound - w.lowerBound) * Double($0) / Double(n) }
        let bs = (0...n).map { b.lowerBound + (b.upperBound - b.lowerBound) * Double($0) / Double(n) }
        var grid = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: n + 1)
        for i in 0...n { for j in 0...n { let v = value([ws[i], bs[j]]); grid[i][j] = v.isFinite ? v : .infinity } }
        var found: [[Double]] = []
        for i in 1..<n {
            for j in 1..<n where grid[i][j].isFinite {
                var lowest = true
                for di in -1...1 { for dj in -1...1 where (di, dj) != (0, 0) && grid[i + di][j + dj] <= grid[i][j] { lowest = false } }
                guard lowest else { continue }
                if let p = refine([ws[i], bs[j]]) { found.append(p) }
            }
        }
        return found
    }

    private func refine(_ start: [Double]) -> [Double]? {
        var p = start
        var f = value(p)
        var step = 1e-3
        for _ in 0..<5000 {
            let g = gradient(p)
            let norm = (g[0] * g[0] + g[1] * g[1]).squareRoot()
            if norm < 1e-10 * Swift.max(1, abs(f)) { return p }
            var moved = false
            step *= 2
            while step > 1e-20 {
                let q = [p[0] - step * g[0], p[1] - step * g[1]]
                let fq = value(q)
                if fq.isFinite, fq <= f - 0.5 * step * norm * norm {
                    p = q
                    f = fq
                    moved = true
                    break
                }
                step /= 2
            }
            if !moved { return p }
        }
        return p
    }
}
