// Decision regions of a classifier on 2-D inputs: a grid over the data's extent (widened by a
// tenth on each side) and the arg-max class at each grid point, read in one batched forward
// pass. `plot boundary` evaluates a fine grid once; the live dashboard evaluates a coarse one at
// each snapshot (`LiveRegions` → `RunSnapshot.RegionPane`). Both are drawn as the same Heatmap.
import Charts
import Datasets
import Lab
import Networks

/// The points of a grid over a rectangle of the input plane, row 0 at the bottom.
struct RegionGrid: Sendable {
    let columns: Int
    let rows: Int
    let x: ClosedRange<Double>
    let y: ClosedRange<Double>
    /// Interleaved (x, y) of every grid point, row by row from the bottom; the first and last
    /// points of a row or column sit on the rectangle's edges.
    let inputs: [Float]

    init(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.columns = max(2, columns)
        self.rows = max(2, rows)
        self.x = x
        self.y = y
        var inputs: [Float] = []
        inputs.reserveCapacity(2 * self.columns * self.rows)
        for r in 0..<self.rows {
            for c in 0..<self.columns {
                inputs.append(Float(x.lowerBound + Double(c) / Double(self.columns - 1) * (x.upperBound - x.lowerBound)))
                inputs.append(Float(y.lowerBound + Double(r) / Double(self.rows - 1) * (y.upperBound - y.lowerBound)))
            }
        }
        self.inputs = inputs
    }

    /// A grid `columns` wide over the extent of `inputs` (interleaved x, y) with a margin of a
    /// tenth on each side, with as many rows as keep the data's aspect ratio (half-block pixels
    /// are about square), between a fifth of the columns and the columns.
    init(over inputs: [Float], columns: Int) {
        let (xs, ys) = Self.coordinates(inputs)
        let (bx, by) = Self.marginBounds(xs, ys, margin: 0.1)
        self.init(columns: columns, rows: Self.rows(columns: columns, x: bx, y: by), x: bx, y: by)
    }

    /// Rows that keep the aspect ratio of the rectangle at `columns` columns, clamped to
    /// columns/5…columns.
    static func rows(columns: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) -> Int {
        let aspect = (y.upperBound - y.lowerBound) / (x.upperBound - x.lowerBound)
        let lowest = max(2, columns / 5), rows = Double(columns) * aspect
        return rows.isFinite ? Int(max(Double(lowest), min(Double(columns), rows.rounded()))) : lowest
    }

    /// Interleaved (x, y) pairs as two coordinate lists.
    static func coordinates(_ inputs: [Float]) -> ([Double], [Double]) {
        let xs = stride(from: 0, to: inputs.count - 1, by: 2).map { Double(inputs[$0]) }
        let ys = stride(from: 1, to: inputs.count, by: 2).map { Double(inputs[$0]) }
        return (xs, ys)
    }

    /// The data's extent widened by `margin` of its size on each side (never empty).
    static func marginBounds(_ xs: [Double], _ ys: [Double], margin: Double) -> (ClosedRange<Double>, ClosedRange<Double>) {
        func widen(_ v: [Double]) -> ClosedRange<Double> {
            let finite = v.filter(\.isFinite)
            let lo = finite.min() ?? -1, hi = finite.max() ?? 1, m = max((hi - lo) * margin, 1e-3)
            return (lo - m)...(hi + m)
        }
        return (widen(xs), widen(ys))
    }

    /// The arg-max class at each grid point, row 0 at the bottom (one output: logit > 0 is
    /// class 1), from one batched forward pass in evaluation mode; empty when the net's outputs
    /// do not fit.
    func classes(of network: Network) -> [Double] {
        let n = columns * rows, k = network.outputCount
        let out = network.predictions(inputs, count: n)
        guard k > 0, out.count == k * n else { return [] }
        return (0..<n).map { i in
            if k == 1 { return out[i] > 0 ? 1 : 0 }
            var best = 0
            for j in 1..<k where out[i * k + j] > out[i * k + best] { best = j }
            return Double(best)
        }
    }
}

/// What the live dashboard redraws of a 2-D classifier at each snapshot: a coarse grid over the
/// same rectangle `plot boundary` frames (the whole dataset with its margin), fixed for the run,
/// and a sample of the training points with their labels. Nil for any other net or data.
public struct LiveRegions: Sendable {
    public let net: String
    let grid: RegionGrid
    public let points: [Heatmap.OverlayPoint]

    /// Grid columns for a small net; rows follow the data's aspect ratio.
    static let columns = 48
    /// Multiply-adds one pane may cost (grid points × parameters, about one multiply-add per
    /// parameter per point for a dense net): about a millisecond here. A bigger net gets a
    /// coarser grid, never fewer than `minimumColumns`.
    static let budget = 2_500_000
    static let minimumColumns = 16
    /// Training points drawn over the regions (an even sample of the train part).
    static let maxPoints = 300

    /// `data`: every example (the rectangle covers them all); `train`: the part the net trains on.
    public init?(net: String, network: Network, data: Dataset, train: Dataset) {
        guard data.sampleShape == [2], data.positions == 1, let classes = data.classCount,
            let labels = train.labels, train.sampleShape == [2],
            network.inputShape == [2], network.outputCount == classes || (network.outputCount == 1 && classes <= 2)
        else { return nil }
        let full = RegionGrid(over: data.inputs, columns: Self.columns)
        let cost = Double(full.columns * full.rows) * Double(max(1, network.parameterCount))
        let scale = min(1, (Double(Self.budget) / cost).squareRoot())
        let columns = max(Self.minimumColumns, Int((Double(full.columns) * scale).rounded()))
        grid =
            columns == full.columns
            ? full
            : RegionGrid(columns: columns, rows: RegionGrid.rows(columns: columns, x: full.x, y: full.y), x: full.x, y: full.y)
        self.net = net
        let every = max(1, (train.count + Self.maxPoints - 1) / Self.maxPoints)
        points = stride(from: 0, to: train.count, by: every).map { i in
            Heatmap.OverlayPoint(x: Double(train.inputs[2 * i]), y: Double(train.inputs[2 * i + 1]), classIndex: Int(labels[i]))
        }
    }

    /// The regions of the run's network as it is now (call between steps, on the training thread).
    public func pane(_ run: TrainingRun) -> RunSnapshot.RegionPane {
        RunSnapshot.RegionPane(
            title: "\(net) regions · step \(run.step)", columns: grid.columns, rows: grid.rows,
            classes: grid.classes(of: run.network), x: grid.x, y: grid.y, points: points)
    }
}
