import Chart
import Foundation
import Raster

/// What every keyframe draws and where — texts with their role, words, ink box and
/// colour, legends, markers — in output pixels (origin top-left, max exclusive): for tests
/// that check no two texts overlap, and for course sites that overlay captions on the GIF.
public struct LayoutExport: Codable, Equatable, Sendable {
    public struct Panel: Codable, Equatable, Sendable {
        public let name: String
        /// [x0, y0, x1, y1] of the axes frame.
        public let frame: [Double]
        public let xlim: [Double]
        public let ylim: [Double]
    }

    public struct Element: Codable, Equatable, Sendable {
        public let kind: String
        public let role: Role
        public let text: String?
        /// [x0, y0, x1, y1], x1 and y1 exclusive.
        public let box: [Int]
        /// "#rrggbb", a text's, marker's or line's colour (a marker's fill).
        public let color: String?
        public let axes: String
        /// A marker's shape in matplotlib's codes ("o", "*", "s", "^", "D", "v", "p", "+", "x").
        public let shape: String?
        /// A marker's edge, when it differs from its fill (a hollow marker).
        public let edge: String?
        /// The rings round a mark, inside out: on a colour map one dark and one light.
        public let casing: [String]?
        /// A line's pieces as drawn, in pixels, points at least 4 px apart; its width with its
        /// casing, and its dash ("-", "--", ":", "-.").
        public let points: [[[Double]]]?
        public let width: Double?
        public let dash: String?
        /// A text's font size in pixels.
        public let size: Double?

        public init(_ drawn: DrawnElement) {
            func hex(_ c: Color) -> String { String(format: "#%02x%02x%02x", c.r, c.g, c.b) }
            kind = drawn.kind.rawValue
            role = drawn.role
            text = drawn.text
            box = [drawn.box.x, drawn.box.y, drawn.box.maxX, drawn.box.maxY]
            color = drawn.color.map(hex)
            axes = drawn.axes
            shape = drawn.shape
            edge = drawn.edge.flatMap { $0 == drawn.color ? nil : hex($0) }
            casing = drawn.casing.isEmpty ? nil : drawn.casing.map(hex)
            points = drawn.points.map { pieces in
                pieces.map { piece in
                    var kept: [Point] = []
                    for (i, p) in piece.enumerated() {
                        if let last = kept.last, i < piece.count - 1, (p.x - last.x) * (p.x - last.x) + (p.y - last.y) * (p.y - last.y) < 16 {
                            continue
                        }
                        kept.append(p)
                    }
                    return kept.map { [($0.x * 10).rounded() / 10, ($0.y * 10).rounded() / 10] }
                }
            }
            width = drawn.width.map { ($0 * 100).rounded() / 100 }
            dash = drawn.dash
            size = drawn.size.map { ($0 * 10).rounded() / 10 }
        }
    }

    public struct Keyframe: Codable, Equatable, Sendable {
        public let epoch: Int
        public let stage: String
        public let start_cs: Int
        public let elements: [Element]
    }

    public let width: Int
    public let height: Int
    /// What determines the render (see `Fingerprint` in Render), for `--check`.
    public var fingerprint: String?
    /// The font files drawn from: DejaVu Sans, then those that stood in for characters it lacks.
    public let fonts: [String]
    public let axes: [Panel]
    public let keyframes: [Keyframe]

    /// The export for `storyboard`'s keyframes, given what each one drew (in keyframe order).
    public init(storyboard: Storyboard, figure: LessonFigure, renderer: FigureRenderer, drawn: [[DrawnElement]],
                fallbackFonts: [String] = []) {
        fonts = Transcript.primaryFonts + fallbackFonts
        width = figure.widthPixels
        height = figure.heightPixels
        let keyframes = storyboard.timeline.keyframes
        axes = figure.figure(for: keyframes[0].state, renderer: renderer).axes.map {
            Panel(name: $0.name, frame: [$0.frame.minX, $0.frame.minY, $0.frame.maxX, $0.frame.maxY],
                  xlim: [$0.xLimits.lower, $0.xLimits.upper], ylim: [$0.yLimits.lower, $0.yLimits.upper])
        }
        self.keyframes = zip(keyframes, drawn).map { keyframe, elements in
            Keyframe(epoch: keyframe.state.epoch, stage: keyframe.state.stage.rawValue,
                     start_cs: keyframe.startCentiseconds, elements: elements.map(Element.init))
        }
    }

    /// Compact JSON with sorted keys, one line, so the same render gives the same bytes.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
