import Chart

/// The words of the figure. The defaults are the notebook's own labels (it mixes English
/// and Spanish), with its formulas written as formulas.
public struct FigureLabels: Sendable, Equatable {
    public var weightAxis = "Weight"
    public var lossAxis = "Loss"
    public var timeAxis = "tiempo"
    public var amountAxis = "cantidad de lluvia"
    public var lossCurve = "loss"
    public var currentWeight = "current weight"
    public var lossAtWeight = "loss at current weight"
    public var tangent = "tangent: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$"
    public var updatedWeight = "updated weight"
    public var model = "model: $y = w\\,x$"
    public var observations = "data observations"
    public var predictions = "network prediction"
    public var iteration = "Iteration"
    public var squaredLoss = "squared loss"
    /// The word before the loss value beside the loss dot ("loss = 302.69").
    public var lossValue = "loss"
    public var learningRate = "learning rate"
    /// The (w, b) lesson's words: its y axis on the landscape, its model, its minimum, its path.
    public var interceptAxis = "Intercept"
    public var affineModel = "model: $y = w\\,x + b$"
    public var minimum = "least-squares minimum"
    public var path = "path"
    /// With mini-batches: the full gradient's tangent (dashed), and the points not drawn.
    public var fullTangent = "full-batch tangent"
    public var unsampled = "not in this batch"
    /// The note under a mini-batch lesson's title; {k} and {n} stand for the numbers.
    public var batchNote = "{k} of {n} points a step, gradient × {n}/{k}"
    /// The note after epochs left out (`show`); {a} and {b} stand for the first and last.
    public var notShown = "epochs {a}–{b} not shown"
    public var notShownOne = "epoch {a} not shown"
    public var regimes: [Regime: String] = [.monotone: "monotone", .oneStep: "one step", .oscillating: "oscillating",
                                            .diverging: "diverging", .stalled: "stalled"]
    /// With two parameters whose directions behave differently, both are named, a line each:
    /// how the path moves across the valley (the steep direction, r₁) and along it (r₂);
    /// {verb} and {r} stand for the direction's word and factor.
    public var valleyAcross = "{verb} across the valley (r₁ = {r})"
    public var valleyAlong = "and {verb} along it (r₂ = {r})"
    public var directionVerbs: [Regime: String] = [.monotone: "slides", .oneStep: "lands in one step", .oscillating: "zig-zags",
                                                   .diverging: "flies off", .stalled: "stays"]
    /// How a run of another optimizer than gradient descent behaved.
    public var behaviours: [Behaviour: String] = [.converging: "converging", .oscillating: "oscillating", .diverging: "diverging"]

    public init() {}

    /// Every label in one language.
    public init(language: Language) {
        switch language {
        case .en:
            timeAxis = "time"
            amountAxis = "amount of rain"
        case .es:
            weightAxis = "Peso"
            lossAxis = "Pérdida"
            lossCurve = "pérdida"
            currentWeight = "peso actual"
            lossAtWeight = "pérdida en el peso actual"
            tangent = "tangente: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$"
            updatedWeight = "peso actualizado"
            model = "modelo: $y = w\\,x$"
            observations = "observaciones"
            predictions = "predicción de la red"
            iteration = "Iteración"
            squaredLoss = "pérdida cuadrática"
            lossValue = "pérdida"
            learningRate = "tasa de aprendizaje"
            interceptAxis = "Sesgo"
            affineModel = "modelo: $y = w\\,x + b$"
            minimum = "mínimo de mínimos cuadrados"
            path = "trayectoria"
            fullTangent = "tangente con todos los datos"
            unsampled = "fuera de este lote"
            batchNote = "{k} de {n} puntos por paso, gradiente × {n}/{k}"
            notShown = "épocas {a}–{b} sin mostrar"
            notShownOne = "época {a} sin mostrar"
            regimes = [.monotone: "monótona", .oneStep: "en un paso", .oscillating: "oscilante", .diverging: "divergente",
                       .stalled: "estancada"]
            behaviours = [.converging: "convergente", .oscillating: "oscilante", .diverging: "divergente"]
            valleyAcross = "{verb} a través del valle (r₁ = {r})"
            valleyAlong = "y {verb} a lo largo (r₂ = {r})"
            directionVerbs = [.monotone: "se desliza", .oneStep: "llega en un paso", .oscillating: "zigzaguea",
                              .diverging: "se escapa", .stalled: "se queda"]
        }
    }

    /// The words for a lesson: the notebook's (its mix, or in `language`) for the notebook's
    /// own data, neutral words for anyone else's — axes "x" and "y", "data", "model
    /// prediction" — in `language` (English when none is given): a teacher's measurements
    /// are not the notebook's rain, and no network makes their predictions.
    public init(language: Language?, notebookData: Bool) {
        self = language.map(FigureLabels.init(language:)) ?? FigureLabels()
        guard !notebookData else { return }
        timeAxis = "x"
        amountAxis = "y"
        switch language {
        case .es?:
            observations = "datos"
            predictions = "predicción del modelo"
        case .en?, nil:
            observations = "data"
            predictions = "model prediction"
        }
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
            "intercept": \.interceptAxis, "affine_model": \.affineModel, "minimum": \.minimum, "path": \.path,
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
