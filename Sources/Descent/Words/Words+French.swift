extension Words {
    static let french: [WordKey: String] = [
        .x: "x", .y: "y", .weight: "Poids", .loss: "Perte", .lossCurve: "perte", .currentWeight: "poids actuel",
        .lossAtWeight: "perte au poids actuel", .tangent: "tangente : $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$",
        .updatedWeight: "poids mis à jour", .model: "modèle : $y = w\\,x$", .observations: "données", .predictions: "prédiction du modèle",
        .iteration: "Itération", .squaredLoss: "perte quadratique", .learningRate: "taux d'apprentissage", .lossValue: "perte",
        .intercept: "Ordonnée à l'origine", .affineModel: "modèle : $y = w\\,x + b$", .minimum: "minimum des moindres carrés",
        .path: "trajectoire", .fullTangent: "tangente sur toutes les données", .unsampled: "hors de ce lot",
        .batchNote: "{k} points sur {n} par pas, gradient × {n}/{k}",
        .notShown: "époques {a}–{b} non montrées", .notShownOne: "époque {a} non montrée",
        .valleyAcross: "{verb} à travers la vallée (r₁ = {r})", .valleyAlong: "et {verb} le long (r₂ = {r})",
        .notebookX: "temps", .notebookY: "quantité de pluie", .notebookObservations: "observations",
        .notebookPredictions: "prédiction du réseau",
        .regimeMonotone: "monotone", .regimeOneStep: "en un pas", .regimeOscillating: "oscillante", .regimeDiverging: "divergente",
        .regimeStalled: "bloquée",
        .behaviourConverging: "convergente", .behaviourOscillating: "oscillante", .behaviourDiverging: "divergente",
        .verbMonotone: "glisse", .verbOneStep: "arrive en un pas", .verbOscillating: "zigzague", .verbDiverging: "s'échappe",
        .verbStalled: "reste",
        .methodGD: "descente de gradient", .methodMomentum: "moment", .methodNesterov: "moment de Nesterov",
        .pointOne: "1 point", .points: "{n} points", .epochOne: "1 époque", .epochs: "{n} époques", .stepOne: "1 pas",
        .steps: "{n} pas", .overLandscape: ", sur son paysage de perte",
        .altRace: "Course animée de {count} optimiseurs sur {points} ({data}) pour le modèle {model}{landscape}, depuis le même "
            + "départ avec un taux d'apprentissage de {rate} : après {epochs}, {results}.",
        .raceResult: "{name} atteint une perte de {loss} ({behaviour})",
        .altOptimizer: "{method} animé sur {points} ({data}) pour le modèle {model}, depuis {start} avec un taux d'apprentissage "
            + "de {rate} ({behaviour}) : après {epochs}, {end}, perte = {loss}.",
        .altAffine: "{method} animée sur {points} ({data}) pour le modèle {model}{landscape}, depuis (w, b) = ({w}, {b}) avec un "
            + "taux d'apprentissage de {rate} ({regime}, conditionnement {kappa}) : après {epochs}, (w, b) = ({w1}, {b1}), perte = {loss}.",
        .logisticModel: "modèle : $p = \\sigma(w\\,x + b)$", .crossEntropy: "entropie croisée", .decisionBoundary: "frontière de décision : $x = -b/w$",
        .formulaMinimum: "minimum", .altObjective: "Animation de {method} sur la perte L = {formula}, depuis {start} avec un taux d'apprentissage de {rate} : après {epochs}, {end}, perte = {loss}.",
        .altRaceObjective: "Course animée de {count} optimiseurs sur la perte L = {formula}, depuis le même départ avec un taux d'apprentissage de {rate} : après {epochs}, {results}.",
        .altLine: "{method} animée sur {points} ({data}) pour le modèle {model}, depuis w0 = {w0} avec un taux d'apprentissage "
            + "de {rate} ({regime}, r = {r}) : après {epochs}, w = {w}, perte = {loss}.",
        .epochsShown: " Époques montrées : {ranges}.", .epochOf: "Époque {e} sur 0–{last}",
        .sentenceRace: "{of} : après {steps}, {each}.", .raceEach: "{name} à une perte de {loss}",
        .sentenceWeight: "{of}, le poids actuel : {here}.", .sentenceLoss: "{of}, sa perte : L = {loss} en {here}.",
        .sentenceTangent: "{of}, la tangente : {slope} en {here}.", .slopeOne: "la pente ∂L/∂w = {g}",
        .slopeTwo: "le gradient (∂L/∂w, ∂L/∂b) = ({g1}, {g2})",
        .sentenceStep: "{of}, le pas : {method} va de {here} vers {there}.",
        .sentenceDrop: "{of}, le nouveau point : {there}.", .sentenceUpdate: "{of}, la mise à jour : {there}, perte {loss}.",
        .summaryRace: "Transcription des {count} parcours de la course, taux d'apprentissage {rate}, {epochs} : les paramètres "
            + "et la perte de chacun après chaque pas",
        .summary: "Transcription : {method}, taux d'apprentissage {rate}, {epochs}",
        .stagesHeading: "Ce que montre chaque étape de l'animation :", .columnEpoch: "époque", .columnLoss: "perte",
        .playerPause: "Mettre l'animation en pause", .playerPlay: "Lancer l'animation", .playerPrevious: "Étape précédente",
        .playerNext: "Étape suivante", .playerPaused: "En pause. ", .playerPlaying: "Lecture en cours.",
        .playerPausedPoster: "En pause sur l'image fixe : ",
    ]
}
