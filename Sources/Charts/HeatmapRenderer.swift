// Draws a Heatmap: half-block pixels (▀, foreground = upper, background = lower) in 256 colours,
// background-coloured spaces in ASCII, shade glyphs without a ramp; then contours and the path
// on a braille overlay, data points, the minimum, axes and a colour bar with tick labels — or
// the fill alone, as a thumbnail.

extension Heatmap {
    public func preferredHeight(width: Int) -> Int {
        // A matrix of cells reads at two text rows a cell (one when it has many rows).
        if cells { return max(6, min(24, rows * (rows > 12 ? 1 : 2))) + 3 }
        let plotWidth = max(4, width - 14)
        let aspect = columns > 0 && rows > 0 ? Double(rows) / Double(columns) : 1
        return max(8, min(24, clampedInt(Double(plotWidth) * aspect / 2))) + 3
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        let bounds = valueBounds()
        let head = Header(title: title ?? yLabel, entries: legendEntries(profile: profile))
        let headRows = head.rows(width: buffer.width, available: max(0, buffer.height - 5))
        let area = Rect(x: 0, y: headRows, width: buffer.width, height: buffer.height - headRows)
        let bar = colorBar(bounds: bounds, rows: area.height - 2)
        let dots = (x: 1, y: halfBlocks(profile) ? 2 : 1)
        guard
            let axes = Axes.layout(
                in: area, rightReserve: bar.map { $0.width + 1 } ?? 0, dots: dots,
                yScale: { .linear(min: yMin, max: yMax, targetTicks: $0, extended: false) },
                xScale: { w, _ in .linear(min: xMin, max: xMax, targetTicks: max(2, w / 9), extended: false) })
        else {
            drawCells(into: &buffer, plot: buffer.bounds, bounds: bounds, profile: profile)
            return buffer
        }
        head.draw(into: &buffer, area: buffer.bounds, rows: headRows, profile: profile)
        axes.draw(into: &buffer, profile: profile, xLabel: xLabel)
        drawCells(into: &buffer, plot: axes.plot, bounds: bounds, profile: profile)
        drawOverlay(into: &buffer, axes: axes, bounds: bounds, profile: profile)
        drawPoints(into: &buffer, axes: axes, profile: profile)
        bar?.draw(into: &buffer, x: axes.plot.maxX + 1, y: axes.plot.y, height: axes.plot.height, profile: profile)
        // A scatter of data points over no grid (`show` of 2-D data) has data: only a chart with
        // neither says so.
        if bounds == nil && points.isEmpty && path.isEmpty {
            buffer.write("no data", x: axes.plot.x + 1, y: axes.plot.y, style: .dim, clip: axes.plot)
        }
        return buffer
    }

    /// The fill alone — no title, axes, overlay or points — over the whole buffer: a thumbnail
    /// (the live dashboard's decision regions when there is no room for axes).
    public func renderedFill(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        drawCells(into: &buffer, plot: buffer.bounds, bounds: valueBounds(), profile: profile)
        return buffer
    }

    /// Two pixels per cell when the profile has Unicode and the colours the fill needs.
    func halfBlocks(_ profile: RenderProfile) -> Bool {
        profile.isUnicode && profile.colors == .palette256
    }

