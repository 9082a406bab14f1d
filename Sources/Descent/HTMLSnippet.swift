import Chart
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

    public init(storyboard: Storyboard, gifSource: String, posterSource: String, width: Int, height: Int) {
        self.storyboard = storyboard
        self.gifSource = gifSource
        self.posterSource = posterSource
        self.width = width
        self.height = height
    }

    public var altText: String {
        let lesson = storyboard.lesson
        let last = lesson.numbers(epoch: lesson.epochs - 1)
        let points = lesson.x.count == 1 ? "1 point" : "\(lesson.x.count) points"
        let data = "x = " + list(lesson.x) + "; t = " + list(lesson.t)
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

    public var html: String {
        let lesson = storyboard.lesson
        var rows = ""
        for e in 0..<lesson.epochs {
            let n = lesson.numbers(epoch: e)
            rows += "      <tr><td>\(e)</td><td>\(NumberText.compact(n.w))</td><td>\(NumberText.compact(n.loss))</td>"
                + "<td>\(NumberText.compact(n.gradient))</td><td>\(NumberText.compact(n.wNew))</td></tr>\n"
        }
        return """
        <figure class="descent">
          <picture>
            <source srcset="\(escape(posterSource))" media="(prefers-reduced-motion: reduce)">
            <img src="\(escape(gifSource))" width="\(width)" height="\(height)" alt="\(escape(altText))">
          </picture>
          <details>
            <summary>Transcript: gradient descent, learning rate \(LessonFigure.rateText(lesson.rate)), \(lesson.epochs) \(lesson.epochs == 1 ? "epoch" : "epochs")</summary>
            <table>
              <thead><tr><th>epoch</th><th>w</th><th>loss</th><th>∂L/∂w</th><th>w_new</th></tr></thead>
              <tbody>
        \(rows)      </tbody>
            </table>
          </details>
        </figure>

        """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
