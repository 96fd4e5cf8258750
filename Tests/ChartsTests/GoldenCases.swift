// The charts the golden tests draw, with their size and profile. GoldenTests compares each with
// its expected text, and a failure shows the current rendering for review.
import Charts
import Testing

struct GoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var chart: Chart
    var width: Int
    var height: Int
    var profile: RenderProfile
    var testDescription: String { name }
}

enum GoldenCases {
    static let twoSeries = Chart.line(
        LineChart(
            title: "loss",
            series: [
                .init(name: "train", values: [2, 1.2, 0.8, 0.6, 0.5, 0.45, 0.42, 0.4], emphasis: .dim),
                .init(name: "val", values: [2.1, 1.5, 1.1, 0.9, 0.85, 0.84, 0.86, 0.9]),
            ], xLabel: "epoch", markers: [.init(x: 4, label: "fork")]))

    static let histogram = Chart.histogram(
        Histogram(title: "layer 1", counts: [1, 3, 8, 12, 7, 2, 0, 1], lower: -0.5, upper: 0.5))

    static let bowl: Chart = {
        let grid = (0..<25).map { (i: Int) -> Double in
            let dx = i % 5 - 2, dy = i / 5 - 2
            return Double(dx * dx + dy * dy)
        }
        return .heatmap(
            Heatmap(
                title: "bowl", columns: 5, rows: 5, values: grid, xMin: -1, xMax: 1, yMin: -1, yMax: 1,
                marksMinimum: true))
    }()

    static let regions = Chart.heatmap(
        Heatmap(
            columns: 4, rows: 4, values: [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 1, 1, 2, 2, 2, 1], coloring: .classes,
            points: [
                .init(x: 0.1, y: 0.1, classIndex: 0), .init(x: 0.9, y: 0.5, classIndex: 1), .init(x: 0.2, y: 0.9, classIndex: 2),
            ]))

    static let table = Chart.table(
        Table(
            columns: [.init("net"), .init("params", alignment: .right), .init("val loss", alignment: .right)],
            rows: [["mlp", "15,210", "0.912"], ["cnn-with-a-long-name", "5,210", "0.231"]]))

    static let progress = Chart.progress(ProgressBar(fraction: 0.5, label: "train", eta: 75, detail: "loss 0.3"))

    static let all: [GoldenCase] = [
        .init(name: "two series ascii", chart: twoSeries, width: 40, height: 10, profile: .ascii),
        .init(name: "two series monochrome", chart: twoSeries, width: 40, height: 10, profile: .monochrome),
        .init(name: "two series braille", chart: twoSeries, width: 40, height: 10, profile: .standard),
        .init(name: "two series 10x3", chart: twoSeries, width: 10, height: 3, profile: .monochrome),
        .init(
            name: "gaps at NaN and inf",
            chart: .line(
                LineChart(series: [
                    .init(name: "", values: [1, 2, .nan, 4, 3, .infinity, 2, 1, 0.5])
                ])), width: 30, height: 8, profile: .standard),
        .init(
            name: "log y",
            chart: .line(
                LineChart(
                    title: "grad norm",
                    series: [
                        .init(name: "", values: [1e-5, 1e-4, 3e-3, 0.1, 2, 30])
                    ], logY: true)), width: 30, height: 9, profile: .ascii),
        .init(
            name: "all equal", chart: .line(LineChart(series: [.init(name: "", values: [3, 3, 3])])),
            width: 24, height: 6, profile: .ascii),
        .init(name: "no data", chart: .line(LineChart(title: "loss", series: [])), width: 24, height: 6, profile: .ascii),
        .init(
            name: "landscape marks",
            chart: .line(
                LineChart(
                    series: [
                        .init(name: "", points: [-0.5, 0, 0.5, 1, 1.5].map { PlotPoint(x: $0, y: 1 + ($0 - 0.5) * ($0 - 0.5)) })
                    ],
                    marks: [.init(x: 0, y: 1.25, label: "init"), .init(x: 1, y: 1.25, label: "a")])), width: 36, height: 8,
            profile: .ascii),
        .init(name: "histogram", chart: histogram, width: 24, height: 6, profile: .standard),
        .init(name: "histogram ascii", chart: histogram, width: 24, height: 6, profile: .ascii),
        .init(
            name: "small multiples",
            chart: .histograms(
                HistogramGrid(
                    title: "weights",
                    panels: [
                        Histogram(title: "dense 1", counts: [1, 4, 9, 4, 1], lower: -1, upper: 1),
                        Histogram(title: "dense 2", counts: [2, 2, 9, 2, 2], lower: -0.2, upper: 0.2),
                        Histogram(title: "out", counts: [0, 1, 1, 5], lower: 0, upper: 3),
                    ])), width: 40, height: 10, profile: .standard),
        .init(
            name: "bars",
            chart: .bars(BarChart(title: "norms", labels: ["dense 1", "dense 2", "out"], values: [1.5, 0.75, 0.1])),
            width: 30, height: 4, profile: .standard),
        .init(
            name: "log bars two series",
            chart: .bars(
                BarChart(
                    labels: ["l1", "l2", "l3"],
                    series: [
                        .init(name: "w", values: [1, 2, 3]), .init(name: "g", values: [1e-4, 1e-2, 1]),
                    ], logScale: true)),
            width: 40, height: 8, profile: .ascii),
        .init(name: "heatmap ascii", chart: bowl, width: 32, height: 10, profile: .ascii),
        .init(name: "heatmap shades", chart: bowl, width: 32, height: 10, profile: .monochrome),
        .init(name: "regions without colour", chart: regions, width: 28, height: 10, profile: .ascii),
        .init(name: "table", chart: table, width: 40, height: 4, profile: .standard),
        .init(name: "table narrow", chart: table, width: 22, height: 4, profile: .standard),
        .init(name: "table short", chart: table, width: 40, height: 3, profile: .ascii),
        .init(
            name: "sparkline", chart: .sparkline(Sparkline(label: "loss", values: [5, 4, 3, 3.5, 2, 1, 1.5, 0.5])),
            width: 24, height: 1, profile: .standard),
        .init(name: "progress", chart: progress, width: 50, height: 1, profile: .standard),
        .init(name: "progress ascii", chart: progress, width: 50, height: 1, profile: .ascii),
    ]
}
