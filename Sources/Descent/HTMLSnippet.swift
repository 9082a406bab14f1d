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

    /// Every word the page says, in the lesson's language (English unless the scene names one).
    public var words: Words = .english
    /// The lesson's language, for the figure's `lang` attribute (nil: the page's own).
    public var language: Language?

    public var altText: String {
        guard let shown = storyboard.pacing.show else { return lessonText }
        return lessonText + words.text(.epochsShown, ["ranges": HTMLSnippet.ranges(shown)])
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

    /// The optimizers' names that are words, in the page's language.
    private var methods: [WordKey: String] { words.methods }

    /// A run's name as the legend gives it, without math marks.
    private func name(_ run: Lesson) -> String {
        Race.name(run, methods: methods).replacingOccurrences(of: "$", with: "")
    }

    /// The learning rate for people; with a schedule, its name and the rate it ends at.
    private var rateText: String {
        let lesson = storyboard.lesson
        let base = LessonFigure.rateText(lesson.rate)
        guard lesson.schedule != .constant else { return base }
        return words.text(.rateScheduled, ["rate": base, "schedule": lesson.schedule.name,
                                           "last": LessonFigure.exactText(lesson.rate(epoch: lesson.epochs - 1))])
    }

    private var lessonText: String {
        let lesson = storyboard.lesson
        let last = lesson.numbers(epoch: lesson.epochs - 1)
        var values = ["points": words.count(lesson.x.count, one: .pointOne, many: .points),
                      "data": "x = " + list(lesson.x) + "; t = " + list(lesson.t),
                      "model": lesson.objective.loss is BinaryCrossEntropy ? "p = σ(w·x + b)" : lesson.isAffine ? "y = w·x + b" : "y = w·x",
                      "landscape": lesson.isAffine ? words[.overLandscape] : "",
                      "rate": rateText,
                      "epochs": words.count(lesson.epochs, one: .epochOne, many: .epochs)]
        // A loss written as an expression: named as the teacher wrote it; its runs judged from their paths.
        let formula = lesson.objective.formula
        values["formula"] = formula?.text
        if runs.count > 1 {
            let results = runs.map { run -> String in
                let end = run.path[run.epochs]
                let behaviour = run.spec.kind == .gd && run.hasClosedFormRegime ? words[.regime(run.regime)] : words[.behaviour(run.behaviour)]
                let own = run.spec.rate.map { ", η = " + LessonFigure.rateText($0) } ?? ""
                return words.text(.raceResult, ["name": run.spec.title(methods) + own,
                                                 "loss": NumberText.compact(run.objective.value(end)), "behaviour": behaviour])
            }
            values["count"] = "\(runs.count)"
            values["results"] = results.joined(separator: "; ")
            return words.text(formula == nil ? .altRace : .altRaceObjective, values)
        }
        let start = lesson.path[0], end = lesson.path[lesson.epochs]
        values["method"] = lesson.spec.title(methods)
        values["loss"] = NumberText.compact(lesson.objective.value(end))
        // Another optimizer than gradient descent is named, with how its run behaved.
        if lesson.spec.kind != .gd || !lesson.hasClosedFormRegime {
            func pair(_ p: [Double]) -> String {
                p.count == 1 ? "w = \(NumberText.compact(p[0]))" : "(w, b) = (\(NumberText.compact(p[0])), \(NumberText.compact(p[1])))"
            }
            values["start"] = pair(start)
            values["end"] = pair(end)
            values["behaviour"] = words[.behaviour(lesson.behaviour)]
            return words.text(formula == nil ? .altOptimizer : .altObjective, values)
        }
        values["regime"] = words[.regime(lesson.regime)]
        if lesson.isAffine {
            values["w"] = NumberText.compact(start[0])
            values["b"] = NumberText.compact(start[1])
            values["w1"] = NumberText.compact(end[0])
            values["b1"] = NumberText.compact(end[1])
            values["kappa"] = NumberText.compact(lesson.conditionNumber)
            return words.text(.altAffine, values)
        }
        values["w0"] = NumberText.compact(lesson.w0)
        values["r"] = NumberText.compact(lesson.contraction)
        values["w"] = NumberText.compact(last.wNew)
        values["loss"] = NumberText.compact(lesson.loss(at: last.wNew))
        return words.text(.altLine, values)
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
        let of = words.text(.epochOf, ["e": "\(e)", "last": "\(lesson.epochs - 1)"])
        if runs.count > 1 {
            let steps = e + 1
            let each = runs.map { run in
                words.text(.raceEach, ["name": name(run), "loss": NumberText.compact(run.objective.value(run.path[steps]))])
            }
            return words.text(.sentenceRace, ["of": of, "steps": words.count(steps, one: .stepOne, many: .steps),
                                              "each": each.joined(separator: "; ")])
        }
        let n = lesson.numbers(epoch: e)
        func point(_ p: [Double]) -> String {
            p.count == 1 ? "w = \(NumberText.compact(p[0]))" : "(w, b) = (\(NumberText.compact(p[0])), \(NumberText.compact(p[1])))"
        }
        let here = point(lesson.path[e]), there = point(lesson.path[e + 1])
        let g = lesson.gradient(epoch: e)
        let slope = g.count == 1 ? words.text(.slopeOne, ["g": NumberText.compact(g[0])])
                                 : words.text(.slopeTwo, ["g1": NumberText.compact(g[0]), "g2": NumberText.compact(g[1])])
        let values = ["of": of, "here": here, "there": there]
        switch moment.stage {
        case .weight: return words.text(.sentenceWeight, values)
        case .loss: return words.text(.sentenceLoss, values.merging(["loss": NumberText.compact(n.loss)]) { $1 })
        case .tangent: return words.text(.sentenceTangent, values.merging(["slope": slope]) { $1 })
        case .step: return words.text(.sentenceStep, values.merging(["method": lesson.spec.title(methods)]) { $1 })
        case .drop: return words.text(.sentenceDrop, values)
        case .update:
            return words.text(.sentenceUpdate, values.merging(["loss": NumberText.compact(lesson.objective.value(lesson.path[e + 1]))]) { $1 })
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
                                     "type": webpSource == nil ? "image/gif" : "image/webp",
                                     "words": ["pause": words[.playerPause], "play": words[.playerPlay], "paused": words[.playerPaused],
                                               "playing": words[.playerPlaying], "pausedPoster": words[.playerPausedPoster]]]
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
            var heads = [words[.columnEpoch]]
            for run in runs {
                let name = self.name(run)
                heads += (affine ? ["\(name): w", "\(name): b"] : ["\(name): w"]) + ["\(name): \(words[.columnLoss])"]
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
        let (epoch, loss) = (words[.columnEpoch], words[.columnLoss])
        let heads = lesson.isAffine ? [epoch, "w", "b", loss, "∂L/∂w", "∂L/∂b", "w_new", "b_new"]
                                    : [epoch, "w", loss, "∂L/∂w", "w_new"]
        return (heads, rows)
    }

    public var html: String {
        let (heads, rows) = table
        let stages = stageKeyframes.map { "      <li>\(escape(sentence($0.moment)))</li>\n" }.joined()
        return (fingerprint.map { "<!-- \($0) -->\n" } ?? "") + """
        <figure class="descent descent-player"\(language.map { " lang=\"\(escape($0.rawValue))\"" } ?? "")>
          <style>
        \(HTMLPlayer.style)
          </style>
          <picture>
            \(sources.dropFirst(5))
            <img src="\(escape(gifSource))" width="\(width)" height="\(height)" alt="\(escape(altText))" aria-details="\(detailsID)">
          </picture>
          <div class="descent-controls" hidden>
            <button type="button" data-action="toggle">\(escape(words[.playerPause]))</button>
            <button type="button" data-action="previous">\(escape(words[.playerPrevious]))</button>
            <button type="button" data-action="next">\(escape(words[.playerNext]))</button>
            <p class="descent-status" role="status" aria-live="polite"></p>
          </div>
          <details id="\(detailsID)">
            <summary>\(escape(summary))</summary>
            <table>
              <thead><tr>\(heads.map { "<th scope=\"col\">\(escape($0))</th>" }.joined())</tr></thead>
              <tbody>
        \(rows)      </tbody>
            </table>
            <p>\(escape(words[.stagesHeading]))</p>
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

    /// What the transcript is of: the optimizer that took the steps, or the race's runs.
    var summary: String {
        let lesson = storyboard.lesson
        let values = ["rate": rateText, "epochs": words.count(lesson.epochs, one: .epochOne, many: .epochs),
                      "count": "\(runs.count)", "method": lesson.spec.title(methods)]
        return words.text(runs.count > 1 ? .summaryRace : .summary, values)
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
