import ArgumentParser
import Descent

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the gradient-descent lesson to an animated GIF.",
        discussion: """
        With no options, renders the notebook's lesson — x = [0, 1, 2], t = [0.2, 1.3, 2.4],
        w0 = 9, lr = 0.025, 10 epochs, 800×600 px, six stages per epoch held 2, 2, 2, 2, 2
        and 5 s, looping forever — to Output/gradient_descent.gif.

        Examples:
          descent render
          descent render -o course/figures/descent.gif
          descent render --lr 0.1 --epochs 6 -o fast.gif
          descent render --scale 2 -o descent@2x.gif
          descent render --frames-dir frames/
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the GIF (its folder is created).", valueName: "path"))
    var output = "Output/gradient_descent.gif"

    @Option(help: ArgumentHelp("Learning rate η, a number > 0.", valueName: "rate"))
    var lr: Double = Lesson.seed.learningRate

    @Option(help: ArgumentHelp("Initial weight.", valueName: "weight"))
    var w0: Double = Lesson.seed.w0

    @Option(help: ArgumentHelp("Number of epochs, 1...\(RenderCommand.maximumEpochs).", valueName: "count"))
    var epochs: Int = Lesson.seed.epochs

    @Option(help: ArgumentHelp("Multiply every length (2 gives 1600×1200 for high-density screens), 0.25...4.", valueName: "factor"))
    var scale: Double = 1

    @Option(help: ArgumentHelp("0 loops forever; N plays N more times, 0...65535.", valueName: "count"))
    var loop: Int = 0

    @Option(help: ArgumentHelp("Also write every keyframe as a PNG into this folder.", valueName: "dir"))
    var framesDir: String?

    /// Beyond this an animation is hours long and its file only grows; a typo is likelier.
    static let maximumEpochs = 10_000

    func validate() throws {
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a finite number greater than 0 (got \(lr))") }
        guard w0.isFinite else { throw ValidationError("--w0 must be a finite number (got \(w0))") }
        guard (1...RenderCommand.maximumEpochs).contains(epochs) else {
            throw ValidationError("--epochs must be between 1 and \(RenderCommand.maximumEpochs) (got \(epochs))")
        }
        guard scale.isFinite, (0.25...4).contains(scale) else {
            throw ValidationError("--scale must be between 0.25 and 4 (got \(scale))")
        }
        guard (0...65535).contains(loop) else { throw ValidationError("--loop must be between 0 and 65535 (got \(loop))") }
    }

    func run() throws {
        let seed = Lesson.seed
        let lesson = try Lesson(x: seed.x, t: seed.t, w0: w0, learningRate: lr, epochs: epochs)
        try RenderPipeline(lesson: lesson, storyboard: Storyboard(lesson: lesson), scale: scale,
                           loopCount: loop, outputPath: output, framesDirectory: framesDir).run()
    }
}
