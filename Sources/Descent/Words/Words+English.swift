extension Words {
    /// The notebook's own mix: English words, its Spanish axes ("tiempo", "cantidad de lluvia").
    public static let notebook: Words = {
        var words = Words.english
        words[.notebookX] = "tiempo"
        words[.notebookY] = "cantidad de lluvia"
        return words
    }()

    static let englishTable: [WordKey: String] = [
        .x: "x", .y: "y", .weight: "Weight", .loss: "Loss", .lossCurve: "loss", .currentWeight: "current weight",
        .lossAtWeight: "loss at current weight", .tangent: "tangent: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$",
        .updatedWeight: "updated weight", .model: "model: $y = w\\,x$", .observations: "data", .predictions: "model prediction",
        .iteration: "Iteration", .squaredLoss: "squared loss", .learningRate: "learning rate", .lossValue: "loss",
        .intercept: "Intercept", .affineModel: "model: $y = w\\,x + b$", .minimum: "least-squares minimum", .path: "path",
        .fullTangent: "full-batch tangent", .unsampled: "not in this batch", .batchNote: "{k} of {n} points a step, gradient × {n}/{k}",
        .notShown: "epochs {a}–{b} not shown", .notShownOne: "epoch {a} not shown",
        .valleyAcross: "{verb} across the valley (r₁ = {r})", .valleyAlong: "and {verb} along it (r₂ = {r})",
        .notebookX: "time", .notebookY: "amount of rain", .notebookObservations: "data observations",
        .notebookPredictions: "network prediction",
        .regimeMonotone: "monotone", .regimeOneStep: "one step", .regimeOscillating: "oscillating", .regimeDiverging: "diverging",
        .regimeStalled: "stalled",
        .behaviourConverging: "converging", .behaviourOscillating: "oscillating", .behaviourDiverging: "diverging",
        .verbMonotone: "slides", .verbOneStep: "lands in one step", .verbOscillating: "zig-zags", .verbDiverging: "flies off",
        .verbStalled: "stays",
        .methodGD: "gradient descent", .methodMomentum: "momentum", .methodNesterov: "Nesterov momentum",
        .pointOne: "1 point", .points: "{n} points", .epochOne: "1 epoch", .epochs: "{n} epochs", .stepOne: "1 step",
        .steps: "{n} steps", .overLandscape: ", over its loss landscape",
        .altRace: "Animated race of {count} optimizers on {points} ({data}) for the model {model}{landscape}, from the same start "
            + "with learning rate {rate}: after {epochs} {results}.",
        .raceResult: "{name} reaches loss {loss} ({behaviour})",
        .altOptimizer: "Animated {method} on {points} ({data}) for the model {model}, from {start} with learning rate {rate} "
            + "({behaviour}): after {epochs} {end}, loss = {loss}.",
        .altAffine: "Animated {method} on {points} ({data}) for the model {model}{landscape}, from (w, b) = ({w}, {b}) with "
            + "learning rate {rate} ({regime}, condition number {kappa}): after {epochs} (w, b) = ({w1}, {b1}), loss = {loss}.",
        .logisticModel: "model: $p = \\sigma(w\\,x + b)$", .crossEntropy: "cross-entropy", .decisionBoundary: "decision boundary: $x = -b/w$",
        .rateScheduled: "{rate} ({schedule} schedule, {last} in the last epoch)",
        .formulaMinimum: "minimum", .altObjective: "Animated {method} on the loss L = {formula}, from {start} with learning rate {rate}: after {epochs} {end}, loss = {loss}.",
        .altRaceObjective: "Animated race of {count} optimizers on the loss L = {formula}, from the same start with learning rate {rate}: after {epochs} {results}.",
        .altLine: "Animated {method} on {points} ({data}) for the model {model}, from w0 = {w0} with learning rate {rate} "
            + "({regime}, r = {r}): after {epochs} w = {w}, loss = {loss}.",
        .epochsShown: " Epochs shown: {ranges}.", .epochOf: "Epoch {e} of 0–{last}",
        .sentenceRace: "{of}: after {steps}, {each}.", .raceEach: "{name} at loss {loss}",
        .sentenceWeight: "{of}, the current weight: {here}.", .sentenceLoss: "{of}, its loss: L = {loss} at {here}.",
        .sentenceTangent: "{of}, the tangent: {slope} at {here}.", .slopeOne: "the slope ∂L/∂w = {g}",
        .slopeTwo: "the gradient (∂L/∂w, ∂L/∂b) = ({g1}, {g2})",
        .sentenceStep: "{of}, the step: {method} moves from {here} towards {there}.",
        .sentenceDrop: "{of}, the new point: {there}.", .sentenceUpdate: "{of}, the update: {there}, loss {loss}.",
        .summaryRace: "Transcript of the race's {count} runs, learning rate {rate}, {epochs}: each run's parameters and loss after each step",
        .summary: "Transcript: {method}, learning rate {rate}, {epochs}",
        .stagesHeading: "What each stage of the animation shows:", .columnEpoch: "epoch", .columnLoss: "loss",
        .playerPause: "Pause animation", .playerPlay: "Play animation", .playerPrevious: "Previous stage", .playerNext: "Next stage",
        .playerPaused: "Paused. ", .playerPlaying: "Playing.", .playerPausedPoster: "Paused on the poster: ",
    ]
}
