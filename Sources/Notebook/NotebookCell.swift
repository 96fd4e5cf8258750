// A cell: a command the person ran (numbered) with its outputs, a tutorial's narrative, or
// outputs with no command of their own. Cells render themselves at a width into a cell buffer,
// cached until the width, the chart height cap, collapsing or the outputs change.
import Charts
import Interpreter

/// What a cell shows: an interpreter output, or a finished run's dashboard.
public enum CellOutput: Sendable {
    case output(Output)
    case dashboard(DashboardModel)
}

public struct NotebookCell: Sendable {
    public enum Kind: Sendable, Equatable {
        case command(number: Int, input: String)
        case narrative
        /// Outputs after a narrative, before the next command.
        case output
    }

    public var kind: Kind
    public internal(set) var outputs: [CellOutput] = []
    public internal(set) var collapsed = false
    public internal(set) var running = false
    /// The command failed (its number is drawn in red).
    public internal(set) var failed = false
    var cache: CellCache?

    init(kind: Kind, running: Bool = false) {
        self.kind = kind
        self.running = running
    }

    /// Where a partial picture sits among `outputs` (a command still refining it, e.g. a
    /// landscape filling in coarse to fine): the next partial replaces it, any output removes it.
    var partialIndex: Int?

    mutating func append(_ output: CellOutput) {
        if let i = partialIndex, i < outputs.count { outputs.remove(at: i) }
        partialIndex = nil
        outputs.append(output)
        cache = nil
    }

    /// Shows `output` as the cell's partial picture, replacing the previous one.
    mutating func showPartial(_ output: Output) {
        if let i = partialIndex, i < outputs.count {
            outputs[i] = .output(output)
        } else {
            outputs.append(.output(output))
            partialIndex = outputs.count - 1
        }
        cache = nil
    }

    var input: String? {
        if case .command(_, let input) = kind { return input }
        return nil
    }

    /// The first chart or dashboard (what zoom shows).
    var zoomable: CellOutput? {
        outputs.first {
            if case .output(.chart) = $0 { return true }
            if case .dashboard = $0 { return true }
            return false
        }
    }
}

/// A rendered cell and what it was rendered for.
struct CellCache: Sendable {
    var key: CellRenderKey
    var buffer: CellBuffer
}

struct CellRenderKey: Sendable, Equatable {
    var width: Int
    var chartHeight: Int
    var collapsed: Bool
    var running: Bool
    var failed: Bool
}

/// Draws cells and outputs. `chartHeight` caps a chart so it fits on screen.
struct CellRenderer {
    let profile: RenderProfile
    let chartHeight: Int
    static let indent = 2

    func render(_ cell: NotebookCell, width: Int) -> CellBuffer {
        let bodies = cell.collapsed ? [] : cell.outputs.map { render($0, width: width - Self.indent) }
        var header: CellBuffer?
        if case .command(let number, let input) = cell.kind { header = self.header(number, input, cell, width: width) }
        let height = (header?.height ?? 0) + bodies.reduce(0) { $0 + $1.height }
        var buffer = CellBuffer(width: width, height: height)
        var y = 0
        if let header { buffer.blit(header, x: 0, y: 0); y = header.height }
        for body in bodies {
            buffer.blit(body, x: Self.indent, y: y)
            y += body.height
        }
        if cell.kind == .narrative { drawNarrativeBar(into: &buffer) }
        return buffer
    }

    /// A tutorial's prose is marked by a bar down its left edge.
    func drawNarrativeBar(into buffer: inout CellBuffer) {
        let style = profile.adapted(CellStyle(foreground: .cyan))
        for row in 0..<buffer.height { buffer.put(profile.glyph("▍", "|"), x: 0, y: row, style: style) }
    }

    /// `[3] train a epochs=20` (continuation lines of a block indented), with the cell's state.
    func header(_ number: Int, _ input: String, _ cell: NotebookCell, width: Int) -> CellBuffer {
        let tag = "[\(number)] "
        let lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var buffer = CellBuffer(width: width, height: lines.count)
        let tagStyle = CellStyle(foreground: cell.failed ? .red : .blue, attributes: cell.failed ? .bold : [])
        buffer.write(tag, x: 0, y: 0, style: profile.adapted(tagStyle))
        for (row, line) in lines.enumerated() {
            buffer.write(fold(line), x: tag.count, y: row, style: .bold)
        }
        let note = cell.running ? "running" : cell.collapsed ? "\(hiddenCount(cell, width)) lines hidden" : ""
        if !note.isEmpty && lines[0].count + tag.count + note.count + 3 <= width {
            buffer.write(note, x: width - note.count, y: 0, style: profile.adapted(CellStyle(foreground: .gray)))
        }
        return buffer
    }

    func hiddenCount(_ cell: NotebookCell, _ width: Int) -> Int {
        cell.outputs.reduce(0) { $0 + render($1, width: width - Self.indent).height }
    }

    func render(_ output: CellOutput, width: Int) -> CellBuffer {
        guard width > 0 else { return CellBuffer(width: 0, height: 0) }
        switch output {
        case .dashboard(let model):
            var buffer = CellBuffer(width: width, height: dashboardHeight(width))
            DashboardView(model: model, layer: 0, profile: profile).draw(into: &buffer, in: buffer.bounds)
            return buffer.adapted(to: profile)
        case .output(let o):
            return render(o, width: width)
        }
    }

    func render(_ output: Output, width: Int) -> CellBuffer {
        switch output {
        case .text(let text):
            return StyledText.buffer(StyledText.wrapped(fold(text), width: width), width: width)
        case .narrative(let text):
            let style = profile.adapted(CellStyle(foreground: .cyan))
            return StyledText.buffer(StyledText.wrapped(fold(text), width: width), width: width, style: style)
        case .chart(let chart):
            let height = min(chart.preferredHeight(width: width, profile: profile), chartHeight)
            return chart.rendered(width: width, height: height, profile: profile)
        case .diagnostic(let d, let source):
            return StyledText.diagnostic(d, source: source, width: width, profile: profile)
        case .clear:
            return CellBuffer(width: width, height: 0)
        case .expectation(let verdict):
            let style = profile.adapted(
                CellStyle(foreground: verdict.holds ? .green : .red, attributes: verdict.holds ? [] : .bold))
            let text = fold(verdict.line(unicode: profile.isUnicode))
            return StyledText.buffer(StyledText.wrapped(text, width: width), width: width, style: style)
        }
    }

    /// A finished run kept in a cell: a short dashboard (sparklines when narrow).
    func dashboardHeight(_ width: Int) -> Int { width >= 60 ? min(14, max(9, chartHeight)) : 5 }

    func fold(_ text: String) -> String { folded(text, for: profile) }
}
