import XCTest
import Chart
@testable import Descent

final class SceneFileTests: XCTestCase {
    /// Paths in a scene file are taken from its folder, staying relative when the file's is.
    func testPathsAreRelativeToTheSceneFilesFolder() throws {
        let text = "output: ../site/week1.gif\nlayout: week1.layout.json\n"
        let nested = try SceneFile.parse(text, file: "course/lessons/week1.yaml")
        XCTAssertEqual(nested.output, "course/site/week1.gif")
        XCTAssertEqual(nested.layout, "course/lessons/week1.layout.json")
        // Fonts are opened as the file is read, so their resolution is checked alone.
        XCTAssertEqual(SceneFile.resolve("fonts/a.otf", besideSceneAt: "course/lessons/week1.yaml"), "course/lessons/fonts/a.otf")
        XCTAssertEqual(SceneFile.resolve("/abs/b.otf", besideSceneAt: "course/lessons/week1.yaml"), "/abs/b.otf")
        let here = try SceneFile.parse(text, file: "week1.yaml")
        XCTAssertEqual(here.output, "../site/week1.gif", "a scene in the working directory: as written")
        XCTAssertEqual(try SceneFile.parse(text, file: "./week1.yaml").output, "../site/week1.gif")
        let absolute = try SceneFile.parse(text, file: "/srv/course/lessons/week1.yaml")
        XCTAssertEqual(absolute.output, "/srv/course/site/week1.gif")
        XCTAssertEqual(try SceneFile.parse("output: ../../../x.gif\n", file: "a/b.yaml").output, "../../x.gif")
        XCTAssertEqual(try SceneFile.parse("output: '-'\n", file: "a/b.yaml").output, "-")
        XCTAssertEqual(try SceneFile.parse("output: /tmp/x.gif\n", file: "a/b.yaml").output, "/tmp/x.gif")
    }

    func testEveryKeyIsRead() throws {
        let scene = try SceneFile.parse("""
        data: { x: [1, 2, 3, 4], t: [2, 4.5, 5.9, 8] }
        w0: -3
        lr: [0.01, 0.02]
        epochs: 7
        size: 640x480
        scale: 2
        lang: en
        labels: { x: hours, y: "rain (mm)", weight: w, loss_curve: "L(w)" }
        durations: { weight: 1, loss: 1.5, tangent: 2, step: 0.5, drop: 0.5, update: 4 }
        loop: 3
        output: out/lesson.gif
        """, file: "s.yaml")
        XCTAssertEqual(scene.x, [1, 2, 3, 4])
        XCTAssertEqual(scene.t, [2, 4.5, 5.9, 8])
        XCTAssertEqual(scene.w0, -3)
        XCTAssertEqual(scene.learningRates, [0.01, 0.02])
        XCTAssertEqual(scene.epochs, 7)
        XCTAssertEqual(scene.width, 640)
        XCTAssertEqual(scene.height, 480)
        XCTAssertEqual(scene.pixelWidth, 1280)
        XCTAssertEqual(scene.language, .en)
        XCTAssertEqual(scene.loop, 3)
        XCTAssertEqual(scene.output, "out/lesson.gif")
        XCTAssertEqual(scene.durations[.step], 0.5)
        XCTAssertEqual(scene.durations[.update], 4)
        let labels = try scene.labels()
        XCTAssertEqual(labels.timeAxis, "hours")
        XCTAssertEqual(labels.amountAxis, "rain (mm)")
        XCTAssertEqual(labels.weightAxis, "w")
        XCTAssertEqual(labels.lossCurve, "L(w)")
        XCTAssertEqual(labels.updatedWeight, "updated weight", "English for what is not overridden")
        XCTAssertEqual(scene.outputPath(rate: 0.02), "out/lesson_lr0.02.gif")
        var single = Scene()
        single.output = "/dev/stdout"
        XCTAssertEqual(single.outputPath(rate: 0.025), "/dev/stdout", "one rate: the path exactly as given")
    }

