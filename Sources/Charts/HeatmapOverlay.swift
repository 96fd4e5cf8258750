// What a heatmap draws over its cells: contour lines (edges between nice-number bands, on a
// braille canvas), the path polyline, data points in class colours, the minimum, and the colour bar.
import Glibc

extension Heatmap {
    func drawOverlay(into buffer: inout CellBuffer, axes: Axes, bounds: (Double, Double)?, profile: RenderProfile) {
        let plot = axes.plot
        var canvas = DotCanvas(columns: plot.width, rows: plot.height, resolution: profile.isUnicode ? .braille : .markers)
        // Contours only over colour: on shade glyphs the bands already are the levels.
        if coloring == .ramp && contourLevels > 0 && profile.usesRamps, let (lo, hi) = bounds, hi > lo {
            drawContours(
                on: &canvas, levels: AxisScale.linear(min: lo, max: hi, targetTicks: contourLevels + 2, extended: false).ticks)
        }
        if path.count >= 1 {
            let dotAxes = Axes(plot: plot, x: axes.x, y: axes.y, dots: canvas.dotsPerCell)
            for k in path.indices {
                let a = dotAxes.dot(path[k].x, path[k].y)
                canvas.line(from: a, to: k + 1 < path.count ? dotAxes.dot(path[k + 1].x, path[k + 1].y) : a, layer: 1)
            }
        }
        let contourStyle = CellStyle(foreground: profile.adapted(.indexed(252)))
        let pathStyle = CellStyle(foreground: profile.adapted(.indexed(15)), attributes: .bold)
        canvas.draw(into: &buffer, x: plot.x, y: plot.y, markers: [profile.glyph("·", "."), "*"]) {
            $0 == 1 ? pathStyle : contourStyle
        }
        if let end = path.last, end.x.isFinite, end.y.isFinite {
            let (c, r) = (axes.column(end.x), axes.row(end.y))
            if c >= 0, c < plot.width, r >= 0, r < plot.height {
                buffer.put(profile.glyph("●", "@"), x: plot.x + c, y: plot.y + r, style: pathStyle)
            }
        }
    }

    /// Sets a dot wherever the band (how many levels lie at or below the value) changes between a
    /// dot and its right or lower neighbour: the level sets, at dot resolution.
    func drawContours(on canvas: inout DotCanvas, levels: [Double]) {
        let (w, h) = (canvas.dotWidth, canvas.dotHeight)
        guard w > 1, h > 1, !levels.isEmpty else { return }
        let grid = GridSampler(self)
        var bands = [Int](repeating: -1, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let v = grid.sampleAt(column: x, dotRow: y, plotWidth: w, dotRows: h)
                guard v.isFinite else { continue }
                var band = 0
                while band < levels.count && levels[band] <= v { band += 1 }
                bands[y * w + x] = band
            }
        }
        for y in 0..<h {
            for x in 0..<w where bands[y * w + x] >= 0 {
                let b = bands[y * w + x]
                let right = x + 1 < w ? bands[y * w + x + 1] : b, below = y + 1 < h ? bands[(y + 1) * w + x] : b
                if (right >= 0 && right != b) || (below >= 0 && below != b) { canvas.set(x: x, y: y, layer: 0) }
            }
        }
    }

    func drawPoints(into buffer: inout CellBuffer, axes: Axes, profile: RenderProfile) {
        let plot = axes.plot
        for p in points where p.x.isFinite && p.y.isFinite {
            let (c, r) = (axes.column(p.x), axes.row(p.y))
            guard c >= 0, c < plot.width, r >= 0, r < plot.height else { continue }
            var style = CategoricalColors.style(p.classIndex, bright: true, profile: profile)
            style.attributes.insert(.bold)
            // On the region's own colour (the lower half of a half-block cell), so a point of one
            // class inside another's region reads as a bright dot on that region, not a hole.
            style.background = buffer[x: plot.x + c, y: plot.y + r].style.background
            buffer.put(CategoricalColors.classGlyph(p.classIndex, profile: profile), x: plot.x + c, y: plot.y + r, style: style)
        }
        guard marksMinimum, let m = minimum(), columns > 0, rows > 0 else { return }
        let x = xMin + (columns > 1 ? Double(m.column) / Double(columns - 1) : 0) * (xMax - xMin)
        let y = yMin + (rows > 1 ? Double(m.row) / Double(rows - 1) : 0) * (yMax - yMin)
        let (c, r) = (axes.column(x), axes.row(y))
        if c >= 0, c < plot.width, r >= 0, r < plot.height {
            buffer.put(minimumGlyph(profile), x: plot.x + c, y: plot.y + r, style: minimumStyle(profile))
        }
    }

    func colorBar(bounds: (Double, Double)?, rows: Int) -> ColorBar? {
        guard coloring == .ramp, let (lo, hi) = bounds else { return nil }
        return ColorBar(
            lower: lo, upper: hi, logScale: logScale,
            ticks: AxisScale.linear(
                min: lo, max: hi, targetTicks: max(2, rows / 3 + 1), extended: false))
    }
}

