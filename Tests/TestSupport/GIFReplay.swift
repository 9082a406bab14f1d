import CGIF
import Foundation

/// A GIF as giflib's decoder reads it, replayed the way a viewer shows it: every image drawn
/// over the last, transparent pixels left as they were, then disposed of as its graphics
/// control says (2: its rectangle cleared to transparent; 3: the screen put back).
public struct GIFReplay {
    public var width = 0
    public var height = 0
    /// RGBA of the screen after each image.
    public var frames: [[UInt8]] = []
    public var delays: [Int] = []
    /// Each image's disposal method (0 or 1 leave it; 2 clears its rectangle; 3 restores).
    public var disposals: [Int] = []
    /// Whether the first image uses its transparent index (it has nothing under it).
    public var firstFrameUsesTransparency = false

    public struct DecodeError: Error {}

    public init(path: String) throws {
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else { throw DecodeError() }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK, let map = gif.pointee.SColorMap else { throw DecodeError() }
        width = Int(gif.pointee.SWidth)
        height = Int(gif.pointee.SHeight)
        var screen = [UInt8](repeating: 0, count: width * height * 4)
        for i in 0..<Int(gif.pointee.ImageCount) {
            var control = GraphicsControlBlock()
            _ = DGifSavedExtensionToGCB(gif, Int32(i), &control)
            delays.append(Int(control.DelayTime))
            disposals.append(Int(control.DisposalMode))
            let image = gif.pointee.SavedImages[i], d = image.ImageDesc
            let before = screen
            for row in 0..<Int(d.Height) {
                for column in 0..<Int(d.Width) {
                    let index = Int(image.RasterBits[row * Int(d.Width) + column])
                    if control.TransparentColor >= 0 && index == Int(control.TransparentColor) {
                        if i == 0 { firstFrameUsesTransparency = true }
                        continue
                    }
                    let c = map.pointee.Colors[index]
                    let p = ((Int(d.Top) + row) * width + Int(d.Left) + column) * 4
                    screen[p] = c.Red; screen[p + 1] = c.Green; screen[p + 2] = c.Blue; screen[p + 3] = 255
                }
            }
            frames.append(screen)
            if control.DisposalMode == 2 {
                for row in 0..<Int(d.Height) {
                    let start = ((Int(d.Top) + row) * width + Int(d.Left)) * 4
                    for k in start..<(start + Int(d.Width) * 4) { screen[k] = 0 }
                }
            } else if control.DisposalMode == 3 {
                screen = before
            }
        }
    }

    /// Decodes GIF bytes (through a temporary file: giflib reads files).
    public init(bytes: Data) throws {
        let path = NSTemporaryDirectory() + "descent-replay-\(UUID().uuidString).gif"
        try bytes.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try self.init(path: path)
    }
}
