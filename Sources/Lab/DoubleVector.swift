// Small Double-precision vector helpers for the eigen- and principal-direction solvers, which
// accumulate in Double for accuracy over tens of thousands of parameters.

enum DoubleVector {
    /// Σ a[i]·b[i] over the common length.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
        return s
    }

    /// v / ‖v‖, or v itself when it is zero.
    static func unit(_ v: [Double]) -> [Double] {
        let n = dot(v, v).squareRoot()
        return n > 0 ? v.map { $0 / n } : v
    }
}
