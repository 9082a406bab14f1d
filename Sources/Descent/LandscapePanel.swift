import Foundation
import Chart
import Raster

/// The (w, b) lesson's left panel: the loss L(w, b) as filled contours with their lines and
/// a colour bar, the least-squares minimum, the path so far and the current point; then,
/// stage by stage, the loss there, the gradient's direction, the step −η∇L, and the new point.
struct LandscapePanel: LessonPanel {
    let labels: FigureLabels
    let limits: FigureLimits
    /// The filled bands (lowest first) and the lines between them, the same in every frame.
    let bands: [AreaArtist]
    let isolines: [[Point]]
    let colorBar: ColorBar
    /// The least-squares minimum, or every minimum of an expression in view.
    let minima: [[Double]]
    /// The lesson, drawn stage by stage; or a race's runs, each a path in its colour.
    var runs: [Lesson]

    /// Bands of the colour scale.
    static let bandCount = 10
    /// Samples of L each way: fine enough that the contours read as smooth curves.
    static let gridSize = 90

    init(runs: [Lesson], labels: FigureLabels, limits: FigureLimits) {
        let lesson = runs[0]
        self.labels = labels
        self.limits = limits
        self.runs = runs
        let b = limits.intercept ?? limits.loss
        if let formula = lesson.objective.formula {
            minima = formula.minima(w: limits.weight.lower...limits.weight.upper, b: b.lower...b.upper)
        } else {
            minima = lesson.bestFit.map { [$0] } ?? []
        }
        let grid = ScalarGrid(xs: FigureLimits.samples(limits.weight.lower, limits.weight.upper, count: LandscapePanel.gridSize),
                              ys: FigureLimits.samples(b.lower, b.upper, count: LandscapePanel.gridSize)) { w, b in
            lesson.objective.value([w, b])
        }
        let levels = LandscapePanel.levels(grid, floor: minima.map(lesson.objective.value).min())
        let colors = Colormap.viridisBands(levels.count - 1)
        // Painted from the top band down: each region below a level covers the bands above it.
        var bands = [AreaArtist(polygons: [[Point(limits.weight.lower, b.lower), Point(limits.weight.upper, b.lower),
                                            Point(limits.weight.upper, b.upper), Point(limits.weight.lower, b.upper)]],
                                color: colors[colors.count - 1], zorder: -100)]
        for k in stride(from: levels.count - 2, through: 1, by: -1) {
            bands.append(AreaArtist(polygons: Contours.below(grid, level: levels[k]), color: colors[k - 1], zorder: -100))
        }
        self.bands = bands
        isolines = levels.dropFirst().dropLast().flatMap { Contours.lines(grid, level: $0) }
        let every = levels.count > 8 ? 2 : 1
        let ticks = Array(stride(from: 0, to: levels.count, by: every))
        // The floor is the minimum's loss: a least-squares fit through the points is 0 up to rounding.
        let scale = Swift.max(abs(levels[levels.count - 1]), 1e-300)
        colorBar = ColorBar(levels: levels, colors: colors, ticks: ticks,
                            labels: ticks.map { NumberText.significant(abs(levels[$0]) < 1e-9 * scale ? 0 : levels[$0]) })
    }

    /// Band edges from the lowest loss in view to the highest, spaced evenly in the logarithm
    /// of the loss above the minimum: the bowl's floor, where the path ends, gets as many
    /// bands as its steep walls.
    static func levels(_ grid: ScalarGrid, floor: Double?) -> [Double] {
        let values = grid.values.filter(\.isFinite)
        let low = Swift.min(floor ?? values.min() ?? 0, values.min() ?? 0), high = values.max() ?? 1
        let span = Swift.max(high - low, 1e-12 * Swift.max(abs(low), 1))
        var levels = [low]
        if low < 0 {
            // A loss that goes below zero (a saddle) has no floor to crowd bands onto: evenly spaced.
            for k in 1..<bandCount { levels.append(low + span * Double(k) / Double(bandCount)) }
            levels.append(low + span * 1.0001)
            return levels
        }
        let smallest = span * 1e-3
        for k in 0..<(bandCount - 1) {
            levels.append(low + smallest * pow(span / smallest, Double(k) / Double(bandCount - 1)))
        }
        levels.append(low + span * 1.0001)
        return levels
    }

    var name: String { "landscape" }

    var limitAxes: (x: LimitAxis, y: LimitAxis) { (.weight, .intercept) }

    /// The landscape is the lesson: a legend hiding a third of it goes below instead.
    var legendShare: Double { 0.33 }

