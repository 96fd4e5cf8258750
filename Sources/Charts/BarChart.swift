// Horizontal bar charts: one row per label and series, bars at eighth-block resolution with the
// value printed after them; a log scale (with a decade axis) for per-layer norms that span many
// orders of magnitude.
import Glibc

/// Labelled horizontal bars, optionally several series per label (weights and gradients).
public struct BarChart: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        /// One value per label; NaN, ±inf and (on a log scale) values ≤ 0 draw no bar.
        public var values: [Double]
        public var color: Int?

        public init(name: String, values: [Double], color: Int? = nil) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    public var title: String?
    public var labels: [String]
    public var series: [Series]
    public var logScale: Bool
    /// The value of a full-width bar on a linear scale (100 for percentages); nil: the largest value.
    public var maximum: Double?

    public init(
        title: String? = nil, labels: [String], series: [Series], logScale: Bool = false, maximum: Double? = nil
    ) {
        self.title = title
        self.labels = labels
        self.series = series
        self.logScale = logScale
        self.maximum = maximum
    }

    /// A single-series chart.
    public init(
        title: String? = nil, labels: [String], values: [Double], logScale: Bool = false, maximum: Double? = nil
    ) {
        self.init(
            title: title, labels: labels, series: [Series(name: "", values: values)], logScale: logScale, maximum: maximum)
    }

    var headerRows: Int { (title ?? "").isEmpty && series.count < 2 ? 0 : 1 }
    var axisRows: Int { logScale ? 1 : 0 }

    public func preferredHeight(width: Int) -> Int {
        headerRows + max(1, labels.count * max(1, series.count)) + axisRows
    }

    func value(_ s: Int, _ i: Int) -> Double {
        i < series[s].values.count ? series[s].values[i] : .nan
    }

    func isDrawable(_ v: Double) -> Bool { v.isFinite && (logScale ? v > 0 : v >= 0) }

    /// Maps a value to a fraction of the bar width: linear from 0, or log over the decades shown.
    func scale() -> (Double) -> Double {
        let values = series.indices.flatMap { s in labels.indices.map { value(s, $0) } }.filter(isDrawable)
        let top = maximum.flatMap { $0 > 0 ? $0 : nil } ?? values.max() ?? 1
        guard logScale else { return { top > 0 ? $0 / top : 0 } }
        let (lo, hi) = logBounds(values)
        return { (log10($0) - lo) / (hi - lo) }
    }

    /// Log₁₀ bounds: a decade below the smallest value (so it still shows a bar) to the largest.
    func logBounds(_ values: [Double]) -> (Double, Double) {
        let hi = log10(values.max() ?? 10), lo = floor(log10(values.min() ?? 1)) - (values.isEmpty ? 1 : 0.5)
        return (lo, max(hi, lo + 1))
    }
}

extension BarChart {
    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        let entries = series.indices.filter { series.count > 1 && !series[$0].name.isEmpty }.map { s in
            LegendEntry(sample: profile.isUnicode ? "██" : "##", style: style(s, profile), name: series[s].name)
        }
        let head = Header(title: title, entries: entries)
        let headRows = min(headerRows, head.rows(width: buffer.width, available: 1))
        head.draw(into: &buffer, area: buffer.bounds, rows: headRows, profile: profile)
        guard !labels.isEmpty, !series.isEmpty else {
            buffer.write("no bars", x: 0, y: headRows, style: .dim)
            return buffer
        }
        drawRows(into: &buffer, top: headRows, profile: profile)
        return buffer
    }

    func style(_ s: Int, _ profile: RenderProfile) -> CellStyle {
        CategoricalColors.style(series[s].color ?? s, bright: true, profile: profile)
    }

    func formatted(_ v: Double) -> String { v.isNaN ? "-" : NumberFormat.compact(v) }

    func drawRows(into buffer: inout CellBuffer, top: Int, profile: RenderProfile) {
        let labelWidth = min(labels.map(\.count).max() ?? 0, buffer.width / 3)
        let tagWidth = series.count > 1 ? min(series.map(\.name.count).max() ?? 0, 8) : 0
        let valueWidth = series.indices.flatMap { s in labels.indices.map { formatted(value(s, $0)).count } }.max() ?? 1
        let barStart = labelWidth + 1 + (tagWidth > 0 ? tagWidth + 1 : 0)
        let barWidth = buffer.width - barStart - valueWidth - 1
        let fraction = scale()
        let rowCount = labels.count * series.count
        let available = buffer.height - top - (logScale && barWidth >= 8 ? 1 : 0)
        let shown = rowCount <= available ? rowCount : max(0, available - 1)
        for r in 0..<shown {
            let (i, s) = (r / series.count, r % series.count)
            let y = top + r
            if s == 0 { buffer.write(clipped(labels[i], to: labelWidth, profile: profile), x: 0, y: y) }
            if tagWidth > 0 {
                buffer.write(clipped(series[s].name, to: tagWidth, profile: profile), x: labelWidth + 1, y: y, style: .dim)
            }
            let v = value(s, i)
            var end = barStart
            if barWidth >= 2 && isDrawable(v) {
                let length = max(0, min(1, fraction(v))) * Double(barWidth)
                end = buffer.write(
                    Glyphs.horizontalBar(length: max(length, 0.125), profile: profile), x: barStart, y: y,
                    style: style(s, profile))
            }
            buffer.write(formatted(v), x: end + 1, y: y)
        }
        if shown < rowCount {
            buffer.write(
                String(Glyphs.ellipsis(profile)) + " \(labels.count - shown / series.count) more", x: 0, y: top + shown,
                style: .dim)
        } else if logScale && barWidth >= 8 {
            drawLogAxis(into: &buffer, x: barStart, y: top + shown, width: barWidth)
        }
    }

    /// Decade labels under log-scale bars, placed where the bars reach and never overlapping.
    func drawLogAxis(into buffer: inout CellBuffer, x: Int, y: Int, width: Int) {
        let values = series.indices.flatMap { s in labels.indices.map { value(s, $0) } }.filter(isDrawable)
        let (lo, hi) = logBounds(values)
        var nextFree = x
        for decade in clampedInt(ceil(lo))...max(clampedInt(ceil(lo)), clampedInt(floor(hi))) {
            let column = x + clampedInt(((Double(decade) - lo) / (hi - lo) * Double(width)).rounded())
            let label = NumberFormat.compact(power10(decade), significant: 1)
            guard column >= nextFree, column + label.count <= buffer.width else { continue }
            buffer.write(label, x: column, y: y, style: .dim)
            nextFree = column + label.count + 2
        }
    }
}
