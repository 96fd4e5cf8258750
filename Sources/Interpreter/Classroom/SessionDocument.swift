// A notebook handed in: every cell of a session — the command, its text, and each chart — as one
// self-contained HTML file (charts as inline SVG, tables as HTML tables, no scripts, no network)
// or as Markdown with the charts as SVG files beside it. Pure: the caller writes the files.
import Charts
import Diagnostics
import Foundation

/// One command of a session and what it showed.
public struct SessionCell: Sendable {
    public var source: String
    public var outputs: [Output]

    public init(source: String, outputs: [Output]) {
        self.source = source
        self.outputs = outputs
    }
}

public enum SessionDocument {
    /// Charts are drawn this many pixels wide (tables and text are not charts).
    static let chartWidth = 720

    /// The session as one HTML page readable offline in any browser.
    public static func html(title: String, cells: [SessionCell], note: String) -> String {
        var body: [String] = []
        for cell in cells {
            var parts = ["<section class=\"cell\">", "<pre class=\"command\">" + escape(cell.source) + "</pre>"]
            for output in cell.outputs { parts += html(output) }
            parts.append("</section>")
            body.append(parts.joined(separator: "\n"))
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; background: #fff; }
            h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
            .note { color: #666; margin-top: 0; }
            .cell { border-top: 1px solid #ddd; padding: 0.6rem 0; }
            pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; white-space: pre-wrap; margin: 0.3rem 0; }
            pre.command { background: #f3f5f8; border-left: 3px solid #3b6fb6; padding: 0.35rem 0.6rem; font-weight: 600; }
            pre.error { color: #a40000; }
            p.narrative { font-style: italic; margin: 0.3rem 0; }
            p.held { color: #1d7a1d; font-family: ui-monospace, monospace; } p.failed { color: #a40000; font-family: ui-monospace, monospace; font-weight: 600; }
            table { border-collapse: collapse; font-size: 0.85rem; margin: 0.4rem 0; }
            th, td { padding: 0.15rem 0.6rem; border-bottom: 1px solid #e4e4e4; } th { text-align: left; border-bottom: 2px solid #bbb; }
            td.right, th.right { text-align: right; } tr.best td { font-weight: 700; }
            figure { margin: 0.4rem 0; } figure svg { max-width: 100%; height: auto; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="note">\(escape(note))</p>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static func html(_ output: Output) -> [String] {
        switch output {
        case .clear: return []
        case .text(let text): return ["<pre class=\"text\">" + escape(text) + "</pre>"]
        case .narrative(let text): return ["<p class=\"narrative\">" + escape(text) + "</p>"]
        case .expectation(let verdict):
            return ["<p class=\"\(verdict.holds ? "held" : "failed")\">" + escape(verdict.line()) + "</p>"]
        case .diagnostic(let d, let source):
            return [
                "<pre class=\"error\">" + escape(DiagnosticRenderer(style: PlainStyle()).render(d, source: source)) + "</pre>"
            ]
        case .chart(.progress): return []
        case .chart(.table(let table)): return [htmlTable(table)]
        case .chart(let chart): return ["<figure>" + inlineSVG(chart) + "</figure>"]
        }
    }

    static func htmlTable(_ table: Table) -> String {
        var lines = ["<table>"]
        if let title = table.title, !title.isEmpty { lines.append("<caption>" + escape(title) + "</caption>") }
        let align = table.columns.map { $0.alignment == .right ? " class=\"right\"" : "" }
        lines.append(
            "<tr>"
                + table.columns.enumerated().map { "<th\(align[$0.offset])>" + escape($0.element.header) + "</th>" }
                .joined() + "</tr>")
        for (r, row) in table.rows.enumerated() {
            let cells = table.columns.indices.map { c in
                "<td\(align[c])>" + escape(c < row.count ? row[c] : "") + "</td>"
            }
            lines.append((r == table.highlightedRow ? "<tr class=\"best\">" : "<tr>") + cells.joined() + "</tr>")
        }
        lines.append("</table>")
        return lines.joined(separator: "\n")
    }

    /// The chart's SVG without its XML declaration, to sit inside HTML.
    static func inlineSVG(_ chart: Chart) -> String {
        let document = SVG.document(for: chart, width: chartWidth, height: svgHeight(chart))
        guard let start = document.range(of: "<svg") else { return document }
        return String(document[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Height in pixels: the chart's own proportions at 90 columns, 16 px a row, within bounds.
    static func svgHeight(_ chart: Chart) -> Int {
        max(140, min(720, chart.preferredHeight(width: 90) * 18 + 40))
    }

    /// The session as Markdown, and the SVG files its charts refer to (`chartFolder/chart-NN.svg`).
    public static func markdown(
        title: String, cells: [SessionCell], note: String, chartFolder: String
    )
        -> (text: String, charts: [(name: String, svg: String)])
    {
        var lines = ["# " + oneLine(title), "", "_" + oneLine(note) + "_", ""]
        var charts: [(name: String, svg: String)] = []
        for cell in cells {
            lines += ["```", fenced(cell.source), "```", ""]
            for output in cell.outputs {
                switch output {
                case .clear, .chart(.progress): continue
                case .text(let text): lines += ["```text", fenced(text), "```"]
                case .narrative(let text): lines.append("> " + oneLine(text))
                case .expectation(let verdict):
                    lines.append((verdict.holds ? "" : "**") + markdownEscape(verdict.line()) + (verdict.holds ? "" : "**"))
                case .diagnostic(let d, let source):
                    lines += ["```text", fenced(DiagnosticRenderer(style: PlainStyle()).render(d, source: source)), "```"]
                case .chart(.table(let table)): lines += markdownTable(table)
                case .chart(let chart):
                    let name = "chart-" + String(format: "%02d", charts.count + 1) + ".svg"
                    charts.append((name, SVG.document(for: chart, width: chartWidth, height: svgHeight(chart))))
                    lines.append("![\(chartKind(chart))](\(chartFolder)/\(name))")
                }
                lines.append("")
            }
        }
        return (lines.joined(separator: "\n") + "\n", charts)
    }

    static func markdownTable(_ table: Table) -> [String] {
        var lines: [String] = []
        if let title = table.title, !title.isEmpty { lines.append("**" + markdownEscape(title) + "**"); lines.append("") }
        let cell = { (text: String) in markdownEscape(text).replacingOccurrences(of: "|", with: "\\|") }
        lines.append("| " + table.columns.map { cell($0.header) }.joined(separator: " | ") + " |")
        lines.append("|" + table.columns.map { $0.alignment == .right ? " ---: |" : " --- |" }.joined())
        for (r, row) in table.rows.enumerated() {
            let cells = table.columns.indices.map { c -> String in
                let text = cell(c < row.count ? row[c] : "")
                return r == table.highlightedRow && !text.isEmpty ? "**\(text)**" : text
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    static func chartKind(_ chart: Chart) -> String {
        switch chart {
        case .line: "line chart"
        case .histogram, .histograms: "histogram"
        case .bars: "bar chart"
        case .heatmap: "heatmap"
        case .images: "images"
        case .table: "table"
        case .sparkline: "sparkline"
        case .progress: "progress"
        }
    }

    /// Text safe inside HTML: control characters replaced, markup characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in TerminalSafe.text(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Text inside a ``` fence: control characters replaced, and a line of backticks broken so it
    /// cannot close the fence.
    static func fenced(_ text: String) -> String {
        TerminalSafe.text(text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("```") ? " " + $0 : String($0) }.joined(separator: "\n")
    }

    static func oneLine(_ text: String) -> String {
        markdownEscape(TerminalSafe.text(text).replacingOccurrences(of: "\n", with: " "))
    }

    /// Markdown's inline markup characters escaped, and HTML's, so text stays text.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for ch in TerminalSafe.text(text) {
            if "\\`*_[]<>#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
