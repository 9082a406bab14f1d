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
    /// The masks, and the bytes they and their keys take.
    private let state = Mutex((masks: [Key: (mask: AlphaMask, opacity: Double)?](), bytes: 0))

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
        if let hit = state.withLock({ $0.masks[key] }) { return hit?.mask }
        let made = make()
        store(key, (made, 1))
        return made
    }

    private func store(_ key: Key, _ made: (mask: AlphaMask, opacity: Double)?) {
        let size = (made?.mask.byteCount ?? 0) + key.byteCount
        state.withLock { state in
            if state.bytes + size > budget {
                state.masks.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            if state.masks.updateValue(made, forKey: key) == nil { state.bytes += size }
        }
    }

    /// The mask for `key`, made by `make` (outside the lock) when it is not here.
    func mask(_ key: Key, _ make: () throws -> (CoverageMask, Double)?) rethrows -> (mask: AlphaMask, opacity: Double)? {
        if let hit = state.withLock({ $0.masks[key] }) { return hit }
        let made = try make().map { (mask: AlphaMask($0.0), opacity: $0.1) }
        store(key, made)
        return made
    }
}
