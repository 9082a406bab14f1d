/// One span of the animation: a state held for a duration.
///
/// Guarantees: `durationSeconds` is finite and > 0.
public struct Stage<State>: Sendable where State: Sendable {
    public let state: State
    public let durationSeconds: Double

    public init?(_ state: State, durationSeconds: Double) {
        guard durationSeconds.isFinite, durationSeconds > 0 else { return nil }
        self.state = state
        self.durationSeconds = durationSeconds
    }
}

/// A state as a frame of the animation: when it starts and how long it stays, in the GIF's
/// unit of centiseconds.
public struct Keyframe<State>: Sendable where State: Sendable {
    public let state: State
    public let startCentiseconds: Int
    public let delayCentiseconds: Int
}

/// A sequence of stages turned into keyframes.
///
/// Delays are rounded on cumulative time — each keyframe starts at its true start rounded
/// to a centisecond — so rounding never accumulates and the total is the true total
/// rounded once.
public struct Timeline<State>: Sendable where State: Sendable {
    public let stages: [Stage<State>]

    public init(_ stages: [Stage<State>]) {
        self.stages = stages
    }

    public var keyframes: [Keyframe<State>] {
        keyframes(merging: { _, _ in false })
    }

    /// Keyframes where consecutive stages for which `same` holds become one, held for
    /// their summed time.
    public func keyframes(merging same: (State, State) -> Bool) -> [Keyframe<State>] {
        var merged: [(state: State, start: Double, end: Double)] = []
        var clock = 0.0
        for stage in stages {
            let end = clock + stage.durationSeconds
            if let last = merged.last, same(last.state, stage.state) {
                merged[merged.count - 1].end = end
            } else {
                merged.append((stage.state, clock, end))
            }
            clock = end
        }
        return merged.map { span in
            let start = Int((span.start * 100).rounded())
            let end = Int((span.end * 100).rounded())
            return Keyframe(state: span.state, startCentiseconds: start, delayCentiseconds: end - start)
        }
    }
}

extension Timeline where State: Equatable {
    /// Keyframes with identical consecutive states merged.
    public var mergedKeyframes: [Keyframe<State>] { keyframes(merging: ==) }
}
