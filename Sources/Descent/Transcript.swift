import Foundation

/// The lesson as data, for course sites and for checking: every epoch's numbers and every
/// stage's time in the GIF.
public struct Transcript: Codable, Equatable, Sendable {
    public struct Epoch: Codable, Equatable, Sendable {
        public let epoch: Int
        public let w: Double
        public let loss: Double
        public let grad: Double
        public let wNew: Double
        public let pointLosses: [Double]
        /// The intercept, its gradient and its update: for `model: affine` only.
        public var b: Double?
        public var gradB: Double?
        public var bNew: Double?
        /// With mini-batches: the points the step used (0-based, in the order drawn), and the
        /// full gradient beside `grad`, the batch's.
        public var batch: [Int]?
        public var fullGrad: Double?
        /// The optimizer's state after the step (not for gradient descent): the momentum
        /// buffer as "velocity", Adagrad's "sum_sq", RMSprop's and Adam's "v", Adam's "m";
        /// one number per parameter, a list for two.
        public var velocity: Factors?
        public var sumSq: Factors?
        public var m: Factors?
        public var v: Factors?
        /// The rate this epoch's step used (it follows the schedule, when there is one).
        public var lr: Double?

        enum CodingKeys: String, CodingKey {
            case epoch, w, loss, grad, b, batch, velocity, m, v, lr
            case wNew = "w_new", pointLosses = "point_losses", gradB = "grad_b", bNew = "b_new"
            case fullGrad = "full_grad", sumSq = "sum_sq"
        }
    }

    /// The optimizer and its hyper-parameters (nesterov as true or false).
    public struct Optimizer: Codable, Equatable, Sendable {
        public let name: String
        public let parameters: [String: OptimizerSpec.Value]