/// A vertical ramp beside a heatmap, with value labels (log scales label 10^tick).
struct ColorBar {
    var lower: Double
    var upper: Double
    var logScale: Bool
    var ticks: AxisScale

    func label(_ t: Double) -> String {
        logScale ? NumberFormat.compact(power10Fractional(t), significant: 2) : ticks.label(t)
    }

    /// Tick positions (in the scaled space) and their labels; decades and 2-5 steps on a log scale.
    var labels: [(Double, String)] {
        guard upper > lower else { return [(lower, label(lower))] }
        guard logScale else { return ticks.ticks.map { ($0, label($0)) } }
        let decades = AxisScale.logarithmic(
            min: power10Fractional(lower), max: power10Fractional(upper),
            targetTicks: ticks.ticks.count)
        let inside = decades.ticks.map { log10($0) }.filter { $0 >= lower - 1e-9 && $0 <= upper + 1e-9 }
        let values = inside.count >= 2 ? inside : [lower, upper]
        return values.map { ($0, label($0)) }
    }

    /// Two ramp columns, a space, the widest label.
    var width: Int { 3 + (labels.map(\.1.count).max() ?? 1) }

    func draw(into buffer: inout CellBuffer, x: Int, y: Int, height: Int, profile: RenderProfile) {
        guard height > 0 else { return }
        let half = profile.isUnicode && profile.usesRamps
        let pixels = Double(max(1, height * (half ? 2 : 1) - 1))
        for row in 0..<height {
            let upperT = 1 - Double(half ? 2 * row : row) / pixels, lowerT = 1 - Double(2 * row + 1) / pixels
            let cell: Cell
            if half {
                cell = Cell(
                    "▀",
                    style: CellStyle(
                        foreground: ColorRamp.viridis.color(at: upperT) ?? .default,
                        background: ColorRamp.viridis.color(at: lowerT) ?? .default))
            } else if profile.usesRamps {
                cell = Cell(" ", style: CellStyle(background: ColorRamp.viridis.color(at: upperT) ?? .default))
            } else {
                cell = Cell(ShadeRamp.glyph(at: upperT, profile: profile))
            }
            buffer[x: x, y: y + row] = cell
            buffer[x: x + 1, y: y + row] = cell
        }
        var usedRows = Set<Int>()
        let ends = [(upper, label(upper)), (lower, label(lower))]
        for (value, text) in ends + labels {
            let t = upper > lower ? (value - lower) / (upper - lower) : 0.5
            let row = y + clampedInt(((1 - t) * Double(height - 1)).rounded())
            guard usedRows.insert(row).inserted else { continue }
            buffer.write(text, x: x + 3, y: row)
        }
    }
}

/// 10^t for fractional t (log colour-bar labels).
func power10Fractional(_ t: Double) -> Double {
    pow(10, max(-330, min(330, t)))
}
