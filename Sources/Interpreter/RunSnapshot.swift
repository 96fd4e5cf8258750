// What a live dashboard draws of a run in flight: the whole loss curve (averaged into at most
// `maxPoints` buckets), the recent evaluations, per parametric layer its weight and gradient
// norms and a histogram of its weights, for a net with attention the first attention layer's
// weights on one held-out sequence, and for a classifier of 2-D points its decision regions on a
// coarse grid with the training points. Built on the training thread between steps,
// and only for hosts that ask (`SessionHost.wantsRunSnapshots`), so a UI never touches the run.
import Charts
import Lab
import Networks

public struct RunSnapshot: Sendable, Equatable {
    /// One evaluation: losses and accuracies (nil for regression or without validation data).
    public struct Evaluation: Sendable, Equatable {
        public var step: Int
        public var trainLoss: Double
        public var validationLoss: Double?
        public var trainAccuracy: Double?
        public var validationAccuracy: Double?

        public init(
            step: Int, trainLoss: Double, validationLoss: Double? = nil,
            trainAccuracy: Double? = nil, validationAccuracy: Double? = nil
        ) {
            self.step = step
            self.trainLoss = trainLoss
            self.validationLoss = validationLoss
            self.trainAccuracy = trainAccuracy
            self.validationAccuracy = validationAccuracy
        }
    }

    /// A parametric top-level layer: "2 dense 100", its norms, and its weights binned.
    public struct Layer: Sendable, Equatable {
        public var name: String
        public var weightNorm: Double
        public var gradientNorm: Double
        public var histogram: [Double]
        public var lower: Double
        public var upper: Double

        public init(name: String, weightNorm: Double, gradientNorm: Double, histogram: [Double], lower: Double, upper: Double) {
            self.name = name
            self.weightNorm = weightNorm
            self.gradientNorm = gradientNorm
            self.histogram = histogram
            self.lower = lower
            self.upper = upper
        }
    }

    /// How much each position (a row) attends to each position (a column) in one head of one
    /// layer, for one example: what `plot attention` draws, live.
    public struct AttentionPane: Sendable, Equatable {
        /// "attention, layer 2 head 1/3, val 1: 2 0 1 1 0 2" (the first validation example)
        public var title: String
        public var length: Int
        /// Row-major [query × key], each row summing to 1.
        public var weights: [Double]

        public init(title: String, length: Int, weights: [Double]) {
            self.title = title
            self.length = length
            self.weights = weights
        }
    }

    /// What a classifier of 2-D points predicts over the plane: the arg-max class at each point
    /// of a coarse grid, and a sample of the training points with their labels — what
    /// `plot boundary` draws, live.
    public struct RegionPane: Sendable, Equatable {
        /// "a regions · step 420"
        public var title: String
        public var columns: Int
        public var rows: Int
        /// Row-major, row 0 at the bottom (smallest y): the class predicted at grid point
        /// (column, row); the first and last grid points of a row or column lie on the edges.
        public var classes: [Double]
        public var x: ClosedRange<Double>
        public var y: ClosedRange<Double>
        public var points: [Heatmap.OverlayPoint]

        public init(
            title: String, columns: Int, rows: Int, classes: [Double], x: ClosedRange<Double>, y: ClosedRange<Double>,
            points: [Heatmap.OverlayPoint]
        ) {
            self.title = title
            self.columns = columns
            self.rows = rows
            self.classes = classes
            self.x = x
            self.y = y
            self.points = points
        }

        /// The class predicted at grid point (column, row), nil outside the grid.
        public func predicted(column: Int, row: Int) -> Int? {
            guard column >= 0, column < columns, row >= 0, row < rows, row * columns + column < classes.count else {
                return nil
            }
            return Int(classes[row * columns + column])
        }

        /// The pane as `plot boundary` draws it: class-coloured regions, the points over them.
        public var heatmap: Heatmap {
            Heatmap(
                title: title, columns: columns, rows: rows, values: classes, xMin: x.lowerBound, xMax: x.upperBound,
                yMin: y.lowerBound, yMax: y.upperBound, coloring: .classes, points: points)
        }

        /// Rows of text a plot of this pane `width` columns wide wants to keep the data's aspect
        /// ratio (two pixels a row) — not counting the title and axes.
        public func plotRows(width: Int) -> Int {
            Int((Double(width) * Double(rows) / Double(max(1, columns)) / 2).rounded(.up))
        }
    }

