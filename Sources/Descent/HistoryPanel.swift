import Foundation
import Chart
import Raster

/// A loss written as an expression has no data to fit: its right panel is the loss over
/// the epochs so far — in powers of ten when it spans decades — under the function itself,
/// typeset as its title. For a race, every run's loss in its colour, dash and marker.
struct HistoryPanel: LessonPanel {
    var runs: [Lesson]
    let labels: FigureLabels
    let limits: FigureLimits

    var name: String { "history" }

    var limitAxes: (x: LimitAxis, y: LimitAxis) { (.x, .y) }

    /// "L(w, b) = …": the function, its top-level terms spans of their own so a narrow
    /// panel breaks the line between them.
    func title(epoch: Int) -> [String] {
        let formula = lesson.objective.formula!
        let terms = formula.expression.terms
        let head = "$L(" + formula.parameterNames.joined(separator: ", ") + ") = " + terms[0] + "$"
        return [([head] + terms.dropFirst().map { "$" + $0 + "$" }).joined(separator: " ")]
            + LessonFigure.scheduleLines(runs: runs, methods: labels.methods)
    }

    /// A loss as the axis shows it: its log₁₀ on a log axis (pinned at the bottom when not
    /// positive), else itself.
    private func shown(_ loss: Double) -> Double {
        guard limits.logHistory else { return Pin(loss, limits.y).value }
        return Pin(loss > 0 ? log10(loss) : -.infinity, limits.y).value
    }

    /// The loss along run `run`'s path up to epoch `last`: the earlier epochs as the figure
    /// was made (they never move), the last two as drawn now (smooth motion moves one of them).
    private func losses(_ run: Int, upTo last: Int) -> [Double] {
        let path = runs[run].path, kept = Swift.max(last - 1, 0)
        return Array(pathLosses[run].prefix(kept)) + (kept...last).map { runs[run].objective.value(path[$0]) }
    }

    /// Each run's loss at every point of its path, computed once.
    let pathLosses: [[Double]]

    init(runs: [Lesson], labels: FigureLabels, limits: FigureLimits) {
        self.runs = runs
        self.labels = labels
        self.limits = limits
        pathLosses = runs.map { run in run.path.map(run.objective.value) }
    }

    func axes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        var artists: [Artist] = []
        if isRace {
            let last = Race.stepsTaken(atEpoch: moment.epoch)
            for (k, run) in runs.enumerated() {
                let points = losses(k, upTo: last).enumerated().map { Point(Double($0), shown($1)) }
                var line = LineArtist(data: points, color: s.theme.run(k), widthPixels: s.lineWidth, dash: s.theme.runDash(k),
                                      zorder: 20 + Double(k) / 10)
                line.role = .raceLine
                artists.append(.line(line))
                // Named in the landscape's or the curve's legend, not twice.
                artists.append(Race.currentDot(run, k, at: points.last!, style: s, labels: labels, named: false))
            }
        } else {
            // The loss at each epoch's start; from the update on, after its step too.
            let last = moment.stage.shows(.update) ? moment.epoch + 1 : moment.epoch
            let points = losses(0, upTo: last).enumerated().map { Point(Double($0), shown($1)) }
            var line = LineArtist(data: points, color: s.theme.c0, widthPixels: s.lineWidth, zorder: 20)
            line.role = .lossHistory
            artists.append(.line(line))
            // A dot an epoch while they stand apart; over many epochs the line alone (its last point a dot).
            let apart = context.frame.width / Double(Swift.max(lesson.epochs, 1)) >= s.px(8)
            var dots = MarkerArtist(data: apart ? points : [points.last!], shape: .circle, sizePixels: s.px(4.5), color: s.theme.c0,
                                    edgeWidthPixels: 0, zorder: 21, role: .historyPoint)
            dots.casing = s.markerHalo
            artists.append(.markers(dots))
        }
        var axes = Axes(name: name, frame: context.frame, xLimits: limits.x, yLimits: limits.y,
                        xLabel: labels.iteration, yLabel: labels.lossAxis, title: title(epoch: moment.epoch),
                        artists: artists, legend: context.legend)
        axes.yPowersOfTen = limits.logHistory
        return axes
    }
}
