import Foundation
import Raster
import Typeset

/// Coverage masks by what made them, shared by every renderer of one animation: most of a
/// frame (tick labels, the loss curve, the legend) is the same in every frame, so it is
/// rasterized once — by whichever thread needs it first — and composited from here.
///
/// Beyond `budget` bytes of masks the cache starts again: what every frame uses comes back
/// on the next frame, what only old epochs used is gone, so memory stays flat however long
/// the animation. Masks are values, so a reset never disturbs a mask being composited.
public final class MaskCache: @unchecked Sendable {
    enum Key: Hashable {
        case text(String, size: Double, anchor: Point, HorizontalAlignment, VerticalAlignment, TextRotation)
        case stroke([[Point]], width: Double, LineCap, LineJoin, dash: [Double], clip: Rect, closed: Bool)
        case roundedRectangle(Rect, radius: Double)
    }

    public let budget: Int
    private var masks: [Key: (mask: AlphaMask, opacity: Double)?] = [:]
    private var bytes = 0
    private let lock = NSLock()

    public init(budget: Int = 12 << 20) {
        self.budget = budget
    }

    /// The mask for `key`, made by `make` (outside the lock) when it is not here.
    func mask(_ key: Key, _ make: () throws -> (CoverageMask, Double)?) rethrows -> (mask: AlphaMask, opacity: Double)? {
        lock.lock()
        let hit = masks[key]
        lock.unlock()
        if let hit { return hit }
        let made = try make().map { (mask: AlphaMask($0.0), opacity: $0.1) }
        let size = (made?.mask.byteCount ?? 0) + 64
        lock.lock()
        defer { lock.unlock() }
        if bytes + size > budget {
            masks.removeAll(keepingCapacity: true)
            bytes = 0
        }
        if masks.updateValue(made, forKey: key) == nil { bytes += size }
        return made
    }
}
