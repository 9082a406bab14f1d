import Chart
import Raster

/// What a race's runs are drawn in: matplotlib's cycle without its blue (the data's) and its
/// grey, one colour a run, and the name the legend gives each.
enum Race {
    static let colors = [Style.c1, Style.c2, Style.c3, Style.c4, Style.c5, Style.c6, Style.c8, Style.c9]

    static func color(_ k: Int) -> Color { colors[k % colors.count] }

    static func name(_ run: Lesson) -> String {
        run.spec.rate.map { run.spec.title + ", η = " + LessonFigure.rate($0) } ?? run.spec.title
    }

    /// A race's keyframe for `epoch` shows each run after that epoch's step: the title counts
    /// the steps taken to the points drawn, as a single run's "Iteration 0" shows the start.
    static func stepsTaken(atEpoch epoch: Int) -> Int { epoch + 1 }

    /// Run `k`'s point now: a dot in its colour, named in the legend.
    static func currentDot(_ run: Lesson, _ k: Int, at point: Point, style s: Style) -> Artist {
        .markers(MarkerArtist(data: [point], shape: .circle, sizePixels: s.px(9), color: color(k),
                              edgeWidthPixels: s.markerEdgeWidth, label: name(run), zorder: 50 + Double(k), role: .raceCurrent))
    }
}

/// A race on one weight: the loss curve, and on it each run's weight now (a dot in its
/// colour) and the weights it visited (smaller dots), its current weight marked on the
/// axis as well.
extension LossPanel {
    func raceTitle(epoch: Int) -> [String] {
        ["\(labels.iteration) \(Race.stepsTaken(atEpoch: epoch))"]
    }

    func raceAxes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        let level = limits.loss.lower + limits.loss.span / 110
        var artists: [Artist] = [.line(LineArtist(data: curve, color: Style.c0, widthPixels: s.lineWidth,
                                                  label: labels.lossCurve, zorder: 20))]
        for (k, run) in runs.enumerated() {
            let color = Race.color(k)
            let visited = run.weights[0...Race.stepsTaken(atEpoch: moment.epoch)].map { w in
                Point(Pin(w, limits.weight).value, Pin(run.loss(at: w), limits.loss).value)
            }
            artists.append(.markers(MarkerArtist(data: Array(visited.dropLast()), shape: .circle, sizePixels: s.px(4),
                                                 color: color.withAlpha(0.6), edgeWidthPixels: 0, zorder: 30, role: .raceTrail)))
            artists.append(Race.currentDot(run, k, at: visited.last!, style: s))
            artists.append(.markers(MarkerArtist(data: [Point(visited.last!.x, level)], shape: .triangle, sizePixels: s.px(8),
                                                 color: color, edgeWidthPixels: 0, zorder: 50, role: .raceWeight)))
        }
        return Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: limits.loss,
                    xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title(epoch: moment.epoch),
                    titleColor: Style.text, artists: artists, legend: context.legend)
    }
}