    /// One validation: each value remembers where it came from, so an error names the file
    /// and line, or the flag that overrode the file's value.
    func testErrorsNameWhereEachValueCameFrom() throws {
        var scene = try SceneFile.parse("lr: 0.1\nepochs: 3\nsize: 800x600\n", file: "s.yaml")
        XCTAssertEqual(scene.origins["epochs"], .file("s.yaml", line: 2))
        scene.epochs = 0
        XCTAssertThrowsError(try scene.validate()) {
            XCTAssertEqual("\($0)", "s.yaml:2: epochs: must be between 1 and 10000 (got 0)")
        }
        try scene.apply([(.epochs, .flag("20000", "--epochs"))])
        XCTAssertThrowsError(try scene.validate()) {
            XCTAssertEqual("\($0)", "--epochs: must be between 1 and 10000 (got 20000)")
        }
        scene.epochs = 3
        scene.learningRates = [0.1, 0.1]
        XCTAssertThrowsError(try scene.validate()) { XCTAssertEqual("\($0)", "s.yaml:1: lr: lists a rate twice") }
        XCTAssertThrowsError(try SceneFile.parse("lr: [0.1, 1e-5, -2]\n", file: "r.yaml")) {
            XCTAssertEqual("\($0)", "r.yaml:1: lr: must be a finite number greater than 0 (got -2)")
        }
        XCTAssertEqual(try SceneFile.parse("lr: [0.1, 1e-5]\n", file: "r.yaml").learningRates.map(\.text), ["0.1", "1e-5"])
    }

