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

/// A moment of the animation: which epoch, which stage.
public struct Moment: Hashable, Sendable {
    public let epoch: Int
    public let stage: LessonStage

    public init(epoch: Int, stage: LessonStage) {
        self.epoch = epoch
        self.stage = stage
    }
}

/// The lesson as a sequence of stages: every epoch, every stage, each held for its time.
public struct Storyboard: Sendable {
    public let lesson: Lesson
    public let durations: [LessonStage: Double]
    /// The stages each epoch shows: all six, or only the update (a race: one keyframe an epoch).
    public let stages: [LessonStage]

    public init(lesson: Lesson, durations: [LessonStage: Double] = [:], stages: [LessonStage] = LessonStage.allCases) {
        self.lesson = lesson
        self.durations = durations
        self.stages = stages
    }

    /// A race's storyboard: one keyframe an epoch, held `durations[.update]` or 1 s.
    public static func race(lesson: Lesson, durations: [LessonStage: Double] = [:]) -> Storyboard {
        Storyboard(lesson: lesson, durations: [.update: durations[.update] ?? 1], stages: [.update])
    }

    public func duration(of stage: LessonStage) -> Double {
        durations[stage] ?? stage.defaultDurationSeconds
    }

    public var timeline: Timeline<Moment> {
        var held: [Stage<Moment>] = []
        held.reserveCapacity(lesson.epochs * stages.count)
        for epoch in 0..<lesson.epochs {
            for stage in stages {
                if let s = Stage(Moment(epoch: epoch, stage: stage), durationSeconds: duration(of: stage)) {
                    held.append(s)
                }
            }
        }
        return Timeline(held)
    }
}
