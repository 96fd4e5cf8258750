// `Chart`: any chart description the interpreter returns as an output. Front ends ask it for a
// preferred height at their width and render it into a cell buffer; SVG export takes the same value.

/// A renderable chart description.
public enum Chart: Sendable, Equatable {
    case line(LineChart)
    case histogram(Histogram)
    case histograms(HistogramGrid)
    case bars(BarChart)
    case heatmap(Heatmap)
    case table(Table)
    case sparkline(Sparkline)
    case progress(ProgressBar)
    case images(ImageGrid)

    /// The height this chart reads best at for a given width.
    public func preferredHeight(width: Int) -> Int {
        switch self {
        case .line(let c): return c.preferredHeight(width: width)
        case .histogram(let c): return c.preferredHeight(width: width)
        case .histograms(let c): return c.preferredHeight(width: width)
        case .bars(let c): return c.preferredHeight(width: width)
        case .heatmap(let c): return c.preferredHeight(width: width)
        case .table(let c): return c.preferredHeight(width: width)
        case .sparkline(let c): return c.preferredHeight(width: width)
        case .progress(let c): return c.preferredHeight(width: width)
        case .images(let c): return c.preferredHeight(width: width)
        }
    }

    /// The height this chart reads best at for a given width when drawn with `profile` (an image
    /// grid without colour takes more rows for the same pixels).
    public func preferredHeight(width: Int, profile: RenderProfile) -> Int {
        if case .images(let c) = self { return c.preferredHeight(width: width, profile: profile) }
        return preferredHeight(width: width)
    }

    /// The chart drawn into a new `width` × `height` buffer (empty for sizes ≤ 0), with every
    /// colour within what `profile` allows.
    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        let buffer: CellBuffer
        switch self {
        case .line(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .histogram(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .histograms(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .bars(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .heatmap(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .table(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .sparkline(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .progress(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        case .images(let c): buffer = c.rendered(width: width, height: height, profile: profile)
        }
        return buffer.adapted(to: profile)
    }

    /// The chart at its preferred height for `width`.
    public func rendered(width: Int, profile: RenderProfile) -> CellBuffer {
        rendered(width: width, height: preferredHeight(width: width, profile: profile), profile: profile)
    }

    /// Draws the chart into a region of an existing buffer (a notebook cell, a dashboard pane).
    public func render(into buffer: inout CellBuffer, in rect: Rect, profile: RenderProfile) {
        let area = rect.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        buffer.blit(rendered(width: area.width, height: area.height, profile: profile), x: area.x, y: area.y)
    }
}
