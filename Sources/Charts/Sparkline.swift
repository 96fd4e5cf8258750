// Sparklines (one row of eighth blocks) and progress bars (fraction, label, ETA): the small
// widgets of the training dashboard and of charts too small for axes.

/// One row: an optional label, the recent values as eighth blocks, the last value.
public struct Sparkline: Sendable, Equatable {
    public var label: String?
    public var values: [Double]
    public var color: Int?
    /// Show the last finite value after the blocks.
    public var showsLast: Bool

    public init(label: String? = nil, values: [Double], color: Int? = nil, showsLast: Bool = true) {
        self.label = label
        self.values = values
        self.color = color
        self.showsLast = showsLast
    }

    public func preferredHeight(width: Int) -> Int { 1 }

    /// Draws into one row of `buffer` starting at `x`, `y`, at most `width` columns.
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, profile: RenderProfile) {
        let area = Rect(x: x, y: y, width: width, height: 1)
        var column = x
        if let label, !label.isEmpty { column = buffer.write(label + " ", x: column, y: y, clip: area) }
        let last = values.last { $0.isFinite }
        let tail = showsLast ? last.map { " " + NumberFormat.compact($0) } ?? "" : ""
        let room = area.maxX - column - tail.count
        guard room > 0 else { return }
        let shown = Array(values.suffix(room))
        let finite = shown.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let style = CellStyle(foreground: CategoricalColors.color(color ?? 0, bright: true, profile: profile))
        for (i, v) in shown.enumerated() where v.isFinite {
            let f = hi > lo ? (v - lo) / (hi - lo) : 0.5
            let eighths = 1 + clampedInt((f * 7).rounded())
            buffer.put(Glyphs.vertical(eighths: eighths, profile: profile), x: column + i, y: y, style: style)
        }
        buffer.write(tail, x: column + shown.count, y: y, clip: area)
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        if height > 0 { draw(into: &buffer, x: 0, y: 0, width: width, profile: profile) }
        return buffer
    }
}

/// A progress bar: `label ███████▍      42%  3m05s left  loss 0.31`.
public struct ProgressBar: Sendable, Equatable {
    public var fraction: Double
    public var label: String
    /// Seconds remaining, if known.
    public var eta: Double?
    /// Extra text after the bar (losses, steps/s).
    public var detail: String

    public init(fraction: Double, label: String = "", eta: Double? = nil, detail: String = "") {
        self.fraction = fraction
        self.label = label
        self.eta = eta
        self.detail = detail
    }

    public func preferredHeight(width: Int) -> Int { 1 }

    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, profile: RenderProfile) {
        let area = Rect(x: x, y: y, width: width, height: 1)
        let f = fraction.isFinite ? max(0, min(1, fraction)) : 0
        let percent = " " + String(clampedInt((f * 100).rounded(.down))) + "%"
        let etaText = eta.map { " " + NumberFormat.duration(seconds: $0) + " left" } ?? ""
        let detailText = detail.isEmpty ? "" : "  " + detail
        let showsLabel = !label.isEmpty && label.count + percent.count + 2 <= width
        var column = showsLabel ? buffer.write(label + " ", x: x, y: y, style: .bold, clip: area) : x
        let barWidth = min(40, max(0, area.maxX - column - percent.count - etaText.count - detailText.count - 2))
        if barWidth >= 4 {
            column = drawBar(into: &buffer, x: column, y: y, width: barWidth, fraction: f, profile: profile)
        }
        column = buffer.write(percent + etaText, x: column, y: y, clip: area)
        buffer.write(detailText, x: column, y: y, style: CellStyle(foreground: profile.adapted(.gray)), clip: area)
    }

    func drawBar(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, fraction: Double, profile: RenderProfile) -> Int {
        let inner = profile.isUnicode ? width : width - 2
        var column = x
        if !profile.isUnicode { column = buffer.write("[", x: column, y: y) }
        let bar = Glyphs.horizontalBar(length: fraction * Double(inner), profile: profile)
        let style = CellStyle(foreground: CategoricalColors.color(0, bright: true, profile: profile))
        buffer.write(bar, x: column, y: y, style: style)
        let rest = profile.isUnicode ? (profile.hasColor ? "─" : "░") : "-"
        let restStyle = CellStyle(foreground: profile.adapted(.gray))
        for c in stride(from: column + bar.unicodeScalars.count, to: column + inner, by: 1) {
            buffer.write(rest, x: c, y: y, style: restStyle)
        }
        column += inner
        if !profile.isUnicode { column = buffer.write("]", x: column, y: y) }
        return column
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        if height > 0 { draw(into: &buffer, x: 0, y: 0, width: width, profile: profile) }
        return buffer
    }
}
