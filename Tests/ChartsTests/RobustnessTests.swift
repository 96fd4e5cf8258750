// Nothing reachable from data may trap: every chart, degenerate data, every size and profile.
// Buffers always come back at the requested size and within the profile's colours.
import Charts
import TestSupport
import Testing

enum Degenerate {
    static let nan = Double.nan, inf = Double.infinity

    static var lines: [Chart] {
        [
            .line(LineChart(series: [])),
            .line(LineChart(series: [.init(name: "empty", values: [])])),
            .line(LineChart(series: [.init(name: "one", values: [0.5])])),
            .line(LineChart(series: [.init(name: "flat", values: [2, 2, 2, 2])])),
            .line(LineChart(series: [.init(name: "gaps", values: [nan, 1, nan, inf, -inf, 3, nan])])),
            .line(LineChart(series: [.init(name: "missing", values: [nan, nan])], logY: true)),
            .line(LineChart(series: [.init(name: "huge", values: [-1e308, 1e308, 0, .greatestFiniteMagnitude])])),
            .line(LineChart(series: [.init(name: "tiny span", values: [1e15, 1e15 + 0.5, 1e15 + 1])])),
            .line(LineChart(series: [.init(name: "log", values: [0, -1, 1e-300, 1e300])], logY: true)),
            .line(
                LineChart(
                    series: [.init(name: "bad x", points: [.init(x: nan, y: 1), .init(x: inf, y: 2)])],
                    yMin: nan, yMax: -inf, markers: [.init(x: nan, label: "m")],
                    marks: [.init(x: inf, y: nan, label: "p")])),
        ]
    }

    static var others: [Chart] {
        [
            .histogram(Histogram(counts: [], lower: nan, upper: inf)),
            .histogram(Histogram(binning: [nan, inf], bins: 0)),
            .histogram(Histogram(binning: [1, 1, 1], bins: 5)),
            .histograms(HistogramGrid(panels: [])),
            .histograms(HistogramGrid(binning: [("a", []), ("b", [nan])], bins: 3, sharedRange: true, columns: 0)),
            .bars(BarChart(labels: [], values: [])),
            .bars(BarChart(labels: ["a", "b", "c"], values: [nan, -1, 0], logScale: true)),
            .bars(BarChart(labels: ["a"], series: [.init(name: "x", values: []), .init(name: "y", values: [inf])])),
            .heatmap(Heatmap(columns: 0, rows: 0, values: [])),
            .heatmap(Heatmap(columns: 3, rows: 2, values: [nan, nan], xMin: inf, xMax: nan, contourLevels: 5)),
            .heatmap(
                Heatmap(
                    columns: 2, rows: 2, values: [1, 1, 1, 1], logScale: true, contourLevels: 3,
                    path: [.init(x: nan, y: 0)], marksMinimum: true)),
            .heatmap(
                Heatmap(
                    columns: 2, rows: 2, values: [-3, 99, 1e300, 2], coloring: .classes,
                    points: [.init(x: 0.5, y: 0.5, classIndex: -7), .init(x: nan, y: 0, classIndex: 1000)])),
            .table(Table(columns: [], rows: [["x"]])),
            .table(Table(columns: [.init("a")], rows: [[], ["a", "extra"]], highlightedRow: -1)),
            .sparkline(Sparkline(values: [nan, inf, -inf])),
            .progress(ProgressBar(fraction: nan, label: "", eta: -inf)),
            .progress(ProgressBar(fraction: 7, label: "x", eta: 1e300)),
        ]
    }
}

let sizes: [(Int, Int)] = [(-5, -5), (0, 0), (0, 10), (10, 0), (1, 1), (3, 2), (10, 3), (16, 5), (24, 8), (80, 24), (200, 60)]

@Test(arguments: allProfiles)
func everyChartRendersAtEverySizeWithoutTrapping(profile: RenderProfile) {
    for chart in SampleCharts.all + Degenerate.lines + Degenerate.others {
        for (width, height) in sizes {
            let buffer = chart.rendered(width: width, height: height, profile: profile)
            #expect(buffer.width == max(0, width) && buffer.height == max(0, height))
            #expect(colorIndices(in: buffer).allSatisfy { $0 <= maximumIndex(for: profile) })
            if !profile.isUnicode {
                #expect(buffer.cells.allSatisfy { $0.glyph.isASCII })
            }
        }
    }
}

@Test func preferredHeightsArePositiveAndModest() {
    for chart in SampleCharts.all + Degenerate.lines + Degenerate.others {
        for width in [0, 10, 80, 200] {
            let h = chart.preferredHeight(width: width)
            #expect(h >= 1 && h <= 60)
        }
    }
}

@Test func labelsNeverShowNaNOrInfinity() {
    // Bars are left out on purpose: an infinite gradient norm is printed as `inf`, which is the news.
    for chart in Degenerate.lines + Degenerate.others {
        if case .bars = chart { continue }
        let text = chartText(chart, width: 40, height: 12, profile: .monochrome)
        #expect(!text.contains("nan") && !text.contains("inf"))
    }
}