        public init(_ spec: OptimizerSpec) {
            name = spec.kind.rawValue
            parameters = Dictionary(uniqueKeysWithValues: spec.hyperparameters.map { ($0.name.rawValue, $0.value) })
        }

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            name = try c.decode(String.self, forKey: Key(stringValue: "name"))
            var parameters: [String: OptimizerSpec.Value] = [:]
            for key in c.allKeys where key.stringValue != "name" {
                if let flag = try? c.decode(Bool.self, forKey: key) { parameters[key.stringValue] = .flag(flag) }
                else { parameters[key.stringValue] = .number(try c.decode(Double.self, forKey: key)) }
            }
            self.parameters = parameters
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(name, forKey: Key(stringValue: "name"))
            for (key, value) in parameters {
                switch value {
                case .flag(let flag): try c.encode(flag, forKey: Key(stringValue: key))
                case .number(let number): try c.encode(number, forKey: Key(stringValue: key))
                }
            }
        }
    }

    public struct StageTime: Codable, Equatable, Sendable {
        public let epoch: Int
        public let stage: String
        public let startCs: Int
        public let durationCs: Int

        enum CodingKeys: String, CodingKey {
            case epoch, stage
            case startCs = "start_cs", durationCs = "duration_cs"
        }
    }

    /// The parameters of least loss and that loss (`model: affine`).
    public struct Minimum: Codable, Equatable, Sendable {
        public let w: Double
        public let b: Double
        public let loss: Double
    }

    /// The learning-rate schedule, when the rate is not constant: its name, its settings by
    /// PyTorch's names and, for multistep, its milestones.
    public var schedule: [String: ScheduleValue]?

    public enum ScheduleValue: Codable, Equatable, Sendable {
        case text(String), number(Double), numbers([Int])

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Double.self) { self = .number(v) } else if let v = try? c.decode([Int].self) { self = .numbers(v) }
            else { self = .text(try c.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let v): try c.encode(v)
            case .number(let v): try c.encode(v)
            case .numbers(let v): try c.encode(v)
            }
        }
    }

    /// "linear" or "affine"; "objective" for a loss written as an expression.
    public let model: String
    /// The loss written as an expression (`objective:`), as parsed: a name's expression.
    public var objective: String?
    public let optimizer: Optimizer
    public let lr: Double
    /// The font files the figure's text came from: DejaVu Sans, then any that stood in for
    /// characters it lacks.
    public let fonts: [String]
    public let regime: String
    /// The factor each step applies to the distance from the minimum: one number for the
    /// linear model; for the affine one, a list, one per eigen-direction of the Hessian.
    /// Gradient descent only (another optimizer's `regime` is its behaviour: converging,
    /// oscillating or diverging).
    public let r: Factors?
    public var minimum: Minimum?
    /// A race's runs, one per optimizer, each with its optimizer, rate and epochs; the
    /// top-level fields describe the first.
    public var runs: [Run]?
    /// What determines the render (see `Fingerprint` in Render), for `--check`.
    public var fingerprint: String?
    public let epochs: [Epoch]
    public let stages: [StageTime]

    public init(storyboard: Storyboard, fallbackFonts: [String] = []) {
        let lesson = storyboard.lesson
        let affine = lesson.objective.model.parameterNames.count == 2
        model = lesson.objective.formula != nil ? "objective"
            : lesson.objective.loss is BinaryCrossEntropy ? ModelKind.logistic.rawValue
            : affine ? ModelKind.affine.rawValue : ModelKind.linear.rawValue
        objective = lesson.objective.formula?.text
        optimizer = Optimizer(lesson.spec)
        lr = lesson.learningRate
        fonts = Transcript.primaryFonts + fallbackFonts
        // Gradient descent's regime has a closed form; another optimizer's is judged from its run.
        // (An expression's curvature is not constant: its run is judged from the path too.)
        let gd = lesson.spec.kind == .gd && lesson.hasClosedFormRegime
        regime = gd ? lesson.regime.rawValue : lesson.behaviour.rawValue
        r = gd ? Factors(values: affine ? lesson.contractions : [lesson.contraction]) : nil
        if affine, let best = lesson.bestFit {
            minimum = Minimum(w: best[0], b: best[1], loss: lesson.objective.value(best))
        }
        if lesson.schedule != .constant {
            var described: [String: ScheduleValue] = ["name": .text(lesson.schedule.name)]
            for (name, value) in lesson.schedule.parameters { described[name] = .number(value) }
            if case .multistep(let milestones, _) = lesson.schedule { described["milestones"] = .numbers(milestones) }
            schedule = described
        }
        epochs = (0..<lesson.epochs).map { e in
            let n = lesson.numbers(epoch: e)
            var epoch = Epoch(epoch: e, w: n.w, loss: n.loss, grad: n.gradient, wNew: n.wNew, pointLosses: n.pointLosses)
            epoch.lr = lesson.rate(epoch: e)
            if let batches = lesson.batches {
                epoch.batch = batches[e]
                epoch.fullGrad = lesson.objective.gradient(lesson.path[e])[0]
            }
            let state = lesson.states[e].buffers
            func factors(_ buffer: OptimizerState.Buffer) -> Factors? { state[buffer].map { Factors(values: $0) } }
            epoch.velocity = factors(.momentumBuffer)
            epoch.sumSq = factors(.sum)
            epoch.m = factors(.expAvg)
            epoch.v = factors(.expAvgSq) ?? factors(.squareAvg)
            if affine {
                epoch.b = lesson.path[e][1]
                epoch.gradB = lesson.gradient(epoch: e)[1]
                epoch.bNew = lesson.path[e + 1][1]
            }
            return epoch
        }
        stages = storyboard.timeline.keyframes.map {
            StageTime(epoch: $0.state.epoch, stage: $0.state.stage.rawValue,
                      startCs: $0.startCentiseconds, durationCs: $0.delayCentiseconds)
        }
    }

    /// One run of a race.
    public struct Run: Codable, Equatable, Sendable {
        public let optimizer: Optimizer
        public let lr: Double
        public let regime: String
        public let epochs: [Epoch]

        public init(_ lesson: Lesson) {
            let transcript = Transcript(storyboard: Storyboard(lesson: lesson, stages: []))
            optimizer = transcript.optimizer
            lr = transcript.lr
            regime = transcript.regime
            epochs = transcript.epochs
        }
    }

    /// One number, or a list of them when there are several.
    public struct Factors: Codable, Equatable, Sendable {
        public let values: [Double]

        public init(values: [Double]) {
            self.values = values
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(Double.self) { values = [one] } else { values = try container.decode([Double].self) }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if values.count == 1 { try container.encode(values[0]) } else { try container.encode(values) }
        }
    }

    /// The fonts shipped in `Fonts/` that every figure uses.
    package static let primaryFonts = ["Fonts/DejaVuSans.ttf", "Fonts/DejaVuSans-Oblique.ttf"]

    /// Pretty-printed JSON with sorted keys; numbers in their shortest exact form, and
    /// "Infinity"/"NaN" strings where a diverging run overflows.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
