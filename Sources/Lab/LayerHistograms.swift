// Compact per-layer histograms kept at every evaluation, for "distribution over steps" views
// (`hist NET weights over=time`, as TensorBoard's histogram dashboard draws them). Each is 32
// counts over the layer's own [min, max] at that moment: two passes over the layer's weight
// tensors (or gradients), cheap next to the evaluation itself (≈ 15k values for the MNIST-1D
// MLP against a forward pass over thousands of examples), and 128 bytes per layer.
//
// Which values: `Network.histogramTensors`, the one rule every histogram of a layer follows.
import Kernels
import Networks

/// Counts of values in `bins` equal-width bins over [lower, upper].
public struct CompactHistogram: Sendable, Equatable {
    public var lower: Float
    public var upper: Float
    public var counts: [UInt32]

    public static let binCount = 32

    public var total: Int { counts.reduce(0) { $0 + Int($1) } }

    /// The histogram of the finite values among `values` (all counts zero when none is finite).
    public init(_ values: some Sequence<Float>, bins: Int = binCount) {
        // Over contiguous storage directly: a live dashboard bins a large layer every snapshot,
        // and the generic sequence's iterator cost several times the binning.
        if let made = values.withContiguousStorageIfAvailable({ Self(contiguous: $0, bins: bins) }) {
            self = made
        } else {
            self = Array(values).withUnsafeBufferPointer { Self(contiguous: $0, bins: bins) }
        }
    }

    private init(contiguous values: UnsafeBufferPointer<Float>, bins: Int) {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { (lo, hi) = (0, 0) }
        lower = lo
        upper = hi
        counts = [UInt32](repeating: 0, count: max(bins, 1))
        let scale = hi > lo ? Float(counts.count) / (hi - lo) : 0
        for v in values where v.isFinite {
            counts[min(Int((v - lo) * scale), counts.count - 1)] &+= 1
        }
    }

    /// The share of values in [a, b), assuming values spread evenly within each bin (for
    /// re-binning histograms with different ranges onto one axis).
    public func share(from a: Double, to b: Double) -> Double {
        let total = Double(self.total)
        guard total > 0, b > a else { return 0 }
        let lo = Double(lower), hi = Double(upper)
        guard hi > lo else { return (a <= lo && lo < b) ? 1 : 0 }
        let width = (hi - lo) / Double(counts.count)
        var sum = 0.0
        for (k, c) in counts.enumerated() where c > 0 {
            let s = lo + Double(k) * width, e = s + width
            let overlap = min(e, b) - max(s, a)
            if overlap > 0 { sum += Double(c) * overlap / width }
        }
        return sum / total
    }
}

extension Network {
    /// The tensors a layer's histogram shows, the one rule `hist`, the dashboard and the
    /// over-time views share: its `.weight` tensors, biases left out; a layer with only
    /// normalization parameters (batchnorm, layernorm) shows those.
    public func histogramTensors(layer i: Int) -> [ParameterTensor] {
        let tensors = layers[i].parameters
        return tensors.contains { $0.role == .weight } ? tensors.filter { $0.role == .weight } : tensors
    }

    /// Those tensors' values in `flat` (laid out like the parameters: the weights themselves,
    /// their gradients, or a snapshot), in tensor order.
    public func histogramValues(layer i: Int, in flat: UnsafeBufferPointer<Float>) -> [Float] {
        let base = stack.parameterOffsets[i]
        var values: [Float] = []
        for t in histogramTensors(layer: i) where base + t.offset + t.count <= flat.count {
            values += flat[(base + t.offset)..<(base + t.offset + t.count)]
        }
        return values
    }
}

extension TrainingRun {
    /// A histogram of each parametric top-level layer's weight tensors in `flat` (laid out like
    /// the parameters: the weights themselves or their gradients).
    func layerHistograms(of flat: FloatBuffer) -> [CompactHistogram] {
        let values = UnsafeBufferPointer(start: flat.base, count: flat.count)
        return network.layers.indices.filter { network.layers[$0].parameterCount > 0 }.map { i in
            CompactHistogram(network.histogramValues(layer: i, in: values))
        }
    }
}
