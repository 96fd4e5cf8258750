// Draws a LineChart: header and legend, axes with nice ticks, braille (or ASCII) curves with
// gaps at non-finite values, dotted marker lines and labelled points. Too small for axes, it
// falls back to one sparkline per series.

extension LineChart {
    static let unicodeMarkers: [Unicode.Scalar] = ["•", "+", "x", "o", "*", "#", "@", "%", "&", "="]
    static let asciiMarkers: [Unicode.Scalar] = ["*", "+", "x", "o", "#", "@", "%", "&", "=", "~"]

    /// A comfortable height for this width: about a quarter of it, 8–18 plot rows plus the header.
    public func preferredHeight(width: Int) -> Int {
        max(8, min(18, width / 4)) + 2 + header(profile: .standard).rows(width: width, available: 2)
    }

    /// The chart drawn into a fresh buffer of exactly `width` × `height` cells.
    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        let head = header(profile: profile)
        let headRows = head.rows(width: buffer.width, available: max(0, buffer.height - 5))
        let area = Rect(x: 0, y: headRows, width: buffer.width, height: buffer.height - headRows)
        let resolution = DotCanvas.resolution(for: profile, distinguishSeries: series.count > 1)
        let probe = DotCanvas(columns: 1, rows: 1, resolution: resolution)
        guard buffer.width >= 16,
            let axes = Axes.layout(
                in: area, dots: probe.dotsPerCell, yScale: yScale, xScale: { w, _ in xScale(plotWidth: w) })
        else {
            drawCompact(into: &buffer, profile: profile)
            return buffer
        }
        head.draw(into: &buffer, area: buffer.bounds, rows: headRows, profile: profile)
        axes.draw(into: &buffer, profile: profile, xLabel: xLabel)
        var canvas = DotCanvas(columns: axes.plot.width, rows: axes.plot.height, resolution: resolution)
        drawSeries(on: &canvas, axes: axes)
        drawMarkerLines(into: &buffer, canvas: canvas, axes: axes, profile: profile)
        canvas.draw(into: &buffer, x: axes.plot.x, y: axes.plot.y, markers: markerGlyphs(profile)) {
            CategoricalColors.style(colorIndex($0), bright: series[$0].emphasis == .bright, profile: profile)
        }
        drawMarkerLabels(into: &buffer, canvas: canvas, axes: axes, profile: profile)
        drawMarks(into: &buffer, canvas: canvas, axes: axes, profile: profile)
        if !series.contains(where: { $0.points.contains(where: isDrawable) }) {
            let note = "no data"
            buffer.write(
                note, x: axes.plot.x + (axes.plot.width - note.count) / 2, y: axes.plot.y + axes.plot.height / 2,
                style: .dim, clip: axes.plot)
        }
        return buffer
    }

    func header(profile: RenderProfile) -> Header {
        let resolution = DotCanvas.resolution(for: profile, distinguishSeries: series.count > 1)
        let markers = markerGlyphs(profile)
        let entries = series.indices.filter { !series[$0].name.isEmpty }.map { i -> LegendEntry in
            let sample =
                resolution == .markers
                ? String(markers[i % markers.count])
                : profile.isUnicode ? "──" : "--"
            let style = CategoricalColors.style(colorIndex(i), bright: series[i].emphasis == .bright, profile: profile)
            return LegendEntry(sample: sample, style: style, name: series[i].name)
        }
        return Header(title: title ?? yLabel, entries: entries)
    }

    /// A mark's glyph: a dot, or — without colour, when several series are told apart by markers —
    /// the marker of a legend-only series (no points of its own) with the mark's colour, so data
    /// points drawn as marks match their legend entry.
    func markGlyph(_ mark: MarkedPoint, profile: RenderProfile) -> Unicode.Scalar {
        let dot = profile.glyph("●", "o")
        guard !profile.hasColor, series.count > 1, let c = mark.color,
            let i = series.indices.first(where: { colorIndex($0) == c && series[$0].points.isEmpty })
        else { return dot }
        let markers = markerGlyphs(profile)
        return markers[i % markers.count]
    }

    func markerGlyphs(_ profile: RenderProfile) -> [Unicode.Scalar] {
        profile.isUnicode ? Self.unicodeMarkers : Self.asciiMarkers
    }

    // MARK: scales

    func yScale(targetTicks: Int) -> AxisScale {
        var values = series.flatMap { $0.points.filter(isDrawable).map(\.y) }
        values += marks.map(\.y).filter { $0.isFinite && (!logY || $0 > 0) }
        var lo = values.min() ?? (logY ? 0.1 : 0), hi = values.max() ?? 1
        if let yMin, yMin.isFinite, !logY || yMin > 0 { lo = yMin }
        if let yMax, yMax.isFinite, yMax > lo { hi = yMax }
        return logY
            ? .logarithmic(min: lo, max: hi, targetTicks: targetTicks)
            : .linear(min: lo, max: hi, targetTicks: targetTicks)
    }

    func xScale(plotWidth: Int) -> AxisScale {
        var values = series.flatMap { $0.points.filter(isDrawable).map(\.x) }
        values += (markers.map(\.x) + marks.map(\.x)).filter(\.isFinite)
        let integral = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let widest = max(NumberFormat.compact(lo).count, NumberFormat.compact(hi).count)
        return .linear(min: lo, max: hi, targetTicks: max(2, plotWidth / (widest + 6)), integral: integral, extended: false)
    }

    // MARK: drawing

    /// Series in order dim first, bright last, so validation curves sit on top.
    func drawSeries(on canvas: inout DotCanvas, axes: Axes) {
        let order =
            series.indices.filter { series[$0].emphasis == .dim } + series.indices.filter { series[$0].emphasis == .bright }
        for i in order {
            let points = series[i].points
            for (k, p) in points.enumerated() where isDrawable(p) {
                let a = axes.dot(p.x, p.y)
                let next = k + 1 < points.count && isDrawable(points[k + 1]) ? points[k + 1] : nil
                let previousDrawn = k > 0 && isDrawable(points[k - 1])
                if let next {
                    canvas.line(from: a, to: axes.dot(next.x, next.y), layer: i)
                } else if !previousDrawn {
                    canvas.line(from: a, to: a, layer: i)
                }
            }
        }
    }

    func drawMarkerLines(into buffer: inout CellBuffer, canvas: DotCanvas, axes: Axes, profile: RenderProfile) {
        let style = CellStyle(foreground: profile.adapted(.gray))
        for marker in markers where marker.x.isFinite {
            let column = axes.column(marker.x)
            guard column >= 0, column < axes.plot.width else { continue }
            for row in 0..<axes.plot.height where !canvas.isSet(column: column, row: row) {
                buffer.put(Glyphs.dottedVertical(profile), x: axes.plot.x + column, y: axes.plot.y + row, style: style)
            }
        }
    }

    func drawMarkerLabels(into buffer: inout CellBuffer, canvas: DotCanvas, axes: Axes, profile: RenderProfile) {
        for marker in markers where marker.x.isFinite && !marker.label.isEmpty {
            let column = axes.column(marker.x)
            guard column >= 0, column < axes.plot.width else { continue }
            let text = clipped(marker.label, to: max(1, axes.plot.width / 2), profile: profile)
            placeLabel(
                text, beside: column, rows: Array(0..<axes.plot.height), into: &buffer, canvas: canvas,
                axes: axes, style: CellStyle(attributes: .bold))
        }
    }

    func drawMarks(into buffer: inout CellBuffer, canvas: DotCanvas, axes: Axes, profile: RenderProfile) {
        for mark in marks where mark.x.isFinite && mark.y.isFinite {
            let column = axes.column(mark.x), row = axes.row(mark.y)
            guard column >= 0, column < axes.plot.width, row >= 0, row < axes.plot.height else { continue }
            var style = CellStyle(attributes: .bold)
            if let c = mark.color { style = CategoricalColors.style(c, bright: true, profile: profile) }
            style.attributes.insert(.bold)
            buffer.put(markGlyph(mark, profile: profile), x: axes.plot.x + column, y: axes.plot.y + row, style: style)
            guard !mark.label.isEmpty else { continue }
            let candidates = [row, row - 1, row + 1].filter { $0 >= 0 && $0 < axes.plot.height }
            placeLabel(
                mark.label, beside: column, rows: candidates, into: &buffer, canvas: canvas, axes: axes,
                style: style, avoidColumn: column)
        }
    }

    /// Writes a label next to plot column `column` (right, else left) in the first candidate row
    /// where it covers no curve; in the first candidate row when none is free.
    func placeLabel(
        _ text: String, beside column: Int, rows: [Int], into buffer: inout CellBuffer,
        canvas: DotCanvas, axes: Axes, style: CellStyle, avoidColumn: Int? = nil
    ) {
        let length = text.unicodeScalars.count
        let gap = avoidColumn == nil ? 1 : 2
        let right = column + gap, left = column - length - (gap - 1)
        let start = right + length <= axes.plot.width ? right : max(0, left)
        let free = { (row: Int) in (start..<(start + length)).allSatisfy { !canvas.isSet(column: $0, row: row) } }
        guard let row = rows.first(where: free) ?? rows.first else { return }
        buffer.write(text, x: axes.plot.x + start, y: axes.plot.y + row, style: style, clip: axes.plot)
    }

    /// Below axis size: one sparkline per series (as many as fit), or a short note.
    func drawCompact(into buffer: inout CellBuffer, profile: RenderProfile) {
        let shown = series.prefix(buffer.height)
        guard !shown.isEmpty else {
            buffer.write("no data", x: 0, y: 0, style: .dim)
            return
        }
        let labelWidth = min(buffer.width / 3, shown.map(\.name.count).max() ?? 0)
        for (row, s) in shown.enumerated() {
            let values = s.points.map { isDrawable($0) ? $0.y : .nan }
            let label = labelWidth > 0 ? clipped(s.name, to: labelWidth, profile: profile) : nil
            Sparkline(label: label, values: values, color: colorIndex(row), showsLast: buffer.width >= 24)
                .draw(into: &buffer, x: 0, y: row, width: buffer.width, profile: profile)
        }
    }
}