    func legendEntries(profile: RenderProfile) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        if coloring == .classes && (profile.hasColor || !classNames.isEmpty) {
            for k in 0..<classCount() {
                let name = k < classNames.count ? classNames[k] : String(k)
                entries.append(
                    LegendEntry(
                        sample: String(CategoricalColors.classGlyph(k, profile: profile)),
                        style: CategoricalColors.style(k, bright: true, profile: profile), name: name))
            }
        }
        if marksMinimum, let m = minimum() {
            entries.append(
                LegendEntry(
                    sample: String(minimumGlyph(profile)), style: minimumStyle(profile),
                    name: "min " + NumberFormat.compact(m.value)))
        }
        return entries
    }

    func minimumGlyph(_ profile: RenderProfile) -> Unicode.Scalar { profile.glyph("◆", "X") }
    func minimumStyle(_ profile: RenderProfile) -> CellStyle {
        CellStyle(foreground: profile.adapted(.indexed(196)), attributes: .bold)
    }

    /// Where value `v` (already scaled) sits between the bounds, 0.5 when they are equal.
    func position(_ v: Double, _ bounds: (Double, Double)?) -> Double {
        guard let (lo, hi) = bounds, v.isFinite else { return .nan }
        return hi > lo ? (v - lo) / (hi - lo) : 0.5
    }

    // MARK: fill

    func drawCells(into buffer: inout CellBuffer, plot: Rect, bounds: (Double, Double)?, profile: RenderProfile) {
        let grid = GridSampler(self)
        let half = halfBlocks(profile)
        let dotRows = plot.height * (half ? 2 : 1)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let upper = grid.sampleAt(column: column, dotRow: half ? 2 * row : row, plotWidth: plot.width, dotRows: dotRows)
                let lower =
                    half ? grid.sampleAt(column: column, dotRow: 2 * row + 1, plotWidth: plot.width, dotRows: dotRows) : upper
                let cell =
                    half
                    ? halfBlockCell(upper, lower, bounds: bounds, profile: profile)
                    : singleCell(upper, at: (column, row), plot: plot, grid: grid, bounds: bounds, profile: profile)
                buffer[x: plot.x + column, y: plot.y + row] = cell
            }
        }
    }

    func pixelColor(_ v: Double, bounds: (Double, Double)?, profile: RenderProfile) -> Color? {
        guard v.isFinite else { return nil }
        if coloring == .classes { return CategoricalColors.regionColor(clampedInt(v), profile: profile) }
        return ColorRamp.viridis.color(at: position(v, bounds))
    }

    func halfBlockCell(_ upper: Double, _ lower: Double, bounds: (Double, Double)?, profile: RenderProfile) -> Cell {
        let top = pixelColor(upper, bounds: bounds, profile: profile)
        let bottom = pixelColor(lower, bounds: bounds, profile: profile)
        switch (top, bottom) {
        case let (t?, b?): return Cell("▀", style: CellStyle(foreground: t, background: b))
        case let (t?, nil): return Cell("▀", style: CellStyle(foreground: t))
        case let (nil, b?): return Cell("▄", style: CellStyle(foreground: b))
        case (nil, nil): return .blank
        }
    }

    /// One sample per cell: a coloured space (ASCII with colour), a shade glyph, a tinted class
    /// shade, or — classes without colour — a dot where the class changes.
    func singleCell(
        _ v: Double, at cell: (column: Int, row: Int), plot: Rect, grid: GridSampler,
        bounds: (Double, Double)?, profile: RenderProfile
    ) -> Cell {
        let (column, row) = cell
        guard v.isFinite else { return .blank }
        if coloring == .ramp {
            if profile.usesRamps {
                return Cell(" ", style: CellStyle(background: pixelColor(v, bounds: bounds, profile: profile) ?? .default))
            }
            return Cell(ShadeRamp.glyph(at: position(v, bounds), profile: profile))
        }
        if profile.hasColor {
            let style = CellStyle(foreground: CategoricalColors.color(clampedInt(v), bright: false, profile: profile))
            return Cell(profile.glyph("░", "."), style: style)
        }
        let right = grid.sampleAt(column: column + 1, dotRow: row, plotWidth: plot.width, dotRows: plot.height)
        let below = grid.sampleAt(column: column, dotRow: row + 1, plotWidth: plot.width, dotRows: plot.height)
        let edge = (column + 1 < plot.width && right != v) || (row + 1 < plot.height && below != v)
        return edge ? Cell(profile.glyph("·", ".")) : .blank
    }
}
