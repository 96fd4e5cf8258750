// Sample chart descriptions: the property tests draw them, and `basin-bench gallery` prints them
// (text in every profile, or SVG files) for a person to look at.
import Charts
import Glibc

public enum SampleCharts {
    public static var loss: Chart {
        let train = (0..<300).map { 2.3 * exp(-Double($0) / 60) + 0.05 + 0.03 * sin(Double($0)) }
        let val = (0..<30).map { 2.3 * exp(-Double($0 * 10) / 70) + 0.12 }
        let forkTrain = (150..<300).map { 2.3 * exp(-Double($0) / 40) + 0.02 }
        return .line(
            LineChart(
                title: "loss",
                series: [
                    .init(name: "train a", values: train, emphasis: .dim, color: 0),
                    .init(name: "val a", values: val, xStep: 10, emphasis: .bright, color: 0),
                    .init(name: "train b", values: forkTrain, xStart: 150, emphasis: .bright, color: 1),
                ], xLabel: "step", markers: [.init(x: 150, label: "fork b")]))
    }

    public static var landscape: Chart {
        let xs = stride(from: -0.5, through: 1.5, by: 0.04).map { $0 }
        let ys = xs.map { 0.3 + 2 * ($0 - 1) * ($0 - 1) * ($0 + 0.2) * ($0 + 0.2) }
        return .line(
            LineChart(
                title: "loss along init → a",
                series: [
                    .init(name: "train", points: zip(xs, ys).map { .init(x: $0, y: $1) })
                ], xLabel: "α", logY: true, marks: [.init(x: 0, y: ys[12], label: "init"), .init(x: 1, y: ys[37], label: "a")]))
    }

    /// A deterministic pseudo-random sequence (no RNG state shared between tests).
    public static func noise(_ i: Int) -> Double {
        let x = sin(Double(i) * 12.9898) * 43758.5453
        return x - x.rounded(.down)
    }

    public static func gaussian(_ n: Int, scale: Double, seed: Int) -> [Double] {
        (0..<n).map { i in
            let u = max(1e-9, noise(seed * 7919 + 2 * i)), v = noise(seed * 7919 + 2 * i + 1)
            return scale * sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
        }
    }

    public static var histograms: Chart {
        let sets = (1...4).map { (name: "layer \($0) dense", values: gaussian(2000, scale: 0.5 / Double($0), seed: $0)) }
        return .histograms(HistogramGrid(title: "weights", binning: sets, bins: 40, sharedRange: false))
    }

    public static var norms: Chart {
        let labels = (1...6).map { "layer \($0)" }
        let weights = [3.1, 2.2, 1.9, 1.7, 1.5, 0.9]
        let grads = [2e-6, 3e-5, 4e-4, 5e-3, 0.04, 0.3]
        return .bars(
            BarChart(
                title: "norms a", labels: labels,
                series: [
                    .init(name: "weights", values: weights), .init(name: "grads", values: grads),
                ], logScale: true))
    }

    public static var landscape2D: Chart {
        let n = 41
        var values: [Double] = []
        for r in 0..<n {
            for c in 0..<n {
                let x = -1 + 2 * Double(c) / Double(n - 1), y = -1 + 2 * Double(r) / Double(n - 1)
                values.append(0.2 + (x - 0.2) * (x - 0.2) + 2 * (y + 0.1) * (y + 0.1) + 0.3 * sin(3 * x))
            }
        }
        let path = (0..<12).map { k in PlotPoint(x: 0.9 - 0.07 * Double(k), y: 0.8 - 0.08 * Double(k)) }
        return .heatmap(
            Heatmap(
                title: "landscape a", columns: n, rows: n, values: values, xMin: -1, xMax: 1, yMin: -1, yMax: 1,
                logScale: true, contourLevels: 6, path: path, marksMinimum: true))
    }

    public static var boundary: Chart {
        let n = 40
        var values: [Double] = []
        for r in 0..<n {
            for c in 0..<n {
                let x = -1 + 2 * Double(c) / Double(n - 1), y = -1 + 2 * Double(r) / Double(n - 1)
                let angle = atan2(y, x) + 2 * sqrt(x * x + y * y)
                values.append(Double(Int(((angle / (2 * Double.pi) * 3) + 30).rounded(.down)) % 3))
            }
        }
        let points = (0..<60).map { i -> Heatmap.OverlayPoint in
            let t = Double(i % 20) / 20, k = i / 20
            let a = 2 * Double.pi * Double(k) / 3 + 3 * t
            return .init(x: t * cos(a), y: t * sin(a), classIndex: k)
        }
        return .heatmap(
            Heatmap(
                title: "boundary a", columns: n, rows: n, values: values, xMin: -1, xMax: 1, yMin: -1, yMax: 1,
                coloring: .classes, points: points))
    }

    public static var table: Chart {
        .table(
            Table(
                title: "compare",
                columns: [
                    .init("net"), .init("params", alignment: .right), .init("train loss", alignment: .right),
                    .init("val acc", alignment: .right), .init("steps", alignment: .right),
                ],
                rows: [
                    ["a", Table.count(15210), Table.number(0.0312), "68.2%", "6000"],
                    ["cnn", Table.count(5210), Table.number(0.1234), "93.9%", "6000"],
                ], highlightedRow: 1))
    }

    public static var progress: Chart {
        .progress(ProgressBar(fraction: 0.423, label: "train a", eta: 185, detail: "loss 0.31 val 0.45 812 steps/s"))
    }

    public static var all: [Chart] { [loss, landscape, histograms, norms, landscape2D, boundary, table, progress] }
}
