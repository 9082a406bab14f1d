import Chart
import Raster

/// What a race's runs are drawn in: matplotlib's cycle without its blue (the data's) and its
/// grey, one colour a run, and the name the legend gives each.
enum Race {
    static let colors = [Style.c1, Style.c2, Style.c3, Style.c4, Style.c5, Style.c6, Style.c8, Style.c9]

    static func name(_ run: Lesson) -> String {
        run.spec.rate.map { run.spec.title + ", η = " + LessonFigure.rate($0) } ?? run.spec.title
    }
}

/// A race on one weight: the loss curve, and on it each run's weight now (a dot in its
/// colour) and the weights it visited (smaller dots), its current weight marked on the
/// axis as well.
struct RaceLossPanel: LessonPanel {
    var runs: [Lesson]
    let labels: FigureLabels
    let limits: FigureLimits
    let curve: [Point]

    init(runs: [Lesson], labels: FigureLabels, limits: FigureLimits) {
        self.runs = runs
        self.labels = labels
        self.limits = limits
        let inner = FigureLimits.inner(limits.weight)
        let lesson = runs[0]
        curve = FigureLimits.samples(inner.lower, inner.upper, count: 500).map { Point($0, lesson.loss(at: $0)) }
    }

    func moving(_ move: (Lesson) -> Lesson) -> any LessonPanel {
        var moved = self
        moved.runs = runs.map(move)
        return moved
    }

    var name: String { "loss" }

    func title(epoch: Int) -> [String] {
        ["\(labels.iteration) \(epoch)"]
    }

    func axes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        let level = limits.loss.lower + limits.loss.span / 110
        var artists: [Artist] = [.line(LineArtist(data: curve, color: Style.c0, widthPixels: s.lineWidth,
                                                  label: labels.lossCurve, zorder: 20))]
        for (k, run) in runs.enumerated() {
            let color = Race.colors[k % Race.colors.count]
            let visited = run.weights[0...moment.epoch + 1].map { w in
                Point(Pin(w, limits.weight).value, Pin(run.loss(at: w), limits.loss).value)
            }
            artists.append(.markers(MarkerArtist(data: Array(visited.dropLast()), shape: .circle, sizePixels: s.px(4),
                                                 color: color.withAlpha(0.6), edgeWidthPixels: 0, zorder: 30, role: .raceTrail)))
            artists.append(.markers(MarkerArtist(data: [visited.last!], shape: .circle, sizePixels: s.px(9), color: color,
                                                 edgeWidthPixels: s.markerEdgeWidth, label: Race.name(run), zorder: 50 + Double(k),
                                                 role: .raceCurrent)))
            artists.append(.markers(MarkerArtist(data: [Point(visited.last!.x, level)], shape: .triangle, sizePixels: s.px(8),
                                                 color: color, edgeWidthPixels: 0, zorder: 50, role: .raceWeight)))
        }
        return Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: limits.loss,
                    xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title(epoch: moment.epoch + 1),
                    titleColor: Style.text, artists: artists, legend: context.legend)
    }
}
