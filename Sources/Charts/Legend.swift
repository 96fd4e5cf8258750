// Chart headers: a bold title on the left and a legend of coloured samples on the right, moved
// to a second row (or dropped, then truncated) when the width is short.

/// One legend entry: a short sample drawn in the series' style, then its name.
struct LegendEntry {
    var sample: String
    var style: CellStyle
    var name: String

    var width: Int { sample.unicodeScalars.count + 1 + name.count }
}

/// A title plus legend, laid out over one or two rows.
struct Header {
    var title: String?
    var entries: [LegendEntry]

    var legendWidth: Int {
        entries.isEmpty ? 0 : entries.map(\.width).reduce(0, +) + 2 * (entries.count - 1)
    }

    /// Rows the header needs at this width, given at most `available` rows for it.
    func rows(width: Int, available: Int) -> Int {
        let hasTitle = !(title ?? "").isEmpty
        if !hasTitle && entries.isEmpty { return 0 }
        if !hasTitle || entries.isEmpty { return min(1, available) }
        let fitsOnOne = (title ?? "").count + 2 + legendWidth <= width
        return fitsOnOne ? min(1, available) : min(2, available)
    }

    /// Draws the header into the top `rows` rows of `area`.
    func draw(into buffer: inout CellBuffer, area: Rect, rows: Int, profile: RenderProfile) {
        guard rows > 0 else { return }
        let titleText = title ?? ""
        var legendRow = area.y
        var legendStart = area.maxX - legendWidth
        if !titleText.isEmpty {
            buffer.write(clipped(titleText, to: area.width, profile: profile), x: area.x, y: area.y, style: .bold, clip: area)
            if titleText.count + 2 + legendWidth > area.width {
                guard rows >= 2 else { return }
                legendRow = area.y + 1
                legendStart = area.x
            }
        } else {
            legendStart = max(area.x, legendStart)
        }
        drawLegend(into: &buffer, x: max(area.x, legendStart), y: legendRow, clip: area)
    }

    func drawLegend(into buffer: inout CellBuffer, x: Int, y: Int, clip: Rect) {
        var column = x
        for entry in entries {
            column = buffer.write(entry.sample, x: column, y: y, style: entry.style, clip: clip)
            column = buffer.write(" " + entry.name, x: column, y: y, clip: clip) + 2
            if column >= clip.maxX { return }
        }
    }
}

/// `text` cut to `width` columns with a trailing ellipsis when it is longer.
func clipped(_ text: String, to width: Int, profile: RenderProfile) -> String {
    guard width > 0 else { return "" }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > width else { return text }
    var view = String.UnicodeScalarView(scalars.prefix(width - 1))
    view.append(Glyphs.ellipsis(profile))
    return String(view)
}
