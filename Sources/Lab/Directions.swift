// Directions in weight space for loss-landscape slices (Li, Xu, Taylor, Studer & Goldstein 2018,
// "Visualizing the Loss Landscape of Neural Nets"): random Gaussian directions, filter-normalized
// so each filter of the direction has the norm of the same filter of the weights, with biases and
// normalization parameters zeroed. A filter is one output unit's row of a dense weight or one
// output channel of a conv weight (the first dimension of every `.weight` tensor).
import Kernels
import Networks

public enum Directions {
    /// A filter-normalized random direction for `network`'s current weights.
    public static func filterNormalized(_ network: Network, rng: inout RNG) -> [Float] {
        var d = [Float](repeating: 0, count: network.parameterCount)
        let w = network.parameters
        for tensor in network.namedParameters where tensor.role == .weight {
            let filters = max(tensor.shape.first ?? 1, 1)
            let size = tensor.count / filters
            for f in 0..<filters {
                let start = tensor.offset + f * size
                for i in start..<(start + size) { d[i] = rng.normal() }
                let dn = norm(d, start, size), wn = Vec.norm(size, w.base + start)
                let scale = dn > 0 ? Float(wn / dn) : 0
                for i in start..<(start + size) { d[i] *= scale }
            }
        }
        return d
    }

    static func norm(_ v: [Float], _ start: Int, _ count: Int) -> Double {
        v.withUnsafeBufferPointer { p in p.baseAddress.map { Vec.norm(count, $0 + start) } ?? 0 }
    }

    /// The straight line from `a` to `b` as a direction (b − a).
    public static func line(from a: FloatBuffer, to b: FloatBuffer) -> [Float] {
        (0..<a.count).map { b[$0] - a[$0] }
    }
}
