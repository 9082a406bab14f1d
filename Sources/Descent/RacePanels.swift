import Chart
import Raster

/// What a race's runs are drawn in — each its theme's colour, marker and dash (`Theme.runs`)
/// — and the name the legend gives each.
enum Race {
    /// A run's name in the legend: its optimizer's name and its own rate, if it has one —
    /// hyper-parameters are the title's (`parameterLines`), once each.
    static func name(_ run: Lesson, methods: [WordKey: String]) -> String {
        let name = run.spec.name(methods)
        let rated = run.spec.rate.map { name + ", η = " + LessonFigure.rate($0) } ?? name
        // A schedule of its own is named too; its rule is the title's (`scheduleLines`).
        return run.spec.schedule.map { rated + ", " + $0.name } ?? rated
    }

    /// The title's lines for the runs' hyper-parameters, one an optimizer that has some
    /// ("Adam: β₁ = 0.9, β₂ = 0.999, ε = 1×10⁻⁸"), each said once however many runs share it.
    static func parameterLines(_ runs: [Lesson], _ labels: FigureLabels) -> [String] {
        var lines: [String] = []
        for run in runs {
            guard let list = run.spec.parameterList else { continue }
            let line = run.spec.name(labels.methods) + ": " + list
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }

    /// A race's keyframe for `epoch` shows each run after that epoch's step: the title counts
    /// the steps taken to the points drawn, as a single run's "Iteration 0" shows the start.
    static func stepsTaken(atEpoch epoch: Int) -> Int { epoch + 1 }

    /// Run `k`'s point now: its marker in its colour, named in the legend; ringed in the
    /// page's colour, or on a colour map in the theme's casing.
    static func currentDot(_ run: Lesson, _ k: Int, at point: Point, style s: Style, labels: FigureLabels, onMap: Bool = false,
                           named: Bool = true) -> Artist {
        var dot = MarkerArtist(data: [point], shape: s.theme.runMarker(k), sizePixels: s.px(9), color: s.theme.run(k),
                               edgeWidthPixels: s.markerEdgeWidth, label: named ? name(run, methods: labels.methods) : nil,
                               zorder: 50 + Double(k), role: .raceCurrent)
        dot.casing = onMap ? s.mapCasing : s.markerHalo
        return .markers(dot)
    }

    /// Run `k`'s model line in the data panel: its colour and dash, and where the theme keeps
    /// contrast its marker at three places along it (staggered run by run), so that no line
    /// is told from another by colour alone.
    static func modelLine(_ k: Int, _ points: [Point], style s: Style, inputs: (lower: Double, upper: Double),
                          limits: AxisLimits) -> [Artist] {
        // Above the data's points: the best fit is not hidden under them.
        var line = LineArtist(data: points, color: s.theme.run(k), widthPixels: s.lineWidth, dash: s.theme.runDash(k),
                              zorder: ModelPanel.pointsAbove + 0.5 + Double(k) / 10)
        line.role = .raceLine
        guard s.theme.accessible, let first = points.first, let last = points.last, last.x > first.x else { return [.line(line)] }
        let span = last.x - first.x
        let marks = [0.12, 0.45, 0.78].compactMap { share -> Point? in
            let x = first.x + (share + 0.035 * Double(k % 6)) * span
            guard let i = points.firstIndex(where: { $0.x >= x }) else { return nil }
            let p = points[i]
            return limits.lower...limits.upper ~= p.y ? p : nil
        }
        var markers = MarkerArtist(data: marks, shape: s.theme.runMarker(k), sizePixels: s.px(6.5), color: s.theme.run(k),
                                   edgeWidthPixels: s.markerEdgeWidth, zorder: ModelPanel.pointsAbove + 0.55 + Double(k) / 10,
                                   role: .raceMarker)
        markers.casing = s.markerHalo
        return [.line(line), .markers(markers)]
    }
}

/// A race on one weight: the loss curve, and on it each run's weight now (a dot in its
/// colour) and the weights it visited (smaller dots), its current weight marked on the
/// axis as well.
extension LossPanel {
    func raceTitle(epoch: Int) -> [String] {
        ["\(labels.iteration) \(Race.stepsTaken(atEpoch: epoch))"] + Race.parameterLines(runs, labels)
    }

    func raceAxes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        let level = limits.loss.lower + limits.loss.span / 110
        var artists: [Artist] = [.line(LossPanel.curve(curve, color: s.theme.c0, style: s, label: labels.lossCurve))]
            + minimumMarks(style: s)
        for (k, run) in runs.enumerated() {
            let color = s.theme.run(k)
            let visited = run.weights[0...Race.stepsTaken(atEpoch: moment.epoch)].map { w in
                Point(Pin(w, limits.weight).value, Pin(run.loss(at: w), limits.loss).value)
            }
            artists.append(.markers(MarkerArtist(data: Array(visited.dropLast()), shape: s.theme.runMarker(k),
                                                 sizePixels: s.px(s.theme.accessible ? 4.5 : 4), color: s.theme.faded(color, 0.6),
                                                 edgeWidthPixels: 0, zorder: 30, role: .raceTrail)))
            artists.append(Race.currentDot(run, k, at: visited.last!, style: s, labels: labels))
            var weight = MarkerArtist(data: [Point(visited.last!.x, level)], shape: .triangle, sizePixels: s.px(8),
                                      color: color, edgeWidthPixels: 0, zorder: 50, role: .raceWeight)
            weight.casing = s.markerHalo
            artists.append(.markers(weight))
        }
        var axes = Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: limits.loss,
                        xLabel: labels.weightAxis, yLabel: labels.lossAxis, title: title(epoch: moment.epoch),
                        artists: artists, legend: context.legend)
        axes.yTickFloor = limits.lossTickFloor
        return axes
    }
}
