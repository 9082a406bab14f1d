import Foundation

/// The lesson as data, for course sites and for checking: every epoch's numbers and every
/// stage's time in the GIF.
public struct Transcript: Codable, Equatable, Sendable {
    public struct Epoch: Codable, Equatable, Sendable {
        public let epoch: Int
        public let w: Double
        public let loss: Double
        public let grad: Double
        public let w_new: Double
        public let point_losses: [Double]
    }

    public struct StageTime: Codable, Equatable, Sendable {
        public let epoch: Int
        public let stage: String
        public let start_cs: Int
        public let duration_cs: Int
    }

    public let lr: Double
    /// The font files the figure's text came from: DejaVu Sans, then any that stood in for
    /// characters it lacks.
    public let fonts: [String]
    public let regime: String
    public let r: Double
    public let epochs: [Epoch]
    public let stages: [StageTime]

    public init(storyboard: Storyboard, fallbackFonts: [String] = []) {
        let lesson = storyboard.lesson
        lr = lesson.learningRate
        fonts = Transcript.primaryFonts + fallbackFonts
        regime = lesson.regime.rawValue
        r = lesson.contraction
        epochs = (0..<lesson.epochs).map { e in
            let n = lesson.numbers(epoch: e)
            return Epoch(epoch: e, w: n.w, loss: n.loss, grad: n.gradient, w_new: n.wNew, point_losses: n.pointLosses)
        }
        stages = storyboard.timeline.keyframes.map {
            StageTime(epoch: $0.state.epoch, stage: $0.state.stage.rawValue,
                      start_cs: $0.startCentiseconds, duration_cs: $0.delayCentiseconds)
        }
    }

    /// The fonts shipped in `Fonts/` that every figure uses.
    public static let primaryFonts = ["Fonts/DejaVuSans.ttf", "Fonts/DejaVuSans-Oblique.ttf"]

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
