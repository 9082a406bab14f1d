extension Words {
    static let german: [WordKey: String] = [
        .x: "x", .y: "y", .weight: "Gewicht", .loss: "Verlust", .lossCurve: "Verlust", .currentWeight: "aktuelles Gewicht",
        .lossAtWeight: "Verlust beim aktuellen Gewicht", .tangent: "Tangente: $L(w_0) + \\frac{\\partial L}{\\partial w}(w - w_0)$",
        .updatedWeight: "neues Gewicht", .model: "Modell: $y = w\\,x$", .observations: "Daten", .predictions: "Modellvorhersage",
        .iteration: "Iteration", .squaredLoss: "quadratischer Verlust", .learningRate: "Lernrate", .lossValue: "Verlust",
        .intercept: "Achsenabschnitt", .affineModel: "Modell: $y = w\\,x + b$", .minimum: "Minimum der kleinsten Quadrate",
        .path: "Pfad", .fullTangent: "Tangente aller Daten", .unsampled: "nicht in diesem Batch",
        .batchNote: "{k} von {n} Punkten pro Schritt, Gradient × {n}/{k}",
        .notShown: "Epochen {a}–{b} nicht gezeigt", .notShownOne: "Epoche {a} nicht gezeigt",
        .valleyAcross: "{verb} quer durchs Tal (r₁ = {r})", .valleyAlong: "und {verb} entlang (r₂ = {r})",
        .notebookX: "Zeit", .notebookY: "Regenmenge", .notebookObservations: "Beobachtungen",
        .notebookPredictions: "Vorhersage des Netzes",
        .regimeMonotone: "monoton", .regimeOneStep: "in einem Schritt", .regimeOscillating: "oszillierend",
        .regimeDiverging: "divergierend", .regimeStalled: "stillstehend",
        .behaviourConverging: "konvergierend", .behaviourOscillating: "oszillierend", .behaviourDiverging: "divergierend",
        .verbMonotone: "gleitet", .verbOneStep: "landet in einem Schritt", .verbOscillating: "springt im Zickzack",
        .verbDiverging: "entkommt", .verbStalled: "bleibt",
        .methodGD: "Gradientenabstieg", .methodMomentum: "Momentum", .methodNesterov: "Nesterov-Momentum",
        .pointOne: "1 Punkt", .points: "{n} Punkten", .epochOne: "1 Epoche", .epochs: "{n} Epochen", .stepOne: "1 Schritt",
        .steps: "{n} Schritten", .overLandscape: ", über seiner Verlustlandschaft",
        .altRace: "Animiertes Rennen von {count} Optimierern auf {points} ({data}) für das Modell {model}{landscape}, vom selben "
            + "Start mit Lernrate {rate}: nach {epochs} {results}.",
        .raceResult: "{name} erreicht Verlust {loss} ({behaviour})",
        .altOptimizer: "Animierter {method} auf {points} ({data}) für das Modell {model}, von {start} mit Lernrate {rate} "
            + "({behaviour}): nach {epochs} {end}, Verlust = {loss}.",
        .altAffine: "Animierter {method} auf {points} ({data}) für das Modell {model}{landscape}, von (w, b) = ({w}, {b}) mit "
            + "Lernrate {rate} ({regime}, Konditionszahl {kappa}): nach {epochs} (w, b) = ({w1}, {b1}), Verlust = {loss}.",
        .logisticModel: "Modell: $p = \\sigma(w\\,x + b)$", .crossEntropy: "Kreuzentropie", .decisionBoundary: "Entscheidungsgrenze: $x = -b/w$",
        .formulaMinimum: "Minimum", .altObjective: "Animierter {method} auf dem Verlust L = {formula}, von {start} mit Lernrate {rate}: nach {epochs} {end}, Verlust = {loss}.",
        .altRaceObjective: "Animiertes Rennen von {count} Optimierern auf dem Verlust L = {formula}, vom selben Start mit Lernrate {rate}: nach {epochs} {results}.",
        .altLine: "Animierter {method} auf {points} ({data}) für das Modell {model}, von w0 = {w0} mit Lernrate {rate} "
            + "({regime}, r = {r}): nach {epochs} w = {w}, Verlust = {loss}.",
        .epochsShown: " Gezeigte Epochen: {ranges}.", .epochOf: "Epoche {e} von 0–{last}",
        .sentenceRace: "{of}: nach {steps}, {each}.", .raceEach: "{name} bei Verlust {loss}",
        .sentenceWeight: "{of}, das aktuelle Gewicht: {here}.", .sentenceLoss: "{of}, sein Verlust: L = {loss} bei {here}.",
        .sentenceTangent: "{of}, die Tangente: {slope} bei {here}.", .slopeOne: "die Steigung ∂L/∂w = {g}",
        .slopeTwo: "der Gradient (∂L/∂w, ∂L/∂b) = ({g1}, {g2})",
        .sentenceStep: "{of}, der Schritt: {method} geht von {here} in Richtung {there}.",
        .sentenceDrop: "{of}, der neue Punkt: {there}.", .sentenceUpdate: "{of}, die Aktualisierung: {there}, Verlust {loss}.",
        .summaryRace: "Transkript der {count} Läufe des Rennens, Lernrate {rate}, {epochs}: Parameter und Verlust jedes Laufs "
            + "nach jedem Schritt",
        .summary: "Transkript: {method}, Lernrate {rate}, {epochs}",
        .stagesHeading: "Was jede Phase der Animation zeigt:", .columnEpoch: "Epoche", .columnLoss: "Verlust",
        .playerPause: "Animation anhalten", .playerPlay: "Animation abspielen", .playerPrevious: "Vorherige Phase",
        .playerNext: "Nächste Phase", .playerPaused: "Angehalten. ", .playerPlaying: "Läuft.",
        .playerPausedPoster: "Angehalten auf dem Standbild: ",
    ]
}
