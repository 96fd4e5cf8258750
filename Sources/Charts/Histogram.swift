// Histograms (bin counts over a range, drawn with eighth-block columns) and small multiples:
// a grid of histograms with titles, e.g. one per layer for `hist a weights`.
import Glibc

/// Counts of values in equal bins over [lower, upper].
public struct Histogram: Sendable, Equatable {
    public var title: String?
    public var counts: [Double]
    public var lower: Double
    public var upper: Double
    /// Categorical colour (0–9).
    public var color: Int?

    public init(title: String? = nil, counts: [Double], lower: Double, upper: Double, color: Int? = nil) {
        self.title = title
        self.counts = counts
        self.lower = lower
        self.upper = upper
        self.color = color
    }

    /// Bins `values` into `bins` equal bins over the given range (default: the finite data's).
    /// Non-finite values and values outside the range are not counted.
    public init(
        title: String? = nil, binning values: [Double], bins: Int, lower: Double? = nil, upper: Double? = nil,
        color: Int? = nil
    ) {
        let finite = values.filter(\.isFinite)
        var lo = lower ?? finite.min() ?? 0, hi = upper ?? finite.max() ?? 1
        if !(lo.isFinite && hi.isFinite) { (lo, hi) = (0, 1) }
        if hi <= lo { (lo, hi) = (lo - 0.5, lo + 0.5) }
        let n = max(1, min(bins, 10_000))
        var counts = Array(repeating: 0.0, count: n)
        for v in finite where v >= lo && v <= hi {
            let i = min(n - 1, clampedInt(((v - lo) / (hi - lo) * Double(n)).rounded(.down)))
            counts[max(0, i)] += 1
        }
        self.init(title: title, counts: counts, lower: lo, upper: hi, color: color)
    }

    public func preferredHeight(width: Int) -> Int { 8 }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        draw(into: &buffer, area: buffer.bounds, profile: profile)
        return buffer
    }

    /// Title row, eighth-block columns, and a row with the range's ends (and 0 when inside).
    func draw(into buffer: inout CellBuffer, area: Rect, profile: RenderProfile) {
        guard !area.isEmpty else { return }
        let style = CategoricalColors.style(color ?? 0, bright: true, profile: profile)
        guard area.height >= 3, area.width >= 6 else {
            let label = title.map { clipped($0, to: area.width / 2, profile: profile) }
            Sparkline(label: label, values: counts, color: color, showsLast: false)
                .draw(into: &buffer, x: area.x, y: area.y, width: area.width, profile: profile)
            return
        }
        let peak = counts.filter(\.isFinite).max() ?? 0
        let peakText = "peak " + NumberFormat.compact(peak)
        let titleText = clipped(title ?? "", to: area.width, profile: profile)
        buffer.write(titleText, x: area.x, y: area.y, style: .bold, clip: area)
        if titleText.count + peakText.count + 2 <= area.width {
            buffer.write(peakText, x: area.maxX - peakText.count, y: area.y, style: .dim, clip: area)
        }
        let bars = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        drawBars(into: &buffer, area: bars, peak: peak, style: style, profile: profile)
        drawRangeLabels(into: &buffer, row: area.maxY - 1, area: area, bars: bars)
    }

    /// The counts merged or spread over `columns`: one value per column.
    func columnCounts(_ columns: Int) -> [Double] {
        let n = counts.count
        guard n > 0, columns > 0 else { return [] }
        if n <= columns {
            let perBin = columns / n
            return (0..<(perBin * n)).map { counts[$0 / perBin] }
        }
        return (0..<columns).map { c in
            let start = c * n / columns, end = max(start + 1, (c + 1) * n / columns)
            return counts[start..<min(end, n)].filter(\.isFinite).reduce(0, +)
        }
    }

    func drawBars(into buffer: inout CellBuffer, area: Rect, peak: Double, style: CellStyle, profile: RenderProfile) {
        let columns = columnCounts(area.width)
        let top = columns.filter(\.isFinite).max() ?? peak
        guard top > 0 else { return }
        for (i, count) in columns.enumerated() where count.isFinite && count > 0 {
            var eighths = clampedInt((count / top * Double(area.height * 8)).rounded())
            eighths = max(1, eighths)
            var row = area.maxY - 1
            while eighths > 0 && row >= area.y {
                buffer.put(Glyphs.vertical(eighths: min(8, eighths), profile: profile), x: area.x + i, y: row, style: style)
                eighths -= 8
                row -= 1
            }
        }
    }

    func drawRangeLabels(into buffer: inout CellBuffer, row: Int, area: Rect, bars: Rect) {
        guard lower.isFinite, upper.isFinite else { return }
        let step = AxisScale.niceStep(abs(upper - lower) / 10)
        let lo = NumberFormat.compact(lower, step: step), hi = NumberFormat.compact(upper, step: step)
        let style = CellStyle.dim
        let used = columnCounts(bars.width).count
        let end = min(area.maxX, max(area.x + used, area.x + lo.count + 1 + hi.count))
        buffer.write(lo, x: area.x, y: row, style: style, clip: area)
        if lo.count + hi.count + 1 <= area.width {
            buffer.write(hi, x: end - hi.count, y: row, style: style, clip: area)
        }
        guard lower < 0, upper > 0 else { return }
        let zero = area.x + clampedInt((-lower / (upper - lower) * Double(used)).rounded(.down))
        if zero - 1 > area.x + lo.count, zero + 1 < end - hi.count {
            buffer.write("0", x: zero, y: row, style: style, clip: area)
        }
    }
}
