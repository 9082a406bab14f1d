import Foundation
import Timeline

/// The six stages every epoch goes through, in the notebook's order.
public enum LessonStage: String, CaseIterable, Sendable {
    /// The right panel for the current w, the loss curve, the current-weight star.
    case weight
    /// The loss at w: a dotted drop line and a dot on the curve.
    case loss
    /// The tangent at w and its slope.
    case tangent
    /// A dotted step from w to w_new at the height of the loss.
    case step
    /// A dotted drop at w_new.
    case drop
    /// The new-weight star and the update equation.
    case update

    /// The notebook's pauses: 2 s each, and 2 s + 3 s on the update.
    public var defaultDurationSeconds: Double { self == .update ? 5 : 2 }

    /// Whether this stage shows what `stage` adds (each stage keeps its epoch's earlier ones).
    public func shows(_ stage: LessonStage) -> Bool {
        LessonStage.allCases.firstIndex(of: stage)! <= LessonStage.allCases.firstIndex(of: self)!
    }
}

/// A moment of the animation: which epoch, which stage — and, for a frame in between two
/// epochs (smooth motion), how far the numbers have moved from the previous shown epoch's
/// towards this one's, eased, in (0, 1).
public struct Moment: Hashable, Sendable {
    public let epoch: Int
    public let stage: LessonStage
    public let tween: Tween?

    /// Where an in-between frame stands: the epoch it comes from and its eased progress.
    public struct Tween: Hashable, Sendable {
        public let from: Int
        public let progress: Double
    }

    public init(epoch: Int, stage: LessonStage, tween: Tween? = nil) {
        self.epoch = epoch
        self.stage = stage
        self.tween = tween
    }
}

/// Smooth motion: each change of the lesson's numbers (from one shown epoch to the next)
/// moves through in-between frames, `fps` a second for `seconds`, eased cubic in-out, taken
/// from the start of the following hold so the length does not change.
public struct Motion: Sendable, Equatable {
    public var seconds: Double = 0.5
    public var fps: Double = 25

    public init(seconds: Double = 0.5, fps: Double = 25) {
        self.seconds = seconds
        self.fps = fps
    }

    public static let fpsRange = 1.0...50.0

    /// Cubic in-out easing of t in [0, 1].
    package static func ease(_ t: Double) -> Double {
        t < 0.5 ? 4 * t * t * t : 1 - pow(-2 * t + 2, 3) / 2
    }
}

/// How a lesson's time is spent: which epochs are shown, which of them in full, how long each
/// stage is held. The default is the notebook's: every epoch, every stage, 2, 2, 2, 2, 2, 5 s.
///
/// Guarantees (`check`): speed in 0.1…10; every duration in (0, 3600] s; epoch seconds in
/// (0, 3600]; end hold in [0, 3600]; shown epochs increasing, each below the lesson's epochs.
public struct Pacing: Sendable, Equatable {
    /// Seconds per stage, where the scene sets them.
    public var durations: [LessonStage: Double] = [:]
    /// Every hold is divided by it.
    public var speed: Double = 1
    /// The first `detailed` shown epochs get every stage; the others one keyframe, their update
    /// stage, held `epochSeconds` (nil: all detailed).
    public var detailed: Int?
    public var epochSeconds: Double = 1
    /// The epochs drawn (all when nil); every epoch is still computed.
    public var show: [Int]?
    /// Seconds the last frame is held beyond its stage (not divided by the speed).
    public var endHold: Double = 0
    /// In-between frames when the numbers change (nil: cuts).
    public var motion: Motion?

    public init() {}

    public static let speedRange = 0.1...10.0

    /// Epoch lists as people write them: "0-4,9,19"; nil with the reason when malformed.
    package static func parseShow(_ text: String, epochs: Int) -> Result<[Int], SceneError> {
        var shown: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(ends.count), let first = Int(ends[0]), let last = Int(ends[ends.count - 1]) else {
                return .failure(SceneError(field: "show", problem: "must be epochs and ranges like 0-4,9,19 (got \(text))"))
            }
            guard first <= last else {
                return .failure(SceneError(field: "show", problem: "has the range \(part) backwards; write it low-high"))
            }
            shown += Array(first...last)
        }
        return .success(shown)
    }

    /// Checks every guarantee for a lesson of `epochs` epochs.
    public func check(epochs: Int) throws(SceneError) {
        guard speed.isFinite, Pacing.speedRange.contains(speed) else {
            throw SceneError(field: "speed", problem: "must be between 0.1 and 10 (got \(speed))")
        }
        guard epochSeconds.isFinite, epochSeconds > 0, epochSeconds <= 3600 else {
            throw SceneError(field: "pace.epoch_seconds", problem: "must be more than 0 and at most 3600 seconds (got \(epochSeconds))")
        }
        if let detailed, detailed < 0 {
            throw SceneError(field: "pace.detailed", problem: "must be 0 or more epochs (got \(detailed))")
        }
        guard endHold.isFinite, endHold >= 0, endHold <= 3600 else {
            throw SceneError(field: "end_hold", problem: "must be from 0 to 3600 seconds (got \(endHold))")
        }
        if let motion {
            guard motion.fps.isFinite, Motion.fpsRange.contains(motion.fps) else {
                throw SceneError(field: "motion.fps", problem: "must be between 1 and 50 frames a second; browsers slow delays "
                                 + "under 2 centiseconds down (got \(motion.fps))")
            }
            guard motion.seconds.isFinite, motion.seconds > 0, motion.seconds <= 10 else {
                throw SceneError(field: "motion.seconds", problem: "must be more than 0 and at most 10 seconds (got \(motion.seconds))")
            }
        }
        if let show {
            guard !show.isEmpty else { throw SceneError(field: "show", problem: "must name at least one epoch") }
            if let beyond = show.first(where: { $0 < 0 || $0 >= epochs }) {
                throw SceneError(field: "show", problem: "names epoch \(beyond), but the lesson's epochs are 0 to \(epochs - 1)")
            }
            for (a, b) in zip(show, show.dropFirst()) where b <= a {
                throw SceneError(field: "show", problem: b == a ? "names epoch \(a) twice" : "must list epochs in increasing order (\(b) after \(a))")
            }
        }
    }
}

