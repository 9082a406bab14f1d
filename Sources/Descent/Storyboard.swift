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

    public init(lesson: Lesson, durations: [LessonStage: Double] = [:]) {
        self.lesson = lesson
        self.durations = durations
    }

    public func duration(of stage: LessonStage) -> Double {
        durations[stage] ?? stage.defaultDurationSeconds
    }

    public var timeline: Timeline<Moment> {
        var stages: [Stage<Moment>] = []
        stages.reserveCapacity(lesson.epochs * LessonStage.allCases.count)
        for epoch in 0..<lesson.epochs {
            for stage in LessonStage.allCases {
                if let s = Stage(Moment(epoch: epoch, stage: stage), durationSeconds: duration(of: stage)) {
                    stages.append(s)
                }
            }
        }
        return Timeline(stages)
    }
}
