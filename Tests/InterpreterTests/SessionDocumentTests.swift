// export session: the HTML page is self-contained (no scripts, links or outside resources),
// escapes what cells printed, draws tables as tables and charts as inline SVG; the Markdown
// refers to one SVG file per chart and keeps text inside its fences.
import Charts
import Diagnostics
import Foundation
import Testing

@testable import Interpreter

@Suite("Session documents (export session)")
struct SessionDocumentTests {
    static let cells = [
        SessionCell(source: "data d = moons", outputs: [.text("d: 600 examples <moons> & more")]),
        SessionCell(
            source: "compare a b",
            outputs: [
                .chart(
                    .table(
                        Table(
                            columns: [.init("net"), .init("val acc", alignment: .right)], rows: [["a", "91%"], ["b|c", "88%"]],
                            highlightedRow: 0)))
            ]),
        SessionCell(
            source: "plot loss a",
            outputs: [
                .narrative("Loss falls *fast*."),
                .chart(.line(LineChart(title: "loss", series: [.init(name: "a", values: [3, 2, 1.5, 1.2])]))),
            ]),
        SessionCell(
            source: "expect a.val.acc > 0.9",
            outputs: [.expectation(Verdict(holds: false, claim: "a.val.acc > 0.9", values: "0.88 > 0.9"))]),
        SessionCell(source: "echo \u{1B}[2J", outputs: [.text("```\nnot a fence\u{1B}]0;x")]),
    ]

    @Test("the HTML page holds every cell, escaped, with tables as tables and charts as inline SVG")
    func html() {
        let page = SessionDocument.html(title: "lesson <1>", cells: Self.cells, note: "exported")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>lesson &lt;1&gt;</title>"))
        #expect(page.contains("d: 600 examples &lt;moons&gt; &amp; more"))
        #expect(page.contains("<tr class=\"best\"><td>a</td><td class=\"right\">91%</td></tr>"), "\(page)")
        #expect(page.components(separatedBy: "<svg xmlns=").count == 2, "one chart, inline")
        #expect(!page.contains("<?xml"), "inline SVG carries no XML declaration")
        #expect(page.contains("✗ expect failed: a.val.acc &gt; 0.9"))
        #expect(!page.unicodeScalars.contains { $0.value == 0x1B }, "no escape characters reach the page")
        for outside in ["<script", "http://", "https://", "src=", "<link", "@import"] {
            #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains(outside), "\(outside)")
        }
    }

    @Test("the Markdown fences text, escapes markup, and names one SVG file per chart")
    func markdown() {
        let (text, charts) = SessionDocument.markdown(title: "l", cells: Self.cells, note: "n", chartFolder: "l-charts")
        #expect(charts.count == 1 && charts[0].name == "chart-01.svg" && charts[0].svg.contains("<svg"))
        #expect(text.contains("![line chart](l-charts/chart-01.svg)"))
        #expect(text.contains("| b\\|c | 88% |"), "\(text)")
        #expect(text.contains("| **a** | **91%** |"))
        #expect(text.contains("> Loss falls \\*fast\\*."))
        #expect(text.contains("\n ```\nnot a fence"), "a line of backticks inside output cannot close its fence: \(text)")
    }
}
