// Shared test helpers: closeness with a stated tolerance, and gradient checking of layers and
// whole networks against central differences.
import Kernels
import Networks
import Testing

/// |a − b| ≤ atol + rtol·|b|, recorded as a test issue with both values when it fails.
public func expectClose(
    _ a: Double, _ b: Double, rtol: Double = 1e-5, atol: Double = 1e-6,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    let ok = abs(a - b) <= atol + rtol * abs(b)
    #expect(ok, "\(what) \(a) vs \(b) (rtol \(rtol), atol \(atol))", sourceLocation: sourceLocation)
}

/// Elementwise `expectClose` over arrays of the same length.
public func expectClose(
    _ a: [Float], _ b: [Float], rtol: Double = 1e-5, atol: Double = 1e-6,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.count == b.count, "\(what) lengths \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    var worst = 0.0, at = -1
    for i in 0..<min(a.count, b.count) {
        // NaN matches only NaN (a comparison with NaN is false, so it must be caught explicitly).
        if a[i].isNaN != b[i].isNaN { worst = .infinity; at = i; break }
        let excess = abs(Double(a[i]) - Double(b[i])) - (atol + rtol * abs(Double(b[i])))
        if excess > worst { worst = excess; at = i }
    }
    #expect(at < 0, "\(what) element \(at): \(at >= 0 ? a[at] : 0) vs \(at >= 0 ? b[at] : 0)", sourceLocation: sourceLocation)
}

/// Result of comparing analytic gradients with central differences.
public struct GradientReport: CustomStringConvertible {
    /// Largest |analytic − numeric| / max(|numeric|, floor) over every checked entry.
    public var worstError: Double = 0
    public var worstWhat = ""
    public var checked = 0
    public var description: String { "worst relative error \(worstError) at \(worstWhat) over \(checked) entries" }

    mutating func record(_ analytic: Double, _ numeric: Double, floor: Double, _ what: @autoclosure () -> String) {
        checked += 1
        let e = abs(analytic - numeric) / max(abs(numeric), floor)
        if e > worstError { worstError = e; worstWhat = "\(what()): analytic \(analytic), numeric \(numeric)" }
    }
}

/// Checks one layer's parameter and input gradients. The scalar checked is L = Σ r ⊙ y for a
/// fixed random r, so dL/dy = r. Forward passes are Float32; differences are formed in Double.
///
/// Tolerance guidance: with eps = 1e-2 the central difference's truncation error is O(eps²) and
/// Float32 rounding contributes ~1e-7·|L|/eps, so relative errors near 1e-3 are expected; tests
/// assert ≤ 1e-2 with a floor of 1e-3 on small gradients.
public func checkLayerGradients(
    _ layer: any Layer, batch: Int = 3, eps: Float = 1e-2, floor: Double = 1e-3,
    training: Bool = true, seed: UInt64 = 1, inputs: [Float]? = nil, checkInputs: Bool = true,
    prepare: ((UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void)? = nil
) -> GradientReport {
    var rng = RNG(seed: seed)
    let nIn = layer.inputCount * batch, nOut = layer.outputCount * batch
    let drawn = (0..<nIn).map { _ in rng.normal() }
    let x = FloatBuffer(inputs ?? drawn)
    let r = FloatBuffer((0..<nOut).map { _ in rng.normal() })
    let p = FloatBuffer(count: layer.parameterCount), g = FloatBuffer(count: layer.parameterCount)
    let st = FloatBuffer(count: max(layer.stateCount, 1))
    var initRng = RNG(seed: seed + 1)
    layer.initialize(params: p.base, state: st.base, scheme: .normal(std: 0.5), rng: &initRng)
    // Biases and norm parameters start at 0/1; perturb everything so every path is exercised.
    for i in 0..<p.count { p[i] += 0.1 * initRng.normal() }
    prepare?(p.base, st.base)
    let y = FloatBuffer(count: nOut), dy = FloatBuffer(count: nOut), dx = FloatBuffer(count: nIn)
    let scratch = FloatBuffer(count: max(layer.scratch.count(batch: batch), 1))
    let state0 = st.copy()

    func io(_ stepRng: UnsafeMutablePointer<RNG>) -> LayerIO {
        LayerIO(
            batch: batch, x: x.base, y: y.base, dx: dx.base, dy: dy.base, params: p.base, grads: g.base,
            state: st.base, scratch: scratch.base, training: training, rng: stepRng)
    }
    /// y at the current x and p; the same dropout mask every call (the RNG restarts).
    func outputs() -> [Float] {
        st.assign(from: state0)
        var stepRng = RNG(seed: seed + 7)
        withUnsafeMutablePointer(to: &stepRng) { layer.forward(io($0)) }
        return y.array
    }
    _ = outputs()
    dy.base.update(from: r.base, count: nOut)
    var stepRng = RNG(seed: seed + 7)
    withUnsafeMutablePointer(to: &stepRng) { layer.backward(io($0)) }
    let analyticG = g.array, analyticX = dx.array

    var report = GradientReport()
    /// (L(+eps) − L(−eps)) / 2eps with L = Σ r·y, formed as Σ r·(y₊ − y₋) in Double so outputs
    /// that did not move cancel exactly instead of adding Float32 rounding noise.
    func numeric(_ buf: FloatBuffer, _ i: Int) -> Double {
        let saved = buf[i]
        buf[i] = saved + eps; let yp = outputs()
        buf[i] = saved - eps; let ym = outputs()
        buf[i] = saved
        var d = 0.0
        for j in 0..<nOut where yp[j] != ym[j] { d += Double(r[j]) * (Double(yp[j]) - Double(ym[j])) }
        return d / (2 * Double(eps))
    }
    for i in 0..<p.count { report.record(Double(analyticG[i]), numeric(p, i), floor: floor, "param \(i)") }
    if checkInputs {
        for i in 0..<nIn { report.record(Double(analyticX[i]), numeric(x, i), floor: floor, "input \(i)") }
    }
    return report
}

/// Checks a loss's gradient w.r.t. its logits against central differences.
public func checkLossGradient(
    _ loss: Loss, batch: Int, outputs k: Int, targets: LossTargets, eps: Float = 1e-2,
    seed: UInt64 = 3
) -> GradientReport {
    var rng = RNG(seed: seed)
    let z = FloatBuffer((0..<batch * k).map { _ in 2 * rng.normal() })
    let g = FloatBuffer(count: batch * k)
    _ = loss.evaluate(logits: z.base, targets: targets, batch: batch, outputs: k, gradient: g.base)
    var report = GradientReport()
    for i in 0..<z.count {
        let saved = z[i]
        z[i] = saved + eps
        let lp = loss.evaluate(logits: z.base, targets: targets, batch: batch, outputs: k, gradient: nil).loss
        z[i] = saved - eps
        let lm = loss.evaluate(logits: z.base, targets: targets, batch: batch, outputs: k, gradient: nil).loss
        z[i] = saved
        report.record(Double(g[i]), (lp - lm) / (2 * Double(eps)), floor: 1e-3, "logit \(i)")
    }
    return report
}
