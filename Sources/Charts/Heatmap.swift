// The heatmap description: a grid of values over an x/y rectangle (loss landscapes, decision
// regions), with optional log colour scale, contour levels, class-coloured overlay points, a
// path polyline (a training trajectory) and a marked minimum. Sampling helpers live here too.
import Glibc

/// A grid of values drawn as colour (or shade) with axes and a colour bar.
public struct Heatmap: Sendable, Equatable {
    /// How values become colours.
    public enum Coloring: Sendable, Hashable {
        /// A continuous ramp (viridis) with a colour bar.
        case ramp
        /// Values are class indices (0–9): decision regions in dim class colours.
        case classes
    }

    /// A data point drawn over the grid with its class's colour (or digit without colour).
    public struct OverlayPoint: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var classIndex: Int
        public init(x: Double, y: Double, classIndex: Int) {
            self.x = x
            self.y = y
            self.classIndex = classIndex
        }
    }

    public var title: String?
    /// Grid size: `columns` along x, `rows` along y.
    public var columns: Int
    public var rows: Int
    /// Row-major, row 0 at the bottom (smallest y): `values[row * columns + column]`.
    public var values: [Double]
    public var xMin: Double, xMax: Double
    public var yMin: Double, yMax: Double
    public var xLabel: String?
    public var yLabel: String?
    public var coloring: Coloring
    /// Colour by log₁₀ of the values (values ≤ 0 show as missing).
    public var logScale: Bool
    /// About how many contour levels to draw (nice numbers); 0 for none.
    public var contourLevels: Int
    public var points: [OverlayPoint]
    /// A polyline in data coordinates, e.g. the training path projected on two directions.
    public var path: [PlotPoint]
    /// Mark the grid's smallest value.
    public var marksMinimum: Bool
    /// Names for classes (legend); class digits when empty.
    public var classNames: [String]
    /// Draw each grid value as a flat cell (a matrix: attention weights) instead of a smooth
    /// surface sampled between grid points.
    public var cells: Bool = false
    /// The colour scale's fixed range (0…1 for probabilities); nil: the values' own.
    public var valueRange: ClosedRange<Double>?

    public init(
        title: String? = nil, columns: Int, rows: Int, values: [Double],
        xMin: Double = 0, xMax: Double = 1, yMin: Double = 0, yMax: Double = 1,
        xLabel: String? = nil, yLabel: String? = nil, coloring: Coloring = .ramp, logScale: Bool = false,
        contourLevels: Int = 0, points: [OverlayPoint] = [], path: [PlotPoint] = [],
        marksMinimum: Bool = false, classNames: [String] = []
    ) {
        self.title = title
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.values = values
        (self.xMin, self.xMax, self.yMin, self.yMax) = (xMin, xMax, yMin, yMax)
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.coloring = coloring
        self.logScale = logScale
        self.contourLevels = contourLevels
        self.points = points
        self.path = path
        self.marksMinimum = marksMinimum
        self.classNames = classNames
    }

    /// The grid value at (column, row), NaN outside the grid or the array.
    public func value(column: Int, row: Int) -> Double {
        guard column >= 0, column < columns, row >= 0, row < rows else { return .nan }
        let index = row * columns + column
        return index < values.count ? values[index] : .nan
    }

    /// The value the colour scale sees: log₁₀ on a log scale (NaN for v ≤ 0).
    func scaled(_ v: Double) -> Double {
        guard logScale else { return v }
        return v > 0 ? log10(v) : .nan
    }

    /// Finite (scaled) value bounds, or nil with no finite value.
    func valueBounds() -> (Double, Double)? {
        if let r = valueRange { return (scaled(r.lowerBound), scaled(r.upperBound)) }
        let finite = values.map(scaled).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }

    /// The grid cell (and value) of the smallest finite value.
    func minimum() -> (column: Int, row: Int, value: Double)? {
        var best: (Int, Int, Double)?
        for row in 0..<rows {
            for column in 0..<columns {
                let v = value(column: column, row: row)
                guard v.isFinite else { continue }
                if let b = best, v >= b.2 { continue }
                best = (column, row, v)
            }
        }
        return best.map { (column: $0.0, row: $0.1, value: $0.2) }
    }

    /// Classes shown in the legend: every index seen in the grid or the points, at most ten.
    func classCount() -> Int {
        let gridMax = values.filter(\.isFinite).map { clampedInt($0) }.max() ?? -1
        let pointMax = points.map(\.classIndex).max() ?? -1
        return max(0, min(10, max(gridMax, pointMax, classNames.count - 1) + 1))
    }
}

/// The grid's values after scaling (log₁₀ on a log scale), computed once per rendering and
/// sampled at fractional grid coordinates: bilinear for ramps, nearest for classes.
struct GridSampler {
    let columns: Int
    let rows: Int
    let values: [Double]
    let nearest: Bool
    let cells: Bool

    init(_ map: Heatmap) {
        columns = map.columns
        rows = map.rows
        values = (0..<(map.columns * map.rows)).map { map.scaled($0 < map.values.count ? map.values[$0] : .nan) }
        nearest = map.coloring == .classes
        cells = map.cells
    }

    func at(_ column: Int, _ row: Int) -> Double { values[row * columns + column] }

    func sample(gx: Double, gy: Double) -> Double {
        guard gx.isFinite, gy.isFinite, columns > 0, rows > 0 else { return .nan }
        let x = max(0, min(Double(columns - 1), gx)), y = max(0, min(Double(rows - 1), gy))
        if nearest { return at(clampedInt(x.rounded()), clampedInt(y.rounded())) }
        let c0 = clampedInt(floor(x)), r0 = clampedInt(floor(y))
        let c1 = min(c0 + 1, columns - 1), r1 = min(r0 + 1, rows - 1)
        let fx = x - Double(c0), fy = y - Double(r0)
        var sum = 0.0, weight = 0.0
        for (v, w) in [
            (at(c0, r0), (1 - fx) * (1 - fy)), (at(c1, r0), fx * (1 - fy)), (at(c0, r1), (1 - fx) * fy), (at(c1, r1), fx * fy),
        ]
        where v.isFinite && w > 0 {  // NaN corners drop out, the rest are renormalized
            sum += v * w
            weight += w
        }
        return weight > 0 ? sum / weight : .nan
    }

    /// The value under dot (column, dotRow) of a plot `plotWidth` dots wide and `dotRows` high;
    /// the first and last dots sit on the grid's edges, like the axes' ticks.
    func sampleAt(column: Int, dotRow: Int, plotWidth: Int, dotRows: Int) -> Double {
        if cells {
            // Equal cells: grid column c covers dots [c·W/columns, (c+1)·W/columns); row 0 at the bottom.
            guard columns > 0, rows > 0, plotWidth > 0, dotRows > 0 else { return .nan }
            let c = min(columns - 1, max(0, column * columns / plotWidth))
            let r = min(rows - 1, max(0, (dotRows - 1 - dotRow) * rows / dotRows))
            return at(c, r)
        }
        let gx = Double(column) / Double(max(1, plotWidth - 1)) * Double(columns - 1)
        let gy = (1 - Double(dotRow) / Double(max(1, dotRows - 1))) * Double(rows - 1)
        return sample(gx: gx, gy: gy)
    }
}
