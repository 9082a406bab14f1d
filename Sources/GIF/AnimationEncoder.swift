import Foundation

/// Where an animation's frames come from: asked for each frame twice — once to choose the
/// palette, once to encode — by several workers at once. Each worker number is used by one
/// thread at a time, so a source may keep per-worker state (a canvas, fonts, a decoder).
public protocol FrameSource: AnyObject, Sendable {
    var width: Int { get }
    var height: Int { get }
    var frameCount: Int { get }
    /// Frame `index` as RGBA (width × height × 4 bytes), made on `worker`'s thread: opaque,
    /// or on a transparent background (`AnimationEncoder.transparent`) with pixels less than
    /// half covered left out.
    func rgba(frame index: Int, worker: Int) throws -> [UInt8]
}

/// The one two-pass GIF driver, for rendered lessons and for anyone's PNG frames alike:
///
/// 1. every frame is made on every worker and its colours counted; frames are kept as runs
///    of colours while they fit a budget (undithered frames only);
/// 2. one palette from all the colours; then frames (from their runs, or made again) are
///    mapped and compressed against the frame before on every worker, and written in
///    order — so the bytes are the same for any number of workers.
public struct AnimationEncoder: Sendable {
    public var workers: Int
    /// 0 loops forever; nil plays once.
    public var loopCount: Int?
    public var dither: Dither
    /// A comment extension's text (the render's fingerprint), or none.
    public var comment: String?
    /// Frames on a transparent background: see `Transparency`. Frames are then compressed
    /// in order on one thread (each decides whether the one before is cleared after showing).
    public var transparent = false
    /// Each frame's delay in centiseconds.
    public var delays: [Int]
    /// Called for every frame in the first pass, on its worker's thread, with its pixels:
    /// posters, frame folders and layouts are taken here.
    public var firstPass: (@Sendable (_ index: Int, _ worker: Int, _ rgba: [UInt8]) throws -> Void)?
    /// Called once per frame per pass, from one thread at a time.
    public var progress: (@Sendable () -> Void)?
    /// Bytes of frames kept between the passes (tests lower it to make frames twice).
    var recordingBudget = RecordedFrames.budget

    public init(workers: Int, delays: [Int], loopCount: Int? = 0, dither: Dither = .none) {
        self.workers = workers
        self.delays = delays
        self.loopCount = loopCount
        self.dither = dither
    }

    /// Encodes `source`'s frames, streaming the GIF's bytes into `output`.
    public func encode(_ source: FrameSource, output: @escaping ([UInt8]) throws -> Void) throws {
        let count = source.frameCount
        precondition(delays.count == count, "one delay per frame")
        guard count > 0 else { throw GIFError.noFrames }
        let workers = max(1, min(self.workers, count))
        let pixels = source.width * source.height
        let (firstPass, progress, transparent) = (self.firstPass, self.progress, self.transparent)
        let progressLock = Shared(())

        // Pass 1: colours counted per worker and summed.
        let recorded = RecordedFrames(frames: count, workers: workers, recording: dither == .none, budget: recordingBudget)
        let counters = try Parallel.strided(count: count, workers: workers,
                                            start: { RecordedFrames.Counter(worker: $0, workers: workers, frames: count) }) { counter, w, i in
            let rgba = try source.rgba(frame: i, worker: w)
            recorded.count(transparent ? Transparency.keyed(rgba) : rgba, frame: i, worker: w, into: &counter)
            try firstPass?(i, w, rgba)
            if let progress { progressLock.withLock { _ in progress() } }
        }
        let counts = counters.map(\.builder)
        var colors = PaletteBuilder()
        for c in counts { colors.merge(c) }

        // Pass 2: mapped and compressed on every worker while earlier frames are written, in
        // order, here.
        let encoder = try GIFEncoder(width: source.width, height: source.height, palette: colors.build(clear: transparent ? Transparency.key : nil, workers: workers),
                                     loopCount: loopCount, dither: dither, comment: comment, output: output)
        recorded.map(counts, to: encoder.palette)
        let mappers = (0..<workers).map { _ in Shared(PaletteMapper(palette: encoder.palette)) }
        let dither = self.dither, width = source.width, delays = self.delays
        // Up to 8 frames in flight (4 MB of indices, but two frames a worker at least).
        let ahead = max(2 * workers, min(8, (4 << 20) / max(1, pixels)))
        let pool = BufferPool(keeping: ahead + workers + 2)
        try Parallel.pipeline(count: count, lanes: workers, ahead: ahead,
                              // `before` is frame i − workers, which pass 1's worker made just before frame i.
                              produce: { slot, i, before in
                                  var indices = pool.take()
                                  if recorded.indices(frame: i, pixels: pixels, previous: before, into: &indices) { return indices }
                                  let made = try source.rgba(frame: i, worker: slot)
                                  let rgba = transparent ? Transparency.keyed(made) : made
                                  // Slot k's mapper is used by one thread at a time: its lock is never waited on.
                                  return mappers[slot].withLock { mapper in
                                      guard dither == .none else { return mapper.indices(rgba: rgba, width: width, dither: dither) }
                                      mapper.indices(rgba: rgba, into: &indices)
                                      return indices
                                  }
                              },
                              finish: { [compressor = encoder.compressor] indices, previous -> MappedFrame in
                                  // On a transparent background frames are compressed in order, below.
                                  transparent ? .indices(indices) : .compressed(try compressor.compress(indices, after: previous))
                              },
                              consume: { (i: Int, frame: MappedFrame) in
                                  switch frame {
                                  case .compressed(let frame): try encoder.add(frame, delayCentiseconds: delays[i])
                                  case .indices(let indices): try encoder.add(indices: indices, delayCentiseconds: delays[i])
                                  }
                                  progress?()
                              },
                              recycle: pool.give)
        try encoder.finish()
    }
}

/// What pass 2's workers hand the writer: a frame compressed, or on a transparent background
/// its indices, compressed in order.
private enum MappedFrame: Sendable {
    case compressed(CompressedFrame)
    case indices([UInt8])
}

/// Frame-sized buffers handed back when a frame is done and taken again for a later one,
/// so the few in flight are reused rather than each frame allocating its own.
final class BufferPool: Sendable {
    private let free = Shared<[[UInt8]]>([])
    private let keeping: Int

    /// Keeps at most `keeping` buffers (two batches of frames and one more).
    init(keeping: Int) {
        self.keeping = keeping
    }

    /// A buffer from the pool, or an empty one to grow.
    func take() -> [UInt8] {
        free.withLock { $0.popLast() } ?? []
    }

    func give(_ buffer: [UInt8]) {
        free.withLock { if $0.count < keeping { $0.append(buffer) } }
    }
}
