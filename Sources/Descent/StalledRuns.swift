import Chart
import Foundation
import Raster

/// A race's run whose rate barely moves it: too little to see in the figure.
public struct StalledRun: Sendable {
    /// The run as the legend names it ("Adam (β₁ = 0.9, …), η = 0.0012").
    public let name: String
    /// How far it moved on the left panel in its first epochs, in pixels.
    public let pixels: Double
    public let epochs: Int
    /// A rate that would move it about a tenth of the panel in those epochs (early steps
    /// grow with the rate: gradient descent's and momentum's in proportion, Adam's, RMSprop's
    /// and Adagrad's about so), two significant digits.
    public let suggestedRate: Double
}

extension LessonFigure {
    /// The runs of a race that move less than a pixel an epoch, on average, on the left panel
    /// in their first `epochs` steps (a run that starts at a minimum is not one of them).
    public func stalledRuns(epochs: Int = 3) -> [StalledRun] {
        guard !runs.isEmpty, let frame = frames.first else { return [] }
        return runs.compactMap { run in
            let k = Swift.min(epochs, run.epochs)
            let a = run.path[0], b = run.path[k]
            let dx = (b[0] - a[0]) / limits.weight.span * frame.width
            let dy = a.count > 1 ? (limits.intercept.map { (b[1] - a[1]) / $0.span * frame.height } ?? 0) : 0
            let moved = (dx * dx + dy * dy).squareRoot()
            guard moved.isFinite, moved < Double(k), run.objective.gradient(a).contains(where: { $0 != 0 }) else { return nil }
            let target = 0.1 * Swift.min(frame.width, frame.height)
            let raw = run.learningRate * target / Swift.max(moved, 1e-12)
            let magnitude = pow(10, floor(log10(raw)) - 1)
            return StalledRun(name: run.spec.title + ", η = " + LessonFigure.rateText(run.rate), pixels: moved, epochs: k, suggestedRate: (raw / magnitude).rounded() * magnitude)
        }
    }
}
