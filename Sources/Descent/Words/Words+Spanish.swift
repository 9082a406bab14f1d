extension Words {
    static let spanish: [WordKey: String] = [
        .x: "x", .y: "y", .weight: "Peso", .loss: "Pérdida", .lossCurve: "pérdida", .currentWeight: "peso actual",
        .lossAtWeight: "pérdida en el peso actual", .tangent: "tangente: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$",
        .updatedWeight: "peso actualizado", .model: "modelo: $y = w\\,x$", .observations: "datos", .predictions: "predicción del modelo",
        .iteration: "Iteración", .squaredLoss: "pérdida cuadrática", .learningRate: "tasa de aprendizaje", .lossValue: "pérdida",
        .intercept: "Sesgo", .affineModel: "modelo: $y = w\\,x + b$", .minimum: "mínimo de mínimos cuadrados", .path: "trayectoria",
        .fullTangent: "tangente con todos los datos", .unsampled: "fuera de este lote",
        .batchNote: "{k} de {n} puntos por paso, gradiente × {n}/{k}",
        .notShown: "épocas {a}–{b} sin mostrar", .notShownOne: "época {a} sin mostrar",
        .valleyAcross: "{verb} a través del valle (r₁ = {r})", .valleyAlong: "y {verb} a lo largo (r₂ = {r})",
        .notebookX: "tiempo", .notebookY: "cantidad de lluvia", .notebookObservations: "observaciones",
        .notebookPredictions: "predicción de la red",
        .regimeMonotone: "monótona", .regimeOneStep: "en un paso", .regimeOscillating: "oscilante", .regimeDiverging: "divergente",
        .regimeStalled: "estancada",
        .behaviourConverging: "convergente", .behaviourOscillating: "oscilante", .behaviourDiverging: "divergente",
        .verbMonotone: "se desliza", .verbOneStep: "llega en un paso", .verbOscillating: "zigzaguea", .verbDiverging: "se escapa",
        .verbStalled: "se queda",
        .methodGD: "descenso de gradiente", .methodMomentum: "momento", .methodNesterov: "momento de Nesterov",
        .pointOne: "1 punto", .points: "{n} puntos", .epochOne: "1 época", .epochs: "{n} épocas", .stepOne: "1 paso",
        .steps: "{n} pasos", .overLandscape: ", sobre su paisaje de pérdida",
        .altRace: "Carrera animada de {count} optimizadores sobre {points} ({data}) para el modelo {model}{landscape}, desde el "
            + "mismo punto de partida con tasa de aprendizaje {rate}: tras {epochs}, {results}.",
        .raceResult: "{name} llega a una pérdida de {loss} ({behaviour})",
        .altOptimizer: "{method} animado sobre {points} ({data}) para el modelo {model}, desde {start} con tasa de aprendizaje "
            + "{rate} ({behaviour}): tras {epochs}, {end}, pérdida = {loss}.",
        .altAffine: "{method} animado sobre {points} ({data}) para el modelo {model}{landscape}, desde (w, b) = ({w}, {b}) con "
            + "tasa de aprendizaje {rate} ({regime}, número de condición {kappa}): tras {epochs}, (w, b) = ({w1}, {b1}), pérdida = {loss}.",
        .logisticModel: "modelo: $p = \\sigma(w\\,x + b)$", .crossEntropy: "entropía cruzada", .decisionBoundary: "frontera de decisión: $x = -b/w$",
        .formulaMinimum: "mínimo", .altObjective: "{method} animado sobre la pérdida L = {formula}, desde {start} con tasa de aprendizaje {rate}: tras {epochs}, {end}, pérdida = {loss}.",
        .altRaceObjective: "Carrera animada de {count} optimizadores sobre la pérdida L = {formula}, desde el mismo inicio con tasa de aprendizaje {rate}: tras {epochs}, {results}.",
        .altLine: "{method} animado sobre {points} ({data}) para el modelo {model}, desde w0 = {w0} con tasa de aprendizaje "
            + "{rate} ({regime}, r = {r}): tras {epochs}, w = {w}, pérdida = {loss}.",
        .epochsShown: " Épocas mostradas: {ranges}.", .epochOf: "Época {e} de 0–{last}",
        .sentenceRace: "{of}: tras {steps}, {each}.", .raceEach: "{name} con pérdida {loss}",
        .sentenceWeight: "{of}, el peso actual: {here}.", .sentenceLoss: "{of}, su pérdida: L = {loss} en {here}.",
        .sentenceTangent: "{of}, la tangente: {slope} en {here}.", .slopeOne: "la pendiente ∂L/∂w = {g}",
        .slopeTwo: "el gradiente (∂L/∂w, ∂L/∂b) = ({g1}, {g2})",
        .sentenceStep: "{of}, el paso: {method} se mueve de {here} hacia {there}.",
        .sentenceDrop: "{of}, el nuevo punto: {there}.", .sentenceUpdate: "{of}, la actualización: {there}, pérdida {loss}.",
        .summaryRace: "Transcripción de las {count} carreras, tasa de aprendizaje {rate}, {epochs}: los parámetros y la pérdida "
            + "de cada una tras cada paso",
        .summary: "Transcripción: {method}, tasa de aprendizaje {rate}, {epochs}",
        .stagesHeading: "Qué muestra cada etapa de la animación:", .columnEpoch: "época", .columnLoss: "pérdida",
        .playerPause: "Pausar la animación", .playerPlay: "Reproducir la animación", .playerPrevious: "Etapa anterior",
        .playerNext: "Etapa siguiente", .playerPaused: "En pausa. ", .playerPlaying: "Reproduciendo.",
        .playerPausedPoster: "En pausa en la imagen fija: ",
    ]
}
