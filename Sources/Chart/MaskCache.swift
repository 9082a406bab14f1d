import Foundation
import Synchronization
import Raster
import Typeset

/// Coverage masks by what made them, shared by every renderer of one animation: most of a
/// frame (tick labels, the loss curve, the legend) is the same in every frame, so it is
/// rasterized once — by whichever thread needs it first — and composited from here.
///
/// Beyond `budget` bytes of masks the cache starts again: what every frame uses comes back
/// on the next frame, what only old epochs used is gone, so memory stays flat however long
/// the animation. Masks are values, so a reset never disturbs a mask being composited.
public final class MaskCache: Sendable {
    enum Key: Hashable {
        case text(String, size: Double, anchor: Point, HorizontalAlignment, VerticalAlignment, TextRotation)
        case stroke([[Point]], width: Double, LineCap, LineJoin, dash: [Double], clip: Rect, closed: Bool)
        case roundedRectangle(Rect, radius: Double)
        case area([[Point]], clip: Rect)
        indirect case halo(Key, radius: Int, gain: Int)

        /// Roughly what the key holds, with its slot in the table.
        var byteCount: Int {
            switch self {
            case let .text(string, _, _, _, _, _): return 160 + string.utf8.count
            case let .stroke(polylines, _, _, _, dash, _, _):
                return 160 + polylines.reduce(0) { $0 + 32 + $1.count * MemoryLayout<Point>.stride } + dash.count * 8
            case .roundedRectangle: return 160
            case let .area(polygons, _): return 160 + polygons.reduce(0) { $0 + 32 + $1.count * MemoryLayout<Point>.stride }
            case let .halo(key, _, _): return key.byteCount
            }
        }
    }

    public let budget: Int
    /// The masks (nil: nothing to draw), or a mark that some thread is making one; and the
    /// bytes the masks and their keys take.
    private let state = Mutex((masks: [Key: Slot](), bytes: 0))

    private enum Slot {
        case made((mask: AlphaMask, opacity: Double)?)
        case making(Making)
    }

    /// A mask being made: threads that need it meanwhile wait for it rather than make it
    /// too (at an animation's start every thread wants the same axes, labels and contours).
    private final class Making: Sendable {
        let done = DispatchSemaphore(value: 0)
    }

    /// `budget` in bytes of masks and their keys; a frame's own masks should fit (a few
    /// bytes for each pixel of the frame), or every frame rasterizes them again.
    public init(budget: Int = 12 << 20) {
        self.budget = budget
    }

    /// Bytes of masks and keys held now.
    var bytesHeld: Int {
        state.withLock { $0.bytes }
    }

    /// A mask made from another (a halo from a text's mask), cached like the others.
    func derived(_ key: Key, _ make: () -> AlphaMask) -> AlphaMask? {
        cached(key) { (mask: make(), opacity: 1) }?.mask
    }

    /// The mask for `key`, made by `make` (outside the lock) when it is not here.
    func mask(_ key: Key, _ make: () throws -> (CoverageMask, Double)?) rethrows -> (mask: AlphaMask, opacity: Double)? {
        try cached(key) { try make().map { (mask: AlphaMask($0.0), opacity: $0.1) } }
    }

    /// The value for `key`: found, waited for while another thread makes it, or made here.
    private func cached(_ key: Key, _ make: () throws -> (mask: AlphaMask, opacity: Double)?) rethrows
        -> (mask: AlphaMask, opacity: Double)? {
        while true {
            enum Found { case hit((mask: AlphaMask, opacity: Double)?), wait(Making), make(Making) }
            let found = state.withLock { state -> Found in
                switch state.masks[key] {
                case .made(let value)?: return .hit(value)
                case .making(let making)?: return .wait(making)
                case nil:
                    let making = Making()
                    state.masks[key] = .making(making)
                    return .make(making)
                }
            }
            switch found {
            case .hit(let value):
                return value
            case .wait(let making):
                // Passed on, so every thread waiting for it wakes; then looked up again
                // (a reset of the cache meanwhile may have dropped it: then it is made).
                making.done.wait()
                making.done.signal()
            case .make(let making):
                defer { making.done.signal() }
                let made: (mask: AlphaMask, opacity: Double)?
                do { made = try make() } catch {
                    state.withLock { state in
                        if case .making(let m)? = state.masks[key], m === making { state.masks[key] = nil }
                    }
                    throw error
                }
                store(key, made)
                return made
            }
        }
    }

    private func store(_ key: Key, _ made: (mask: AlphaMask, opacity: Double)?) {
        let size = (made?.mask.byteCount ?? 0) + key.byteCount
        state.withLock { state in
            if state.bytes + size > budget {
                // Masks being made stay marked: their threads store them when done.
                state.masks = state.masks.filter { if case .making = $0.value { return true } else { return false } }
                state.bytes = 0
            }
            if case .made? = state.masks.updateValue(.made(made), forKey: key) { return }
            state.bytes += size
        }
    }
}