    /// Both updates at once, as vectors: the rule, then its numbers and the new point.
    func title(epoch: Int) -> [String] {
        if isRace { return ["\(labels.iteration) \(Race.stepsTaken(atEpoch: epoch))"] + Race.parameterLines(runs, labels) }
        let p = lesson.path[epoch], g = lesson.gradient(epoch: epoch), next = lesson.path[epoch + 1]
        func pair(_ v: [Double], _ form: (Double) -> String) -> String { "(\(form(v[0])), \(form(v[1])))" }
        if lesson.spec.kind != .gd {
            return lesson.spec.updateLines(from: p, to: next, state: lesson.states[epoch])
        }
        return ["$(w, b)_{new} = (w, b) - \\eta\\,\\nabla L$",
                "$= \(pair(p) { NumberText.math($0) }) - \(LessonFigure.rateMath(lesson, epoch: epoch)) \\times \(pair(g) { NumberText.math($0) })$ "
                    + "$= \(pair(next) { NumberText.math($0) })$"]
    }

    func axes(at moment: Moment, in context: PanelContext) -> Axes {
        let s = context.style
        let b = limits.intercept ?? limits.loss
        let p = lesson.path[moment.epoch], next = lesson.path[moment.epoch + 1]
        let here = Point(Pin(p[0], limits.weight).value, Pin(p[1], b).value)
        let there = Point(Pin(next[0], limits.weight).value, Pin(next[1], b).value)
        var artists: [Artist] = bands.map { .area($0) }
        if let stroke = isolines.isEmpty ? nil : s.px(0.6) {
            artists += isolines.map {
                var line = LineArtist(data: $0, color: Color(r: 255, g: 255, b: 255, a: 90), widthPixels: stroke, zorder: -90)
                line.background = true
                return .line(line)
            }
        }
        if !minima.isEmpty {
            // A white + outlined in black: it reads on the dark floor of the bowl, and its
            // legend entry (the black outline) reads on the legend's white.
            // Where the theme keeps contrast, one mark in the map's casing (black, then white).
            let at = minima.map { Point($0[0], $0[1]) }
            if let casing = s.mapCasing {
                var mark = MarkerArtist(data: at, shape: .plus, sizePixels: s.px(11), color: .white, edgeWidthPixels: s.px(2),
                                        label: labels.minimum, zorder: 40, role: .minimum)
                mark.casing = casing
                artists.append(.markers(mark))
            } else {
                artists.append(.markers(MarkerArtist(data: at, shape: .plus, sizePixels: s.px(12.5), color: .black,
                                                     edgeWidthPixels: s.px(3.5), label: labels.minimum, zorder: 40, role: .minimum)))
                artists.append(.markers(MarkerArtist(data: at, shape: .plus, sizePixels: s.px(11), color: .white,
                                                     edgeWidthPixels: s.px(2), zorder: 40.5, role: .minimumMark)))
            }
        }
        if isRace {
            // A race: every run's path so far, in its colour, ending at a dot.
            for (k, run) in runs.enumerated() {
                let visited = run.path[0...Race.stepsTaken(atEpoch: moment.epoch)].map { Point($0[0], $0[1]) }
                var path = LineArtist(data: visited, color: s.theme.run(k), widthPixels: s.px(1.6), zorder: 30 + Double(k))
                path.casing = s.mapCasing
                path.role = .racePath
                artists.append(.line(path))
                let last = visited.last!
                artists.append(Race.currentDot(run, k, at: Point(Pin(last.x, limits.weight).value, Pin(last.y, b).value), style: s, labels: labels,
                                               onMap: true))
            }
            var axes = Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: b,
                            xLabel: labels.weightAxis, yLabel: labels.interceptAxis, title: title(epoch: moment.epoch),
                            artists: artists, legend: context.legend)
            axes.colorBar = colorBar
            return axes
        }
        let visited = lesson.path[0...moment.epoch].map { Point($0[0], $0[1]) }
        var path = LineArtist(data: visited, color: .white, widthPixels: s.px(1.2), zorder: 30)
        path.casing = s.mapCasing
        path.role = .path
        artists.append(.line(path))
        var points = MarkerArtist(data: Array(visited.dropLast()), shape: .circle, sizePixels: s.px(4), color: .white,
                                  edgeWidthPixels: 0, zorder: 31, role: .pathPoint)
        points.casing = s.mapCasing
        artists.append(.markers(points))
        artists.append(.markers(LessonFigure.weightStar(at: here, size: s.px(12), updated: false, style: s,
                                                        label: labels.currentWeight, onMap: true)))
        let size = context.annotationSize
        let point = "(\(LessonFigure.number(p[0])), \(LessonFigure.number(p[1])))"
        var value = label("(w, b) = " + point, at: here, color: s.theme.c1, size: size, style: s, role: .weightValue, above: true)
        // In a narrow panel the point alone: its axes say which is w and which b.
        value.shorter = [point]
        artists.append(.text(value))
        let stage = moment.stage
        if stage.shows(.loss) {
            artists.append(.text(label("\(labels.lossValue) = \(LessonFigure.number(lesson.objective.value(p)))", at: here,
                                       color: s.theme.foreground, size: size, style: s, role: .lossValue, above: false)))
        }
        if stage.shows(.tangent) {
            // The direction of steepest descent, −∇L, drawn a fixed share of the panel long;
            // with a mini-batch, the batch's direction, and the full one in grey beside it.
            let t = DataTransform(frame: context.frame, x: limits.weight, y: b)
            func direction(_ g: [Double], color: Color, width: Double, role: Role) {
                let dx = -g[0] * context.frame.width / limits.weight.span, dy = g[1] * context.frame.height / b.span
                let norm = (dx * dx + dy * dy).squareRoot()
                guard norm > 0, norm.isFinite else { return }
                let reach = 0.18 * Swift.min(context.frame.width, context.frame.height)
                let start = t.pixel(here.x, here.y)
                let end = Point(start.x + dx / norm * reach, start.y + dy / norm * reach)
                var arrow = ArrowArtist(from: here, to: Point(t.dataX(end.x), t.dataY(end.y)), color: color,
                                        widthPixels: width, headPixels: s.px(9), zorder: 45, role: role)
                arrow.casing = s.mapCasing
                artists.append(.arrow(arrow))
            }
            if lesson.batches != nil {
                direction(lesson.objective.gradient(p), color: Color(r: 240, g: 240, b: 240), width: s.px(1.5), role: .fullGradient)
            }
            direction(lesson.gradient(epoch: moment.epoch), color: s.theme.c2, width: s.px(2), role: .gradient)
        }
        if stage.shows(.step) {
            if lesson.spec.kind != .gd {
                // The step plain gradient descent would have taken from here, in grey.
                let g = lesson.gradient(epoch: moment.epoch), eta = lesson.learningRate
                let plain = Point(Pin(p[0] - eta * g[0], limits.weight).value, Pin(p[1] - eta * g[1], b).value)
                var arrow = ArrowArtist(from: here, to: plain, color: Color(r: 235, g: 235, b: 235),
                                        widthPixels: s.px(1.5), headPixels: s.px(8), zorder: 44, role: .plainStep)
                arrow.casing = s.mapCasing
                artists.append(.arrow(arrow))
            }
            var step = ArrowArtist(from: here, to: there, color: s.theme.foreground,
                                   widthPixels: s.px(1.5), headPixels: s.px(8), zorder: 46, role: .step)
            step.casing = s.mapCasing
            artists.append(.arrow(step))
        }
        if stage.shows(.drop) {
            artists.append(.text(label("\(labels.lossValue) = \(LessonFigure.number(lesson.objective.value(next)))", at: there,
                                       color: s.theme.c3, size: size, style: s, role: .newLossValue, above: false)))
        }
        if stage.shows(.update) {
            artists.append(.markers(LessonFigure.weightStar(at: there, size: s.px(12), updated: true, style: s,
                                                            label: labels.updatedWeight, onMap: true)))
        }
        var axes = Axes(name: name, frame: context.frame, xLimits: limits.weight, yLimits: b,
                        xLabel: labels.weightAxis, yLabel: labels.interceptAxis,
                        title: stage.shows(.update) ? title(epoch: moment.epoch) : [], titleColor: s.theme.c3,
                        artists: artists, legend: context.legend)
        axes.colorBar = colorBar
        return axes
    }

    /// A value beside a point: the point's coordinates above it, a loss to its right; the
    /// other places round it to fall back on.
    private func label(_ text: String, at point: Point, color: Color, size: Double, style s: Style, role: Role,
                       above: Bool) -> TextArtist {
        let lift = s.px(9), gap = s.px(10)
        let places = [TextPlacement(Point(0, -lift), .center, .bottom), TextPlacement(Point(gap, 0), .left, .center),
                      TextPlacement(Point(-gap, 0), .right, .center), TextPlacement(Point(0, lift), .center, .top),
                      TextPlacement(Point(gap, -lift), .left, .bottom), TextPlacement(Point(gap, lift), .left, .top),
                      TextPlacement(Point(-gap, -lift), .right, .bottom), TextPlacement(Point(-gap, lift), .right, .top)]
        let first = above ? places[0] : places[1]
        var artist = TextArtist(text, at: .data(point), offsetPixels: first.offsetPixels, fontSizePixels: size,
                                color: color, horizontal: first.horizontal, vertical: first.vertical, zorder: 210, role: role,
                                halo: true, droppable: true)
        artist.alternatives = places.filter { $0 != first }
        return artist
    }
}
