// Small multiples: histograms laid out in a grid, each with its own title, for comparing layers.

/// A grid of histograms.
public struct HistogramGrid: Sendable, Equatable {
    public var title: String?
    public var panels: [Histogram]
    /// Panels per row; nil picks by width (at least 18 columns each).
    public var columns: Int?

    public init(title: String? = nil, panels: [Histogram], columns: Int? = nil) {
        self.title = title
        self.panels = panels
        self.columns = columns
    }

    /// Bins each named value set; with `sharedRange` all panels use the union of the ranges,
    /// so widths compare directly across layers.
    public init(
        title: String? = nil, binning sets: [(name: String, values: [Double])], bins: Int, sharedRange: Bool,
        columns: Int? = nil
    ) {
        let finite = sets.flatMap { $0.values.filter(\.isFinite) }
        let lo = sharedRange ? finite.min() : nil, hi = sharedRange ? finite.max() : nil
        let panels = sets.map { Histogram(title: $0.name, binning: $0.values, bins: bins, lower: lo, upper: hi) }
        self.init(title: title, panels: panels, columns: columns)
    }

    static let panelHeight = 7
    static let gap = 2

    func columnCount(width: Int) -> Int {
        let wanted = columns ?? max(1, (width + Self.gap) / (18 + Self.gap))
        return max(1, min(wanted, panels.count, max(1, width / 8)))
    }

    var titleRows: Int { (title ?? "").isEmpty ? 0 : 1 }

    public func preferredHeight(width: Int) -> Int {
        let perRow = columnCount(width: width)
        let gridRows = (panels.count + perRow - 1) / perRow
        return titleRows + max(1, gridRows * (Self.panelHeight + 1) - 1)
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        if let title { buffer.write(clipped(title, to: buffer.width, profile: profile), x: 0, y: 0, style: .bold) }
        guard !panels.isEmpty else {
            buffer.write("no histograms", x: 0, y: titleRows, style: .dim)
            return buffer
        }
        let perRow = columnCount(width: buffer.width)
        let panelWidth = (buffer.width - Self.gap * (perRow - 1)) / perRow
        let gridRows = (panels.count + perRow - 1) / perRow
        let available = buffer.height - titleRows
        let panelHeight = max(1, min(Self.panelHeight, (available + 1) / gridRows - 1))
        var fitting = max(1, (available + 1) / (panelHeight + 1))
        if fitting < gridRows && fitting > 1 && fitting * (panelHeight + 1) > available - 1 { fitting -= 1 }
        for (i, panel) in panels.enumerated() {
            let gridRow = i / perRow
            guard gridRow < fitting else { break }
            let area = Rect(
                x: (i % perRow) * (panelWidth + Self.gap), y: titleRows + gridRow * (panelHeight + 1),
                width: panelWidth, height: panelHeight)
            panel.draw(into: &buffer, area: area, profile: profile)
        }
        let hidden = panels.count - fitting * perRow
        if hidden > 0 {
            let note = "+\(hidden) more"
            buffer.write(note, x: max(0, buffer.width - note.count), y: buffer.height - 1, style: .dim)
        }
        return buffer
    }
}
