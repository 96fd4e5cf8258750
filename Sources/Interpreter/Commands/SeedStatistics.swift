// Figures over seeds: the mean and sample standard deviation of a metric across a net's seeds
// (`train … seeds=N`), and Welch's t-test for whether two nets differ by more than that noise.
// Welch (1947): t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite degrees of
// freedom; the difference is "beyond the noise" when |t| exceeds Student's two-sided 95 % value.
import Charts

/// One metric over seeds.
public struct Spread: Sendable {
    public let values: [Double]

    public init(_ values: [Double]) { self.values = values.filter(\.isFinite) }

    public var n: Int { values.count }
    public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(n) }
    /// Sample standard deviation (n − 1); 0 for one value.
    public var sd: Double {
        guard n > 1 else { return 0 }
        let m = mean
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot()
    }

    /// "0.248 ± 0.05", or the value alone for one seed; accuracies as percentages.
    public func text(percent: Bool) -> String {
        guard n > 0 else { return "–" }
        let value = { (v: Double) in percent ? String(format: "%.1f%%", v * 100) : Table.number(v, significant: 3) }
        guard n > 1 else { return value(mean) }
        return value(mean) + " ± " + (percent ? String(format: "%.1f%%", sd * 100) : Table.number(sd, significant: 2))
    }
}

extension LineChart.Series {
    /// Mean ± one sample sd at each x, as one dim series: the upper edge, a gap (NaN), the lower
    /// edge — one colour and one legend entry for both.
    static func band(_ name: String, _ points: [(x: Double, s: Spread)], color: Int) -> LineChart.Series {
        let upper = points.map { PlotPoint(x: $0.x, y: $0.s.mean + $0.s.sd) }
        let lower = points.map { PlotPoint(x: $0.x, y: $0.s.mean - $0.s.sd) }
        return .init(name: name, points: upper + [PlotPoint(x: .nan, y: .nan)] + lower, emphasis: .dim, color: color)
    }
}

public enum Welch {
    /// Welch's t of `a` − `b` and its degrees of freedom; nil without two values in each or with
    /// no spread at all.
    public static func test(_ a: Spread, _ b: Spread) -> (t: Double, df: Double)? {
        guard a.n >= 2, b.n >= 2 else { return nil }
        let va = a.sd * a.sd / Double(a.n), vb = b.sd * b.sd / Double(b.n)
        guard va + vb > 0 else { return nil }
        let t = (a.mean - b.mean) / (va + vb).squareRoot()
        let df = (va + vb) * (va + vb) / (va * va / Double(a.n - 1) + vb * vb / Double(b.n - 1))
        return (t, df)
    }

    /// Student's t for a two-sided 95 % test at `df` degrees of freedom (table values, the
    /// next smaller tabulated df: a slightly stricter bar).
    public static func critical95(df: Double) -> Double {
        let table: [(Double, Double)] = [
            (1, 12.706), (2, 4.303), (3, 3.182), (4, 2.776), (5, 2.571), (6, 2.447),
            (7, 2.365), (8, 2.306), (9, 2.262), (10, 2.228), (12, 2.179), (15, 2.131),
            (20, 2.086), (30, 2.042), (60, 2.000), (120, 1.980),
        ]
        return table.last { $0.0 <= df }?.1 ?? table[0].1
    }
}
