// The frame shared by line charts and heatmaps: y tick labels on the left, an x axis with tick
// labels below, and the plot rectangle inside. Labels that would collide are dropped.

/// A laid-out pair of axes inside a buffer.
struct Axes {
    var plot: Rect
    var x: AxisScale
    var y: AxisScale
    /// Dots per cell of the canvas drawn inside (maps values to the same rows as tick marks).
    var dots: (x: Int, y: Int)

    /// Lays out axes in `area`, leaving `rightReserve` columns free on the right (colour bar).
    /// Nil when the area is too small for a plot of at least 4 × 2 cells.
    static func layout(
        in area: Rect, rightReserve: Int = 0, dots: (x: Int, y: Int),
        yScale: (Int) -> AxisScale, xScale: (Int, Int) -> AxisScale
    ) -> Axes? {
        let plotHeight = area.height - 2
        guard plotHeight >= 2 else { return nil }
        let y = yScale(max(2, plotHeight / 3 + 1))
        let labelWidth = y.ticks.map { y.label($0).count }.max() ?? 1
        let left = area.x + labelWidth + 1
        let plotWidth = area.maxX - left - rightReserve - 1
        guard plotWidth >= 4 else { return nil }
        let x = xScale(plotWidth, labelWidth)
        return Axes(plot: Rect(x: left, y: area.y, width: plotWidth, height: plotHeight), x: x, y: y, dots: dots)
    }

    /// Dot coordinates of a data point (y grows downward); NaN when it cannot be shown.
    func dot(_ vx: Double, _ vy: Double) -> (x: Double, y: Double) {
        let fx = x.fraction(vx), fy = y.fraction(vy)
        return (fx * Double(plot.width * dots.x - 1), (1 - fy) * Double(plot.height * dots.y - 1))
    }

    /// Plot-relative column of an x value (may fall outside the plot).
    func column(_ vx: Double) -> Int {
        clampedInt((x.fraction(vx) * Double(plot.width * dots.x - 1)).rounded()) / dots.x
    }

    /// Plot-relative row of a y value (may fall outside the plot).
    func row(_ vy: Double) -> Int {
        let dy = clampedInt(((1 - y.fraction(vy)) * Double(plot.height * dots.y - 1)).rounded())
        return dy >= 0 ? dy / dots.y : -1
    }

    /// Draws both axes, their ticks and labels, and `xLabel` at the right end of the label row if it fits.
    func draw(into buffer: inout CellBuffer, profile: RenderProfile, xLabel: String?) {
        let axis = CellStyle(foreground: profile.adapted(.gray))
        let labelStyle = CellStyle.plain
        let axisColumn = plot.x - 1, axisRow = plot.maxY
        for row in plot.y..<plot.maxY { buffer.put(Glyphs.verticalLine(profile), x: axisColumn, y: row, style: axis) }
        for column in plot.x..<plot.maxX { buffer.put(Glyphs.horizontalLine(profile), x: column, y: axisRow, style: axis) }
        buffer.put(profile.glyph("└", "+"), x: axisColumn, y: axisRow, style: axis)
        var usedRows = Set<Int>()
        for tick in y.ticks {
            let row = plot.y + self.row(tick)
            guard row >= plot.y, row < plot.maxY, usedRows.insert(row).inserted else { continue }
            let label = y.label(tick)
            buffer.put(profile.glyph("┤", "+"), x: axisColumn, y: row, style: axis)
            buffer.write(label, x: axisColumn - label.count, y: row, style: labelStyle)
        }
        let end = drawXLabels(into: &buffer, profile: profile, style: labelStyle)
        if let xLabel, !xLabel.isEmpty, plot.maxX - xLabel.count > end {
            buffer.write(xLabel, x: plot.maxX - xLabel.count, y: axisRow + 1, style: labelStyle)
        }
    }

    /// Tick marks on the x axis and their labels, centred and never overlapping.
    /// Returns the column after the last label.
    func drawXLabels(into buffer: inout CellBuffer, profile: RenderProfile, style: CellStyle) -> Int {
        var nextFree = 0
        for tick in x.ticks {
            let column = plot.x + self.column(tick)
            guard column >= plot.x, column < plot.maxX else { continue }
            let label = x.label(tick)
            let start = max(0, min(column - label.count / 2, buffer.width - label.count))
            guard start >= nextFree, start + label.count <= buffer.width else { continue }
            buffer.put(profile.glyph("┬", "+"), x: column, y: plot.maxY)
            buffer.write(label, x: start, y: plot.maxY + 1, style: style)
            nextFree = start + label.count + 2
        }
        return nextFree - 1
    }
}
