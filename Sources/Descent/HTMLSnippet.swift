import Chart
import Foundation
/// An HTML fragment that embeds a lesson's GIF for a course site: a `<picture>` that shows
/// the still poster to readers who ask for reduced motion, explicit width and height so the
/// page does not jump while loading, alt text that says what the animation shows, and the
/// transcript of every epoch in a `<details>`.
public struct HTMLSnippet {
    public let storyboard: Storyboard
    public let gifSource: String
    public let posterSource: String
    public let width: Int
    public let height: Int
    /// A race's runs (empty for one lesson): the alt text names them all.
    public var runs: [Lesson] = []
    /// What determines the render (see `Fingerprint` in Render), as a first-line comment.
    public var fingerprint: String?

    public init(storyboard: Storyboard, gifSource: String, posterSource: String, width: Int, height: Int) {
        self.storyboard = storyboard
        self.gifSource = gifSource
        self.posterSource = posterSource
        self.width = width
        self.height = height
    }

    public var altText: String {
        guard let shown = storyboard.pacing.show else { return lessonText }
        return lessonText + " Epochs shown: " + HTMLSnippet.ranges(shown) + "."
    }

    /// "0–2, 9, 49": runs of consecutive epochs as ranges.
    static func ranges(_ epochs: [Int]) -> String {
        var parts: [String] = []
        var start = epochs[0], last = epochs[0]
        for e in epochs.dropFirst() + [Int.min] {
            if e == last + 1 { last = e; continue }
            parts.append(start == last ? "\(start)" : "\(start)–\(last)")
            start = e
            last = e
        }
        return parts.joined(separator: ", ")
    }

    private var lessonText: String {
        let lesson = storyboard.lesson
        let last = lesson.numbers(epoch: lesson.epochs - 1)
        let points = lesson.x.count == 1 ? "1 point" : "\(lesson.x.count) points"
        let data = "x = " + list(lesson.x) + "; t = " + list(lesson.t)
        if runs.count > 1 {
            let results = runs.map { run -> String in
                let end = run.path[run.epochs]
                let behaviour = run.spec.kind == .gd ? run.regime.rawValue : run.behaviour.rawValue
                let own = run.spec.rate.map { ", η = " + LessonFigure.rateText($0) } ?? ""
                return "\(run.spec.title)\(own) reaches loss \(NumberText.compact(run.objective.value(end))) (\(behaviour))"
            }
            return "Animated race of \(runs.count) optimizers on \(points) (\(data)) for the model "
                + "\(lesson.isAffine ? "y = w·x + b, over its loss landscape" : "y = w·x"), from the same start with learning rate "
                + "\(LessonFigure.rateText(lesson.rate)): after \(lesson.epochs) epochs " + results.joined(separator: "; ") + "."
        }
        // Another optimizer than gradient descent is named, with how its run behaved.
        let gd = lesson.spec.kind == .gd
        let method = gd ? "gradient descent" : lesson.spec.title
        if !gd {
            let start = lesson.path[0], end = lesson.path[lesson.epochs]
            func pair(_ p: [Double]) -> String {
                p.count == 1 ? "w = \(NumberText.compact(p[0]))" : "(w, b) = (\(NumberText.compact(p[0])), \(NumberText.compact(p[1])))"
            }
            return "Animated \(method) on \(points) (\(data)) for the model \(lesson.isAffine ? "y = w·x + b" : "y = w·x"), "
                + "from \(pair(start)) with learning rate \(LessonFigure.rateText(lesson.rate)) (\(lesson.behaviour.rawValue)): "
                + "after \(lesson.epochs) epochs \(pair(end)), loss = \(NumberText.compact(lesson.objective.value(end)))."
        }
        if lesson.isAffine {
            let start = lesson.path[0], end = lesson.path[lesson.epochs]
            return "Animated gradient descent on \(points) (\(data)) for the model y = w·x + b, over its loss landscape, "
                + "from (w, b) = (\(NumberText.compact(start[0])), \(NumberText.compact(start[1]))) with learning rate "
                + "\(LessonFigure.rateText(lesson.rate)) (\(lesson.regime.rawValue), condition number "
                + "\(NumberText.compact(lesson.conditionNumber))): after \(lesson.epochs) epochs (w, b) = "
                + "(\(NumberText.compact(end[0])), \(NumberText.compact(end[1]))), loss = \(NumberText.compact(lesson.objective.value(end)))."
        }
        return "Animated gradient descent on \(points) (\(data)) for the model y = w·x, "
            + "from w0 = \(NumberText.compact(lesson.w0)) with learning rate \(LessonFigure.rateText(lesson.rate)) "
            + "(\(lesson.regime.rawValue), r = \(NumberText.compact(lesson.contraction))): "
            + "after \(lesson.epochs) epochs w = \(NumberText.compact(last.wNew)), "
            + "loss = \(NumberText.compact(lesson.loss(at: last.wNew)))."
    }

