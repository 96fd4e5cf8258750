// SVG export: every chart gives a standalone document; text is escaped; non-finite data never
// reaches a coordinate. `basin-bench gallery --svg DIR` writes the sample charts as files for viewing.
import Charts
import Glibc
import TestSupport
import Testing

@Test func svgDocumentsAreStandaloneAndFinite() {
    for chart in SampleCharts.all + Degenerate.lines + Degenerate.others {
        let svg = SVG.document(for: chart)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(!svg.contains("nan") && !svg.contains("inf\""))
    }
}

@Test func svgEscapesText() {
    let chart = Chart.line(LineChart(title: "a < b & \"c\"", series: [.init(name: "x>y", values: [1, 2])]))
    let svg = SVG.document(for: chart)
    #expect(svg.contains("a &lt; b &amp; &quot;c&quot;"))
    #expect(svg.contains("x&gt;y"))
}

@Test func svgLineChartDrawsOnePathPerRunBetweenGaps() {
    let chart = Chart.line(LineChart(series: [.init(name: "s", values: [1, 2, .nan, 3, 4])]))
    let svg = SVG.document(for: chart, width: 400, height: 300)
    let paths = svg.split(separator: "\n").filter { $0.hasPrefix("<path") }
    #expect(paths.count == 1)
    #expect(paths.first.map { $0.split(separator: "M").count } == 3)  // "<path d=" + two runs
}
