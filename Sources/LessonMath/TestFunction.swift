/// The classic test functions of optimization, by name (`objective: rosenbrock`): each its
/// expression, a start and a view that show what it teaches, and its minima where they are
/// known in closed form (or to the digits the literature gives).
public enum TestFunction: String, CaseIterable, Sendable {
    case rosenbrock, beale, himmelblau, booth, saddle, rastrigin

    /// The expression, in the syntax a scene writes.
    public var expression: String {
        switch self {
        case .rosenbrock: return "(1 - w)^2 + 100*(b - w^2)^2"
        case .beale: return "(1.5 - w + w*b)^2 + (2.25 - w + w*b^2)^2 + (2.625 - w + w*b^3)^2"
        case .himmelblau: return "(w^2 + b - 11)^2 + (w + b^2 - 7)^2"
        case .booth: return "(w + 2*b - 7)^2 + (2*w + b - 5)^2"
        case .saddle: return "w^2 - b^2"
        case .rastrigin: return "20 + w^2 - 10*cos(2*pi*w) + b^2 - 10*cos(2*pi*b)"
        }
    }

    /// Where the descent starts unless the scene says (w0, b0).
    public var start: [Double] {
        switch self {
        case .rosenbrock: return [-1.2, 1]
        case .beale: return [1, 1.5]
        case .himmelblau: return [0, -0.5]
        case .booth: return [-7, -6]
        case .saddle: return [-1.8, 0.02]
        case .rastrigin: return [2.6, -1.6]
        }
    }

    /// The view, (w range, b range), unless the scene's limits say.
    public var view: (w: ClosedRange<Double>, b: ClosedRange<Double>) {
        switch self {
        case .rosenbrock: return (-2...2, -1...3)
        case .beale: return (-4.5...4.5, -4.5...4.5)
        case .himmelblau: return (-5...5, -5...5)
        case .booth: return (-10...10, -10...10)
        case .saddle: return (-2...2, -2...2)
        case .rastrigin: return (-4...4, -4...4)
        }
    }

    /// Its minima: every one for Himmelblau's four, the global one for Rastrigin (whose
    /// local minima lie near every point of the integer lattice), none for the saddle
    /// (unbounded below).
    public var minima: [[Double]] {
        switch self {
        case .rosenbrock: return [[1, 1]]
        case .beale: return [[3, 0.5]]
        case .himmelblau: return [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]]
        case .booth: return [[1, 3]]
        case .saddle: return []
        case .rastrigin: return [[0, 0]]
        }
    }
}
