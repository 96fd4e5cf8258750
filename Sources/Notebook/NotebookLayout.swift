// Where everything goes on screen. From the bottom: the status line, the input (one row per
// line of a `{ }` block, at most six), the Tab candidates, then the cells. While a run is in
// flight the dashboard takes the right-hand side on a wide terminal (≥ 140 columns) or a band
// above the input on a narrower one.
import Charts

struct NotebookLayout: Equatable {
    var cells: Rect
    var dashboard: Rect?
    /// The rule between the cells and the dashboard (a column or a row).
    var divider: Rect?
    var completions: Rect?
    var input: Rect
    var status: Rect

    static let minimumWidth = 30
    static let minimumHeight = 8
    static let wideWidth = 140
    static let maximumInputRows = 6
}

extension NotebookState {
    var isTooSmall: Bool { width < NotebookLayout.minimumWidth || height < NotebookLayout.minimumHeight }

    func layout() -> NotebookLayout {
        let status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let inputRows = search != nil ? 1 : min(input.lines.count, NotebookLayout.maximumInputRows)
        let input = Rect(x: 0, y: status.y - inputRows, width: width, height: inputRows)
        let completions = self.completions.isEmpty ? nil : Rect(x: 0, y: input.y - 1, width: width, height: 1)
        let above = Rect(x: 0, y: 0, width: width, height: completions?.y ?? input.y)
        var layout = NotebookLayout(cells: above, input: input, status: status)
        layout.completions = completions
        guard live != nil else { return layout }
        if width >= NotebookLayout.wideWidth {
            let w = max(60, width * 2 / 5)
            layout.dashboard = Rect(x: width - w, y: 0, width: w, height: above.height)
            layout.divider = Rect(x: width - w - 1, y: 0, width: 1, height: above.height)
            layout.cells = Rect(x: 0, y: 0, width: width - w - 1, height: above.height)
        } else {
            let h = above.height < 16 ? above.height / 2 : min(18, above.height * 45 / 100)
            layout.dashboard = Rect(x: 0, y: above.maxY - h, width: width, height: h)
            layout.divider = Rect(x: 0, y: above.maxY - h - 1, width: width, height: 1)
            layout.cells = Rect(x: 0, y: 0, width: width, height: above.height - h - 1)
        }
        return layout
    }

    /// The tallest a chart in a cell is drawn: the screen less the input and status lines.
    var chartHeight: Int { max(5, height - 4) }

    /// The first row of each cell in the column of cells `width` wide, and the total at the end.
    /// Renders (and caches) any cell not yet drawn at this width.
    mutating func cellOffsets(width: Int) -> [Int] {
        var offsets = [0]
        offsets.reserveCapacity(cells.count + 1)
        for i in cells.indices {
            offsets.append(offsets[i] + renderedCell(i, width: width).height)
        }
        return offsets
    }

    mutating func renderedCell(_ i: Int, width: Int) -> CellBuffer {
        let c = cells[i]
        let key = CellRenderKey(
            width: width, chartHeight: chartHeight, collapsed: c.collapsed, running: c.running, failed: c.failed)
        if let cache = c.cache, cache.key == key { return cache.buffer }
        let buffer = CellRenderer(profile: profile, chartHeight: chartHeight).render(c, width: width)
        cells[i].cache = CellCache(key: key, buffer: buffer)
        return buffer
    }
}
