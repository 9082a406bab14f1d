import Chart

/// The words of the figure, taken from a language's `Words`. The defaults are the notebook's
/// own labels (it mixes English and Spanish), with its formulas written as formulas.
public struct FigureLabels: Sendable, Equatable {
    public var weightAxis: String
    public var lossAxis: String
    public var timeAxis: String
    public var amountAxis: String
    public var lossCurve: String
    public var currentWeight: String
    public var lossAtWeight: String
    public var tangent: String
    public var updatedWeight: String
    public var model: String
    public var observations: String
    public var predictions: String
    public var iteration: String
    public var squaredLoss: String
    /// The word before the loss value beside the loss dot ("loss = 302.69").
    public var lossValue: String
    public var learningRate: String
    /// The (w, b) lesson's words: its y axis on the landscape, its model, its minimum, its path.
    public var interceptAxis: String
    public var affineModel: String
    public var minimum: String
    /// A minimum of a loss written as an expression.
    public var formulaMinimum: String
    /// Logistic regression's model, loss and decision boundary.
    public var logisticModel: String
    public var crossEntropy: String
    public var decisionBoundary: String
    public var path: String
    /// With mini-batches: the full gradient's tangent (dashed), and the points not drawn.
    public var fullTangent: String
    public var unsampled: String
    /// The note under a mini-batch lesson's title; {k} and {n} stand for the numbers.
    public var batchNote: String
    /// The note after epochs left out (`show`); {a} and {b} stand for the first and last.
    public var notShown: String
    public var notShownOne: String
    public var regimes: [Regime: String]
    /// With two parameters whose directions behave differently, both are named, a line each:
    /// how the path moves across the valley (the steep direction, r₁) and along it (r₂);
    /// {verb} and {r} stand for the direction's word and factor.
    public var valleyAcross: String
    public var valleyAlong: String
    public var directionVerbs: [Regime: String]
    /// How a run of another optimizer than gradient descent behaved.
    public var behaviours: [Behaviour: String]
    /// The names of the optimizers that are words: gradient descent, momentum, Nesterov's.
    public var methods: [WordKey: String]

    /// The notebook's own words for its own data.
    public init() {
        self.init(words: .notebook, notebookData: true)
    }

    /// Every label in one language (with the notebook's data).
    public init(language: Language) {
        self.init(words: Words.builtIn(language) ?? .english, notebookData: true)
    }

    /// The figure's words from `words`: the notebook's axes and legend for its own data.
    public init(words: Words, notebookData: Bool) {
        weightAxis = words[.weight]
        lossAxis = words[.loss]
        timeAxis = words[notebookData ? .notebookX : .x]
        amountAxis = words[notebookData ? .notebookY : .y]
        lossCurve = words[.lossCurve]
        currentWeight = words[.currentWeight]
        lossAtWeight = words[.lossAtWeight]
        tangent = words[.tangent]
        updatedWeight = words[.updatedWeight]
        model = words[.model]
        observations = words[notebookData ? .notebookObservations : .observations]
        predictions = words[notebookData ? .notebookPredictions : .predictions]
        iteration = words[.iteration]
        squaredLoss = words[.squaredLoss]
        lossValue = words[.lossValue]
        learningRate = words[.learningRate]
        interceptAxis = words[.intercept]
        affineModel = words[.affineModel]
        minimum = words[.minimum]
        formulaMinimum = words[.formulaMinimum]
        logisticModel = words[.logisticModel]
        crossEntropy = words[.crossEntropy]
        decisionBoundary = words[.decisionBoundary]
        path = words[.path]
        fullTangent = words[.fullTangent]
        unsampled = words[.unsampled]
        batchNote = words[.batchNote]
        notShown = words[.notShown]
        notShownOne = words[.notShownOne]
        valleyAcross = words[.valleyAcross]
        valleyAlong = words[.valleyAlong]
        regimes = Dictionary(uniqueKeysWithValues: Regime.allCases.map { ($0, words[.regime($0)]) })
        directionVerbs = Dictionary(uniqueKeysWithValues: Regime.allCases.map { ($0, words[.verb($0)]) })
        behaviours = Dictionary(uniqueKeysWithValues: Behaviour.allCases.map { ($0, words[.behaviour($0)]) })
        methods = words.methods
    }

