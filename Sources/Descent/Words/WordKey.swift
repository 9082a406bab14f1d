/// The key of each word, as a scene's `words:` names it. The figure's keys are also the
/// keys `labels:` takes.
public enum WordKey: String, CaseIterable, Sendable, Comparable {
    // The figure's labels (`labels:` keys too).
    case x, y, weight, loss, lossCurve = "loss_curve", currentWeight = "current_weight", lossAtWeight = "loss_at_weight"
    case tangent, updatedWeight = "updated_weight", model, observations, predictions, iteration
    case squaredLoss = "squared_loss", learningRate = "learning_rate", lossValue = "loss_value", intercept
    case affineModel = "affine_model", minimum, path, fullTangent = "full_tangent", unsampled, batchNote = "batch_note"
    case notShown = "not_shown", notShownOne = "not_shown_one", valleyAcross = "valley_across", valleyAlong = "valley_along"
    // A loss written as an expression: a minimum it has (not a least-squares fit).
    case formulaMinimum = "formula_minimum"
    // Logistic regression: its model, its loss, the line where it predicts 0.5.
    case logisticModel = "logistic_model", crossEntropy = "cross_entropy", decisionBoundary = "decision_boundary"
    // The notebook's own data: its axes and the words of its legend.
    case notebookX = "notebook_x", notebookY = "notebook_y", notebookObservations = "notebook_observations"
    case notebookPredictions = "notebook_predictions"
    // How a descent behaves: each regime, each behaviour of another optimizer, and the verb
    // for a direction of the (w, b) valley.
    case regimeMonotone = "regime_monotone", regimeOneStep = "regime_one_step", regimeOscillating = "regime_oscillating"
    case regimeDiverging = "regime_diverging", regimeStalled = "regime_stalled"
    case behaviourConverging = "behaviour_converging", behaviourOscillating = "behaviour_oscillating"
    case behaviourDiverging = "behaviour_diverging"
    case verbMonotone = "verb_monotone", verbOneStep = "verb_one_step", verbOscillating = "verb_oscillating"
    case verbDiverging = "verb_diverging", verbStalled = "verb_stalled"
    // The optimizers whose names are words (Adagrad, RMSprop and Adam are names).
    case methodGD = "method_gd", methodMomentum = "method_momentum", methodNesterov = "method_nesterov"
    // The page: counts, the alt text, each stage's sentence, the transcript, the player.
    case pointOne = "point_one", points, epochOne = "epoch_one", epochs, stepOne = "step_one", steps
    case overLandscape = "over_landscape", altRace = "alt_race", raceResult = "race_result", altOptimizer = "alt_optimizer"
    case rateScheduled = "rate_scheduled"
    case altAffine = "alt_affine", altLine = "alt_line", altObjective = "alt_objective", altRaceObjective = "alt_race_objective", epochsShown = "epochs_shown", epochOf = "epoch_of"
    case sentenceRace = "sentence_race", raceEach = "race_each", sentenceWeight = "sentence_weight"
    case sentenceLoss = "sentence_loss", sentenceTangent = "sentence_tangent", slopeOne = "slope_one", slopeTwo = "slope_two"
    case sentenceStep = "sentence_step", sentenceDrop = "sentence_drop", sentenceUpdate = "sentence_update"
    case summaryRace = "summary_race", summary, stagesHeading = "stages_heading", columnEpoch = "column_epoch"
    case columnLoss = "column_loss", playerPause = "player_pause", playerPlay = "player_play"
    case playerPrevious = "player_previous", playerNext = "player_next", playerPaused = "player_paused"
    case playerPlaying = "player_playing", playerPausedPoster = "player_paused_poster"

    public static func < (a: WordKey, b: WordKey) -> Bool { a.rawValue < b.rawValue }

    /// Whether the figure draws it (so it may hold `$…$` math and is checked as a label).
    public var isFigure: Bool { WordKey.figure.contains(self) }

    static let figure: Set<WordKey> = Set(WordKey.allCases.prefix { $0 != .pointOne })

    public static func regime(_ regime: Regime) -> WordKey {
        switch regime {
        case .monotone: return .regimeMonotone
        case .oneStep: return .regimeOneStep
        case .oscillating: return .regimeOscillating
        case .diverging: return .regimeDiverging
        case .stalled: return .regimeStalled
        }
    }

    public static func behaviour(_ behaviour: Behaviour) -> WordKey {
        switch behaviour {
        case .converging: return .behaviourConverging
        case .oscillating: return .behaviourOscillating
        case .diverging: return .behaviourDiverging
        }
    }

    public static func verb(_ regime: Regime) -> WordKey {
        switch regime {
        case .monotone: return .verbMonotone
        case .oneStep: return .verbOneStep
        case .oscillating: return .verbOscillating
        case .diverging: return .verbDiverging
        case .stalled: return .verbStalled
        }
    }
}