    private func list(_ values: [Double]) -> String {
        let shown = values.prefix(8).map { LessonFigure.exactText($0) }
        return shown.joined(separator: ", ") + (values.count > 8 ? ", …" : "")
    }

    /// The id that ties the image to its transcript (`aria-details`): from the GIF's name, so
    /// several lessons on one page keep theirs apart.
    var detailsID: String {
        let stem = (gifSource.split(separator: "/").last.map(String.init) ?? gifSource)
        let cleaned = stem.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
        return "descent-" + String(cleaned)
    }

    /// The keyframe the poster shows (the last, unless the render chose another).
    public var posterMoment: Moment?
    /// An animated WebP of the GIF's pixels, offered before the GIF to browsers that take it.
    public var webpSource: String?
    /// The same lesson in other themes, each shown to readers whose colour scheme its media
    /// query matches (`theme: [light, dark]`).
    public var variants: [Variant] = []

    /// A theme's picture: its media query (`(prefers-color-scheme: dark)`) and its files.
    public struct Variant: Sendable {
        public let media: String
        public let gif: String
        public let poster: String
        public let webp: String?

        public init(media: String, gif: String, poster: String, webp: String?) {
            self.media = media
            self.gif = gif
            self.poster = poster
            self.webp = webp
        }
    }

    /// The picture's sources, first match wins: the poster under reduced motion (each
    /// theme's for its scheme), then each theme's WebP and GIF for its scheme, then this
    /// render's WebP (the GIF is the `<img>`).
    private var sources: String {
        func source(_ path: String, media: String?, webp: Bool = false) -> String {
            "\n    <source srcset=\"\(escape(path))\"" + (webp ? " type=\"image/webp\"" : "")
                + (media.map { " media=\"\(escape($0))\"" } ?? "") + ">"
        }
        var html = ""
        for variant in variants { html += source(variant.poster, media: "(prefers-reduced-motion: reduce) and \(variant.media)") }
        html += source(posterSource, media: "(prefers-reduced-motion: reduce)")
        for variant in variants {
            if let webp = variant.webp { html += source(webp, media: variant.media, webp: true) }
            html += source(variant.gif, media: variant.media)
        }
        if let webpSource { html += source(webpSource, media: nil, webp: true) }
        return html
    }

    /// The stages as the player steps through them: the keyframes that are not in between.
    var stageKeyframes: [(start: Int, moment: Moment)] {
        storyboard.timeline.keyframes.filter { $0.state.tween == nil }.map { ($0.startCentiseconds, $0.state) }
    }

    /// One sentence for what a keyframe shows, with its numbers.
    func sentence(_ moment: Moment) -> String {
        let lesson = storyboard.lesson
        let e = moment.epoch
        let of = "Epoch \(e) of 0–\(lesson.epochs - 1)"
        if runs.count > 1 {
            let steps = e + 1
            let each = runs.map { run in
                "\(Race.name(run).replacingOccurrences(of: "$", with: "")) at loss \(NumberText.compact(run.objective.value(run.path[steps])))"
            }
            return "\(of): after \(steps) \(steps == 1 ? "step" : "steps"), " + each.joined(separator: "; ") + "."
        }
        let n = lesson.numbers(epoch: e)
        func point(_ p: [Double]) -> String {
            p.count == 1 ? "w = \(NumberText.compact(p[0]))" : "(w, b) = (\(NumberText.compact(p[0])), \(NumberText.compact(p[1])))"
        }
        let here = point(lesson.path[e]), there = point(lesson.path[e + 1])
        let g = lesson.gradient(epoch: e)
        let slope = g.count == 1 ? "the slope ∂L/∂w = \(NumberText.compact(g[0]))"
                                 : "the gradient (∂L/∂w, ∂L/∂b) = (\(NumberText.compact(g[0])), \(NumberText.compact(g[1])))"
        switch moment.stage {
        case .weight: return "\(of), the current weight: \(here)."
        case .loss: return "\(of), its loss: L = \(NumberText.compact(n.loss)) at \(here)."
        case .tangent: return "\(of), the tangent: \(slope) at \(here)."
        case .step: return "\(of), the step: \(lesson.spec.title) moves from \(here) towards \(there)."
        case .drop: return "\(of), the new point: \(there)."
        case .update: return "\(of), the update: \(there), loss \(NumberText.compact(lesson.objective.value(lesson.path[e + 1])))."
        }
    }