    /// The keys a scene file's `labels` may set.
    // Made on each use (only while reading a scene): key paths are not Sendable.
    package static var keys: [String: WritableKeyPath<FigureLabels, String>] {
        [
            "x": \.timeAxis, "y": \.amountAxis, "weight": \.weightAxis, "loss": \.lossAxis,
            "loss_curve": \.lossCurve, "current_weight": \.currentWeight, "loss_at_weight": \.lossAtWeight,
            "tangent": \.tangent, "updated_weight": \.updatedWeight, "model": \.model,
            "observations": \.observations, "predictions": \.predictions, "iteration": \.iteration,
            "squared_loss": \.squaredLoss, "learning_rate": \.learningRate, "loss_value": \.lossValue,
            "intercept": \.interceptAxis, "affine_model": \.affineModel, "minimum": \.minimum, "formula_minimum": \.formulaMinimum, "logistic_model": \.logisticModel,
            "cross_entropy": \.crossEntropy, "decision_boundary": \.decisionBoundary, "path": \.path,
            "full_tangent": \.fullTangent, "unsampled": \.unsampled, "batch_note": \.batchNote,
            "not_shown": \.notShown, "not_shown_one": \.notShownOne, "valley_across": \.valleyAcross, "valley_along": \.valleyAlong,
        ]
    }

    /// Every text of the figure's words, with the scene key that sets it.
    public var all: [(key: String, text: String)] {
        FigureLabels.keys.keys.sorted().map { ("labels.\($0)", self[keyPath: FigureLabels.keys[$0]!]) }
            + Regime.allCases.map { ("regime \($0.rawValue)", regimes[$0] ?? $0.rawValue) }
            + Behaviour.allCases.map { ("behaviour \($0.rawValue)", behaviours[$0] ?? $0.rawValue) }
            + Regime.allCases.map { ("direction \($0.rawValue)", directionVerbs[$0] ?? $0.rawValue) }
            + methods.keys.sorted().map { ("words.\($0.rawValue)", methods[$0]!) }
    }

    /// The two directions of a (w, b) descent, when they behave differently: ["zig-zags across
    /// the valley (r₁ = −0.79)", "and slides along it (r₂ = 0.99)"]; nil when they behave alike.
    public func valley(_ factors: [Double]) -> [String]? {
        guard factors.count == 2 else { return nil }
        let regimes = factors.map(Regime.init(ratio:))
        guard regimes[0] != regimes[1] else { return nil }
        return zip([valleyAcross, valleyAlong], zip(regimes, factors)).map { template, direction in
            template.replacingOccurrences(of: "{verb}", with: directionVerbs[direction.0] ?? direction.0.rawValue)
                .replacingOccurrences(of: "{r}", with: LessonFigure.number(direction.1))
        }
    }

    /// Sets labels by key; an unknown key is an error listing the known ones.
    public mutating func apply(_ overrides: [String: String]) throws {
        for key in overrides.keys.sorted() {
            guard let path = FigureLabels.keys[key] else {
                throw SceneError(field: "labels.\(key)",
                                 problem: "is not a label; labels are " + FigureLabels.keys.keys.sorted().joined(separator: ", "))
            }
            let text = overrides[key]!
            guard text.count <= 200 else { throw SceneError(field: "labels.\(key)", problem: "is longer than 200 characters") }
            do {
                try LabelSyntax.check(text)
            } catch let error as MathError {
                throw SceneError(field: "labels.\(key)", problem: "column \(error.column): \(error.problem)")
            }
            self[keyPath: path] = text
        }
    }
}