/// The lesson as a sequence of stages: every epoch, every stage, each held for its time.
public struct Storyboard: Sendable {
    public let lesson: Lesson
    public let durations: [LessonStage: Double]
    /// The stages a detailed epoch shows: all six, or only the update (a race).
    public let stages: [LessonStage]
    public let pacing: Pacing

    public init(lesson: Lesson, durations: [LessonStage: Double] = [:], stages: [LessonStage] = LessonStage.allCases) {
        var pacing = Pacing()
        pacing.durations = durations
        self.init(lesson: lesson, pacing: pacing, stages: stages)
    }

    public init(lesson: Lesson, pacing: Pacing, stages: [LessonStage] = LessonStage.allCases) {
        self.lesson = lesson
        self.durations = pacing.durations
        self.stages = stages
        self.pacing = pacing
        timeline = Timeline([])
        timeline = makeTimeline()
    }

    /// Every keyframe with its delay: made once, read by the render, the transcript, the
    /// layout export and the length checks.
    public private(set) var timeline: Timeline<Moment>

    /// A race's storyboard: one keyframe an epoch, held `durations[.update]` (or the pace's
    /// epoch seconds when set, else 1 s).
    public static func race(lesson: Lesson, durations: [LessonStage: Double] = [:]) -> Storyboard {
        var pacing = Pacing()
        pacing.durations = durations
        return race(lesson: lesson, pacing: pacing)
    }

    public static func race(lesson: Lesson, pacing: Pacing) -> Storyboard {
        var compact = pacing
        if compact.detailed == nil { compact.epochSeconds = pacing.durations[.update] ?? 1 }
        compact.detailed = 0
        return Storyboard(lesson: lesson, pacing: compact, stages: [.update])
    }

    public func duration(of stage: LessonStage) -> Double {
        durations[stage] ?? stage.defaultDurationSeconds
    }

    /// The epochs drawn, in order.
    public var shownEpochs: [Int] { pacing.show ?? Array(0..<lesson.epochs) }

    /// The stages epoch `epoch` shows and their holds: every stage for the first `detailed`
    /// shown epochs, else only the update, held the pace's epoch seconds; all divided by the speed.
    public func holds(of epoch: Int, rank: Int) -> [(LessonStage, Double)] {
        if let detailed = pacing.detailed, rank >= detailed {
            return [(.update, pacing.epochSeconds / pacing.speed)]
        }
        return stages.map { ($0, duration(of: $0) / pacing.speed) }
    }

    private func makeTimeline() -> Timeline<Moment> {
        var held: [Stage<Moment>] = []
        let shown = shownEpochs
        held.reserveCapacity(shown.count * stages.count)
        for (rank, epoch) in shown.enumerated() {
            var holds = holds(of: epoch, rank: rank)
            if rank == shown.count - 1, pacing.endHold > 0 { holds[holds.count - 1].1 += pacing.endHold }
            // In-between frames from the previous shown epoch, out of this epoch's first hold
            // (which keeps at least one frame's time of its own).
            if let motion = pacing.motion, rank > 0 {
                let frame = 1 / motion.fps
                let count = Swift.min(Int((motion.seconds / pacing.speed * motion.fps).rounded()),
                                      Int(((holds[0].1 - frame) / frame).rounded(.down)))
                for k in 0..<Swift.max(0, count) {
                    let progress = Motion.ease(Double(k + 1) / Double(count + 1))
                    let moment = Moment(epoch: epoch, stage: holds[0].0, tween: Moment.Tween(from: shown[rank - 1], progress: progress))
                    if let s = Stage(moment, durationSeconds: frame) { held.append(s) }
                }
                holds[0].1 -= Double(Swift.max(0, count)) * frame
            }
            for (stage, seconds) in holds {
                if let s = Stage(Moment(epoch: epoch, stage: stage), durationSeconds: seconds) {
                    held.append(s)
                }
            }
        }
        return Timeline(held)
    }

    /// "1 h 15 min", "12 min 30 s", "45 s": a duration for people.
    package static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        if h > 0 { return "\(h) h \(m) min" }
        if m > 0 { return s > 0 ? "\(m) min \(s) s" : "\(m) min" }
        return "\(s) s"
    }

    /// Seconds the whole animation lasts.
    public var totalSeconds: Double {
        guard let last = timeline.keyframes.last else { return 0 }
        return Double(last.startCentiseconds + last.delayCentiseconds) / 100
    }
}
