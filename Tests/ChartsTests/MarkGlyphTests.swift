// Without colour, data points drawn as marks take the marker of their legend-only series, so
// train and validation points can be told apart; marks on a drawn curve stay dots.
import Charts
import Testing

struct MarkGlyphTests {
    let profile = RenderProfile(glyphs: .ascii, colors: .none)

    @Test func marksOfALegendOnlySeriesUseItsMarker() {
        let chart = LineChart(
            series: [
                .init(name: "train", points: [], color: 0), .init(name: "val", points: [], color: 2),
                .init(name: "fit", points: [PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 0)], color: 1),
            ],
            marks: [.init(x: 0.2, y: 1, label: "", color: 0), .init(x: 0.8, y: -1, label: "", color: 2)])
        let text = chart.rendered(width: 40, height: 12, profile: profile).lines().dropFirst().joined(separator: "\n")
        #expect(text.contains("*") && text.contains("+"), "\(text)")
        #expect(!text.contains("o"), "no generic dots left:\n\(text)")
    }

    @Test func marksOnADrawnCurveStayDots() {
        let chart = LineChart(
            series: [
                .init(name: "a", points: [PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 1)], color: 0),
                .init(name: "b", points: [PlotPoint(x: 0, y: 1), PlotPoint(x: 1, y: 0)], color: 1),
            ],
            marks: [.init(x: 0.5, y: 2, label: "", color: 0)])
        let text = chart.rendered(width: 40, height: 12, profile: profile).lines().joined(separator: "\n")
        #expect(text.contains("o"), "\(text)")
    }
}
