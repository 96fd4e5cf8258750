// Compact per-layer histograms kept at every evaluation, for "distribution over steps" views
// (`hist NET weights over=time`, as TensorBoard's histogram dashboard draws them). Each is 32
// counts over the layer's own [min, max] at that moment: two passes over the layer's weight
// tensors (or gradients), cheap next to the evaluation itself (≈ 15k values for the MNIST-1D
// MLP against a forward pass over thousands of examples), and 128 bytes per layer.
//
// Which values: a layer's `.weight` tensors, biases left out as `hist` leaves them out; a layer
// with only normalization parameters (batchnorm, layernorm) contributes those.
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

extension TrainingRun {
    /// A histogram of each parametric top-level layer's weight tensors in `flat` (laid out like
    /// the parameters: the weights themselves or their gradients).
    func layerHistograms(of flat: FloatBuffer) -> [CompactHistogram] {
        network.layers.indices.filter { network.layers[$0].parameterCount > 0 }.map { i in
            let base = network.stack.parameterOffsets[i]
            let tensors = network.layers[i].parameters
            let chosen = tensors.contains { $0.role == .weight } ? tensors.filter { $0.role == .weight } : tensors
            let values = chosen.lazy.flatMap { t in
                UnsafeBufferPointer(start: flat.base + base + t.offset, count: t.count)
            }
            return CompactHistogram(values)
        }
    }
}