    func testJSONIsAcceptedAsYAML() throws {
        let scene = try SceneFile.parse(#"{"lr": 0.1, "epochs": 3, "data": {"x": [1], "t": [2]}}"#, file: "s.json")
        XCTAssertEqual(scene.learningRates, [0.1])
        XCTAssertEqual(scene.epochs, 3)
        XCTAssertEqual(scene.x, [1])
    }

    func testSpanishLabelsReplaceTheNotebooksMix() throws {
        let scene = try SceneFile.parse("lang: es", file: "s.yaml")
        let labels = try scene.labels()
        XCTAssertEqual(labels.weightAxis, "Peso")
        XCTAssertEqual(labels.timeAxis, "tiempo")
        XCTAssertEqual(labels.iteration, "Iteración")
    }

    /// Each malformed scene: the line and the field its error must name.
    func testMalformedScenesNameTheFileLineAndKey() {
        let cases: [(String, Int?, String)] = [
            ("", nil, "scene"),
            ("- 1\n- 2", 1, "scene"),
            ("just text", 1, "scene"),
            ("lr: [0.1\nepochs: 3", 2, "scene"),
            ("epochs: 10\ntempo: 3", 2, "tempo"),
            ("lr: fast", 1, "lr"),
            ("lr: -0.1", 1, "lr"),
            ("lr: 0", 1, "lr"),
            ("lr: .nan", 1, "lr"),
            ("lr: [0.1, 0.1]", 1, "lr"),
            ("epochs: 2.5", 1, "epochs"),
            ("epochs: 0", 1, "epochs"),
            ("epochs: 20000", 1, "epochs"),
            ("w0: .inf", 1, "w0"),
            ("w0: [1]", 1, "w0"),
            ("data: { x: [1, 2], t: [1] }", 1, "data"),
            ("data: { x: [], t: [] }", 1, "data.x"),
            ("data: { x: [1, .nan], t: [1, 2] }", 1, "data.x"),
            ("data:\n  x: [1]\n  z: [2]", 3, "data.z"),
            ("data: { x: [1] }", 1, "data.t"),
            ("data: [1, 2]", 1, "data"),
            ("size: big", 1, "size"),
            ("size: 50x600", 1, "size"),
            ("size: 9000x600", 1, "size"),
            ("scale: 0", 1, "scale"),
            ("scale: 5\nsize: 800x600", 1, "scale"),
            ("lang: fr_FR", 1, "lang"), ("lang: it", 1, "lang"),
            ("labels: { colour: red }", 1, "labels.colour"),
            ("labels: { x: [1, 2] }", 1, "labels.x"),
            ("durations: { weight: 0 }", 1, "durations.weight"),
            ("durations:\n  update: 4000", 2, "durations.update"),
            ("durations: { pause: 1 }", 1, "durations.pause"),
            ("loop: -1", 1, "loop"),
            ("loop: 70000", 1, "loop"),
            ("epochs: 3\nepochs: 4", 2, "epochs"),
            ("output: [a.gif]", 1, "output"),
        ]
        for (text, line, field) in cases {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "bad.yaml"), "\(text)") { error in
                guard let e = error as? SceneError else { return XCTFail("\(text): \(error)") }
                XCTAssertEqual(e.file, "bad.yaml", text)
                XCTAssertEqual(e.field, field, "\(text): \(e)")
                if let line { XCTAssertEqual(e.line, line, "\(text): \(e)") }
                XCTAssertTrue(e.description.hasPrefix("bad.yaml:"), e.description)
            }
        }
    }

    /// Nesting deeper than 64 levels is refused before the YAML parser sees it (a parser
    /// recursing 100 000 levels deep would run out of stack).
    func testDeepNestingIsRefusedBeforeTheParser() {
        let deep = "lr: " + String(repeating: "[", count: 100_000) + "0.1" + String(repeating: "]", count: 100_000) + "\n"
        XCTAssertThrowsError(try SceneFile.parse(deep, file: "deep.yaml")) { error in
            XCTAssertEqual((error as? SceneError)?.field, "scene")
            XCTAssertTrue("\(error)".contains("nests lists or mappings deeper than 64 levels"), "\(error)")
        }
        XCTAssertThrowsError(try SceneFile.parse("lr: [[[0.1]]]\n", file: "shallow.yaml")) { error in
            XCTAssertEqual((error as? SceneError)?.field, "lr", "shallow nesting reaches the scene's own checks")
        }
    }

    func testBinaryAndExponentialAliasFilesAreRefusedQuickly() {
        XCTAssertThrowsError(try SceneFile.parse("lr: 0.1\u{0}\u{1}", file: "b.yaml")) {
            XCTAssertTrue("\($0)".contains("binary"), "\($0)")
        }
        var laughs = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1..<9 {
            laughs += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) ["
                + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 9).joined(separator: ", ") + "]\n"
        }
        XCTAssertThrowsError(try SceneFile.parse(laughs, file: "laughs.yaml")) {
            XCTAssertEqual(($0 as? SceneError)?.field, "a", "refused at its first unknown key")
        }
        XCTAssertThrowsError(try SceneFile.parse("lr: " + laughs.replacingOccurrences(of: "\n", with: " "), file: "l.yaml"))
        // The bomb inside `data`: 9⁹ numbers if expanded. Values are counted as they are read,
        // and the read stops at the 100 000th.
        var bomb = "data:\n  x: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
        var previous = "a"
        for i in 1..<9 {
            let name = String(Character(UnicodeScalar(97 + i)!))
            bomb += "  \(i == 8 ? "t" : "t\(i)"): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let start = Date()
        XCTAssertThrowsError(try SceneFile.parse(bomb, file: "bomb.yaml")) { error in
            XCTAssertTrue((error as? SceneError)?.field.hasPrefix("data.t") == true, "\(error)")
            XCTAssertTrue("\(error)".contains("holds more than 100000 values"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "refused quickly, not expanded")
    }

    func testRegimesOfTheNotebooksFourRates() throws {
        let regimes = try [0.01, 0.1, 0.15, 0.21].map { try Lesson(x: [0, 1, 2], t: [0.2, 1.3, 2.4], w0: 9, learningRate: $0, epochs: 10).regime }
        XCTAssertEqual(regimes, [.monotone, .oneStep, .oscillating, .diverging])
        XCTAssertEqual(Lesson.seed.contraction, 0.75, accuracy: 1e-12)
    }

    func testTranscriptMatchesAnIndependentComputation() throws {
        let x = [0.5, 1.5, 3.0, -1.0], t = [1.1, 2.9, 6.2, -2.0]
        let lesson = try Lesson(x: x, t: t, w0: -4, learningRate: 0.03, epochs: 6)
        let transcript = Transcript(storyboard: Storyboard(lesson: lesson, durations: [.update: 1.5]))
        var w = -4.0
        for epoch in transcript.epochs {
            let residuals = zip(x, t).map { w * $0 - $1 }
            let loss = residuals.map { $0 * $0 }.reduce(0, +)
            let grad = zip(residuals, x).map { 2 * $0 * $1 }.reduce(0, +)
            XCTAssertEqual(epoch.w, w, accuracy: 1e-9)
            XCTAssertEqual(epoch.loss, loss, accuracy: 1e-9)
            XCTAssertEqual(epoch.grad, grad, accuracy: 1e-9)
            XCTAssertEqual(epoch.wNew, w - 0.03 * grad, accuracy: 1e-9)
            w -= 0.03 * grad
        }
        XCTAssertEqual(transcript.r?.values[0] ?? .nan, 1 - 0.03 * 2 * (0.25 + 2.25 + 9 + 1), accuracy: 1e-12)
        XCTAssertEqual(transcript.regime, "monotone")
        XCTAssertEqual(transcript.stages.count, 36)
        XCTAssertEqual(transcript.stages[5].durationCs, 150)
        XCTAssertEqual(transcript.stages.last!.startCs + transcript.stages.last!.durationCs, 6 * 1150)
    }

    /// Flags and scene files go through one parser (`Scene.apply`): the same text gives the
    /// same values, each placed where it was written.
    func testFlagsAndFileKeysGoThroughTheOneParser() throws {
        let file = try SceneFile.parse("durations: {weight: 3, update: 1}\noptimizers: [gd, adam]\nlr: [0.1, 1e-2]\n", file: "s.yaml")
        var flags = Scene()
        try flags.apply([(.durations, .flag("weight=3,update=1", "--durations")), (.optimizer, .flag("gd,adam", "--optimizer")),
                         (.lr, .flag("0.1,1e-2", "--lr"))])
        XCTAssertEqual(flags.durations, file.durations)
        XCTAssertEqual(flags.race, file.race)
        XCTAssertEqual(flags.learningRates.map(\.text), ["0.1", "1e-2"], "rates keep their text")
        XCTAssertEqual(flags.learningRates, file.learningRates)
        XCTAssertEqual(flags.origin(of: "durations.weight"), .flag("--durations"))
        XCTAssertEqual(file.origin(of: "durations.weight"), .file("s.yaml", line: 1))
        XCTAssertThrowsError(try flags.apply([(.epochs, .flag("ten", "--epochs"))])) {
            XCTAssertEqual("\($0)", "--epochs: must be a number (got ten)")
        }
        XCTAssertThrowsError(try SceneFile.parse("epochs: ten\n", file: "s.yaml")) {
            XCTAssertEqual("\($0)", "s.yaml:1: epochs: must be a number (got ten)")
        }
    }

    /// `show` is read once `epochs` is known, wherever either stands in the file.
    func testShowIsReadAfterEpochsWhateverTheirOrder() throws {
        let scene = try SceneFile.parse("show: 0-4,14\nepochs: 15\n", file: "s.yaml")
        XCTAssertEqual(scene.pacing.show, [0, 1, 2, 3, 4, 14])
        XCTAssertThrowsError(try SceneFile.parse("show: 0-4,15\nepochs: 15\n", file: "s.yaml")) {
            XCTAssertEqual("\($0)", "s.yaml:1: show: names epoch 15, but the lesson's epochs are 0 to 14")
        }
    }

    /// Every scene key is a `SceneKey`, and every one is applied (none falls through).
    func testEverySceneKeyIsASetting() {
        XCTAssertEqual(SceneFile.keys, SceneKey.allCases.map(\.rawValue))
        XCTAssertEqual(Set(SceneFile.keys).count, SceneFile.keys.count)
        for key in ["init", "end_hold", "max_seconds", "optimizers", "motion"] { XCTAssertNotNil(SceneKey(rawValue: key), key) }
    }


    func testPlaysCountsEveryPlayAndLoopTheRepeats() throws {
        XCTAssertNil(try SceneFile.parse("plays: 1\n", file: "p.yaml").loop, "once: no loop block")
        XCTAssertEqual(try SceneFile.parse("plays: 3\n", file: "p.yaml").loop, 2)
        XCTAssertEqual(try SceneFile.parse("plays: forever\n", file: "p.yaml").loop, 0)
        XCTAssertEqual(try SceneFile.parse("loop: 2\n", file: "p.yaml").loop, 2)
        for (text, message) in [("plays: 0\n", "p.yaml:1: plays: must be forever or a number of plays from 1 to 65536 (got 0)"),
                                ("plays: often\n", "p.yaml:1: plays: must be a number (got often)"),
                                ("loop: 1\nplays: 2\n", "p.yaml:2: plays: counts every play; `loop` counts the repeats after the first — give one of the two")] {
            XCTAssertThrowsError(try SceneFile.parse(text, file: "p.yaml"), text) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testThemeNamesOneOfThreeAndDefaultsToLight() throws {
        XCTAssertEqual(Scene().theme, .light, "the default meets WCAG 2.1 AA")
        XCTAssertEqual(try SceneFile.parse("theme: dark\n", file: "t.yaml").theme, .dark)
        XCTAssertEqual(try SceneFile.parse("theme: notebook\n", file: "t.yaml").style.theme, Theme.notebook)
        XCTAssertThrowsError(try SceneFile.parse("epochs: 3\ntheme: sepia\n", file: "t.yaml")) {
            XCTAssertEqual("\($0)", "t.yaml:2: theme: must be light (the default, WCAG 2.1 AA), dark or notebook (the seed's colours), "
                           + "or several of them like light,dark (got sepia)")
        }
        let both = try SceneFile.parse("themes: [dark, light]\noutput: site/week1.gif\n", file: "t.yaml")
        XCTAssertEqual([both.theme] + both.alsoThemes, [.dark, .light])
        XCTAssertEqual(both.themed(.light).output, "site/week1-light.gif")
        XCTAssertThrowsError(try SceneFile.parse("theme: [light, light]\n", file: "t.yaml")) {
            XCTAssertEqual("\($0)", "t.yaml:1: theme: names light twice")
        }
    }

    /// The notebook's words and axes belong to the notebook's data; a teacher's data, from a
    /// file or from Swift, gets neutral words in its language and axes from its lesson.
    func testATeachersDataGetsNeutralWordsAndItsOwnLimits() throws {
        let notebook = try Scene().labels()
        XCTAssertEqual([notebook.timeAxis, notebook.predictions], ["tiempo", "network prediction"], "the notebook's own mix")
        var teacher = Scene()
        teacher.x = [1, 2, 3, 4]
        teacher.t = [52, 58, 61, 70]
        XCTAssertEqual(teacher.figureLimits, LimitOverrides(), "limits from the lesson, not the notebook's, from Swift too")
        XCTAssertEqual(Scene().figureLimits, .notebook)
        let notebookWords = ["tiempo", "lluvia", "rain", "network", "red", "time"]
        for language in [nil, Language.en, .es] {
            teacher.language = language
            let labels = try teacher.labels()
            XCTAssertEqual([labels.timeAxis, labels.amountAxis], ["x", "y"])
            for (key, text) in labels.all {
                for word in notebookWords {
                    XCTAssertFalse(text.lowercased().split(whereSeparator: { !$0.isLetter }).contains(Substring(word)),
                                   "\(language?.rawValue ?? "default"): \(key) says \(text)")
                }
            }
        }
        teacher.language = .es
        XCTAssertEqual([try teacher.labels().observations, try teacher.labels().predictions], ["datos", "predicción del modelo"])
        teacher.language = nil
        XCTAssertEqual([try teacher.labels().observations, try teacher.labels().predictions], ["data", "model prediction"])
        teacher.labelOverrides = ["predictions": "fit"]
        XCTAssertEqual(try teacher.labels().predictions, "fit", "the scene's own words win")
    }

}
