// The plane a training path lies closest to (Li et al. 2018, §7 "Visualizing optimization
// paths"): the top two principal directions of the offsets oₜ = wₜ − w_final of the run's
// snapshots, and the path projected onto them. Random directions in high dimensions are nearly
// orthogonal to the path, which is why a random plane shows the path as a dot; PCA's does not.
//
// PCA through the small T×T Gram matrix G = O·Oᵀ (T snapshots, T ≪ P parameters): its
// eigenvectors u give the principal directions d = Oᵀu/‖Oᵀu‖, and its eigenvalues the variance
// each explains. T is capped (evenly spaced snapshots); the path itself uses every snapshot.
import Kernels

public struct PathDirections: Sendable {
    /// Unit directions in weight space, orthogonal to each other.
    public var d1: [Float]
    public var d2: [Float]
    /// Share of the offsets' total variance along d1 and d2, in [0, 1].
    public var explained: (Double, Double)
    /// Each snapshot's offset from the final weights projected on (d1, d2), in snapshot order;
    /// the last point (the final weights) is (0, 0).
    public var path: [(alpha: Double, beta: Double)]

    /// Snapshots used for the Gram matrix at most (more are thinned evenly).
    public static let gramLimit = 120

    /// nil unless at least two snapshots differ from the last one (the final weights).
    public init?(snapshots: [[Float]]) {
        guard let final = snapshots.last, snapshots.count >= 3 else { return nil }
        let offsets = snapshots.map { s in zip(s, final).map { Double($0) - Double($1) } }
        let used = Self.thinned(Array(offsets.dropLast()), to: Self.gramLimit)
        let gram = used.map { a in used.map { b in DoubleVector.dot(a, b) } }
        let (values, vectors) = SymmetricEigen.decomposed(gram)
        let order = values.indices.sorted { values[$0] > values[$1] }
        guard order.count >= 2, values[order[1]] > 1e-12 * max(values[order[0]], 1e-300) else { return nil }
        let total = max(values.filter { $0 > 0 }.reduce(0, +), .leastNonzeroMagnitude)
        let e1 = Self.direction(used, vectors[order[0]]), e2raw = Self.direction(used, vectors[order[1]])
        // Re-orthogonalize in Double: the Gram eigenvectors are orthogonal only up to rounding.
        let e2 = DoubleVector.unit(zip(e2raw, e1).map { $0 - DoubleVector.dot(e2raw, e1) * $1 })
        d1 = e1.map(Float.init)
        d2 = e2.map(Float.init)
        explained = (values[order[0]] / total, values[order[1]] / total)
        path = offsets.map { (DoubleVector.dot($0, e1), DoubleVector.dot($0, e2)) }
    }

    /// Oᵀu, normalized.
    static func direction(_ offsets: [[Double]], _ u: [Double]) -> [Double] {
        var d = [Double](repeating: 0, count: offsets.first?.count ?? 0)
        for (o, weight) in zip(offsets, u) where weight != 0 {
            for i in d.indices { d[i] += weight * o[i] }
        }
        return DoubleVector.unit(d)
    }

    /// At most `limit` elements, evenly spaced, keeping the first and the last.
    static func thinned<T>(_ items: [T], to limit: Int) -> [T] {
        guard items.count > limit, limit >= 2 else { return items }
        return (0..<limit).map { items[$0 * (items.count - 1) / (limit - 1)] }
    }
}

/// Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations
/// (Golub & Van Loan, "Matrix Computations", §8.5): accurate and short, fine for T ≤ a few hundred.
public enum SymmetricEigen {
    /// (eigenvalues, eigenvectors) — `vectors[k]` belongs to `values[k]`.
    public static func decomposed(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        var a = matrix
        let n = a.count
        var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for _ in 0..<60 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(n, p + 1) { off += a[p][q] * a[p][q] } }
            if off < 1e-30 * max(1, (0..<n).reduce(0) { $0 + a[$1][$1] * a[$1][$1] }) { break }
            for p in 0..<n { for q in (p + 1)..<max(n, p + 1) where a[p][q] != 0 { rotate(&a, &v, p, q) } }
        }
        return ((0..<n).map { a[$0][$0] }, (0..<n).map { k in (0..<n).map { v[$0][k] } })
    }

    /// One Jacobi rotation that zeroes a[p][q].
    static func rotate(_ a: inout [[Double]], _ v: inout [[Double]], _ p: Int, _ q: Int) {
        let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in a.indices {
            let akp = a[k][p], akq = a[k][q]
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
        }
        for k in a.indices {
            let apk = a[p][k], aqk = a[q][k]
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
        }
        for k in v.indices {
            let vkp = v[k][p], vkq = v[k][q]
            v[k][p] = c * vkp - s * vkq
            v[k][q] = s * vkp + c * vkq
        }
    }
}