    /// The player's timeline, as JSON inside the page: each stage's start and sentence.
    var timelineJSON: String {
        let stages = stageKeyframes
        let poster = posterMoment.flatMap { wanted in stages.firstIndex { $0.moment == wanted } } ?? stages.count - 1
        let keyframes: [[String: Any]] = stages.map { ["start_cs": $0.start, "text": sentence($0.moment)] }
        // The player decodes what the page already loaded: the WebP when there is one (browsers
        // with ImageDecoder all take WebP), else the GIF.
        var object: [String: Any] = ["gif": gifSource, "posterImage": posterSource, "width": width, "height": height,
                                     "poster": poster, "keyframes": keyframes, "animation": webpSource ?? gifSource,
                                     "type": webpSource == nil ? "image/gif" : "image/webp"]
        // Each other theme's files, for the player to take when its media query matches.
        if !variants.isEmpty {
            object["schemes"] = variants.map { v -> [String: Any] in
                ["media": v.media, "gif": v.gif, "posterImage": v.poster, "animation": v.webp ?? v.gif]
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        // Inside <script>, "</" would end the element.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }

    /// The transcript table: every epoch's numbers; a race's, every run's.
    private var table: (heads: [String], rows: String) {
        let lesson = storyboard.lesson
        var rows = ""
        if runs.count > 1 {
            let affine = lesson.isAffine
            var heads = ["epoch"]
            for run in runs {
                let name = Race.name(run).replacingOccurrences(of: "$", with: "")
                heads += (affine ? ["\(name): w", "\(name): b"] : ["\(name): w"]) + ["\(name): loss"]
            }
            for e in storyboard.shownEpochs {
                var cells = ["\(e)"]
                for run in runs {
                    let p = run.path[e + 1]
                    cells += p.map { NumberText.compact($0) } + [NumberText.compact(run.objective.value(p))]
                }
                rows += "      <tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            }
            return (heads, rows)
        }
        for e in storyboard.shownEpochs {
            let n = lesson.numbers(epoch: e)
            var cells = ["\(e)", NumberText.compact(n.w)]
            if lesson.isAffine { cells.append(NumberText.compact(lesson.path[e][1])) }
            cells += [NumberText.compact(n.loss), NumberText.compact(n.gradient)]
            if lesson.isAffine { cells.append(NumberText.compact(lesson.gradient(epoch: e)[1])) }
            cells.append(NumberText.compact(n.wNew))
            if lesson.isAffine { cells.append(NumberText.compact(lesson.path[e + 1][1])) }
            rows += "      <tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        let heads = lesson.isAffine ? ["epoch", "w", "b", "loss", "∂L/∂w", "∂L/∂b", "w_new", "b_new"]
                                    : ["epoch", "w", "loss", "∂L/∂w", "w_new"]
        return (heads, rows)
    }

    public var html: String {
        let (heads, rows) = table
        let stages = stageKeyframes.map { "      <li>\(escape(sentence($0.moment)))</li>\n" }.joined()
        return (fingerprint.map { "<!-- \($0) -->\n" } ?? "") + """
        <figure class="descent descent-player">
          <style>
        \(HTMLPlayer.style)
          </style>
          <picture>
            \(sources.dropFirst(5))
            <img src="\(escape(gifSource))" width="\(width)" height="\(height)" alt="\(escape(altText))" aria-details="\(detailsID)">
          </picture>
          <div class="descent-controls" hidden>
            <button type="button" data-action="toggle">Pause animation</button>
            <button type="button" data-action="previous">Previous stage</button>
            <button type="button" data-action="next">Next stage</button>
            <p class="descent-status" role="status" aria-live="polite"></p>
          </div>
          <details id="\(detailsID)">
            <summary>\(escape(summary))</summary>
            <table>
              <thead><tr>\(heads.map { "<th scope=\"col\">\(escape($0))</th>" }.joined())</tr></thead>
              <tbody>
        \(rows)      </tbody>
            </table>
            <p>What each stage of the animation shows:</p>
            <ol>
        \(stages)    </ol>
          </details>
          <script type="application/json" class="descent-timeline">\(timelineJSON)</script>
          <script>
        \(HTMLPlayer.script)
          </script>
        </figure>

        """
    }

    /// What the transcript is of: the optimizer that took the steps (a race's first run, for now).
    var summary: String {
        let lesson = storyboard.lesson
        let epochs = "\(lesson.epochs) \(lesson.epochs == 1 ? "epoch" : "epochs")"
        if runs.count > 1 {
            return "Transcript of the race's \(runs.count) runs, learning rate \(LessonFigure.rateText(lesson.rate)), "
                + "\(epochs): each run's parameters and loss after each step"
        }
        return "Transcript: \(lesson.spec.title), learning rate \(LessonFigure.rateText(lesson.rate)), \(epochs)"
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
