import Chart
import Raster

extension LessonFigure {
    /// A weight's star: the current one in C1, the updated one in C3 — hollow where the theme
    /// keeps contrast, so that the two differ in more than colour. Ringed in the page's colour,
    /// or on a colour map (`onMap`) in the theme's dark and light casing.
    static func weightStar(at point: Point, size: Double, updated: Bool, style s: Style, label: String?,
                           onMap: Bool = false) -> MarkerArtist {
        let color = updated ? s.theme.c3 : s.theme.c1
        var star = MarkerArtist(data: [point], shape: .star, sizePixels: size, color: color, edgeWidthPixels: s.markerEdgeWidth,
                                label: label, zorder: updated ? 200 : 50, role: updated ? .updatedWeight : .currentWeight)
        if updated && s.theme.accessible {
            // A little larger than the current one, so that its hollow shows at 10 pt.
            star.faceColor = s.theme.background
            star.edgeWidthPixels = s.px(1.3)
            star.sizePixels = size * 1.2
        }
        star.casing = onMap ? s.mapCasing : s.markerHalo
        return star
    }
}