    /// Mean mini-batch loss of each bucket of `lossStride` steps; bucket i ends at step (i+1)·stride.
    public var losses: [Double]
    public var lossStride: Int
    public var evaluations: [Evaluation]
    public var layers: [Layer]
    /// The first attention layer's first head on the first validation (else training) example;
    /// nil for a net without attention.
    public var attention: AttentionPane?
    /// The decision regions of a classifier of 2-D points; nil for any other net or data.
    public var regions: RegionPane?

    public init(
        losses: [Double], lossStride: Int = 1, evaluations: [Evaluation], layers: [Layer], attention: AttentionPane? = nil,
        regions: RegionPane? = nil
    ) {
        self.losses = losses
        self.lossStride = max(1, lossStride)
        self.evaluations = evaluations
        self.layers = layers
        self.attention = attention
        self.regions = regions
    }

    public static let maxPoints = 400
    public static let bins = 40
    static let maxEvaluations = 200

    /// The snapshot of a run as it is now (call between steps, on the training thread), with
    /// its decision regions when `regions` says where to read them.
    public init(_ run: TrainingRun, regions: LiveRegions?) {
        self.init(run)
        self.regions = regions?.pane(run)
    }

    /// The snapshot of a run as it is now (call between steps, on the training thread).
    public init(_ run: TrainingRun) {
        let all = run.history.stepLosses
        let stride = max(1, (all.count + Self.maxPoints - 1) / Self.maxPoints)
        losses = Swift.stride(from: 0, to: all.count, by: stride).map { start in
            let bucket = all[start..<min(all.count, start + stride)]
            return bucket.reduce(0.0) { $0 + Double($1) } / Double(bucket.count)
        }
        lossStride = stride
        evaluations = run.history.evals.suffix(Self.maxEvaluations).map {
            Evaluation(
                step: $0.step, trainLoss: $0.trainLoss, validationLoss: $0.validationLoss,
                trainAccuracy: $0.trainAccuracy, validationAccuracy: $0.validationAccuracy)
        }
        layers = Self.layers(of: run)
        attention = Self.attention(of: run)
    }

    /// One forward pass of one example in evaluation mode (its own workspace; the run's is not
    /// touched), only for a net with attention.
    static func attention(of run: TrainingRun) -> AttentionPane? {
        let network = run.network
        guard network.layers.contains(where: { $0 is Attention || $0 is TransformerBlock }) else { return nil }
        let held = run.validation.flatMap { $0.count > 0 ? $0 : nil }
        let data = held ?? run.train
        guard data.count > 0 else { return nil }
        let f = data.featureCount
        let x = Array(data.inputs[0..<f])
        guard let map = network.attentionMaps(example: x).first, map.length > 0 else { return nil }
        let l = map.length
        var weights = [Double](repeating: 0, count: l * l)
        for i in 0..<l {
            for j in 0..<l { weights[i * l + j] = Double(map.weight(head: 0, query: i, key: j)) }
        }
        let tokens = data.vocabulary == nil ? "" : ": " + x.prefix(24).map { String(Int($0)) }.joined(separator: " ")
        return AttentionPane(
            title: "attention, layer \(map.layer) head 1/\(map.heads), \(held == nil ? "train" : "val") 1" + tokens,
            length: l, weights: weights)
    }

    static func layers(of run: TrainingRun) -> [Layer] {
        let network = run.network, norms = run.layerNorms()
        let parameters = UnsafeBufferPointer(start: network.parameters.base, count: network.parameterCount)
        return network.parametricLayers.enumerated().map { k, i in
            // The values `hist` shows (Network.histogramValues), in the dashboard's bins.
            let histogram = CompactHistogram(network.histogramValues(layer: i, in: parameters), bins: bins)
            var counts = histogram.counts.map(Double.init)
            var (lo, hi) = (Double(histogram.lower), Double(histogram.upper))
            if hi == lo {
                // One value: a bar in the middle of a unit-wide range, not at its left edge.
                counts = Array(repeating: 0, count: bins)
                counts[bins / 2] = Double(histogram.total)
                (lo, hi) = (lo - 0.5, hi + 0.5)
            }
            return Layer(
                name: "\(i + 1) \(network.layers[i].summary)",
                weightNorm: k < norms.weights.count ? norms.weights[k] : .nan,
                gradientNorm: k < norms.gradients.count ? norms.gradients[k] : .nan,
                histogram: counts, lower: lo, upper: hi)
        }
    }
}
