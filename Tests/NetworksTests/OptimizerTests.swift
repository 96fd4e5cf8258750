// Optimizer steps against values computed by hand from the published update rules.
import Kernels
import Networks
import TestSupport
import Testing

/// One parameter p = 1 with gradient g = 0.5 for `steps` steps; returns p.
func stepOnce(_ settings: OptimizerSettings, steps: Int = 1, p0: Float = 1, g: Float = 0.5) -> Float {
    var opt = Optimizer(settings: settings, parameterCount: 1)
    let p = FloatBuffer([p0]), grad = FloatBuffer([g])
    for _ in 0..<steps {
        grad[0] = g
        opt.update(params: p.base, grads: grad.base, count: 1, lr: settings.learningRate, decayMask: nil)
    }
    return p[0]
}

@Suite("Optimizers")
struct OptimizerTests {
    // Float32 arithmetic on a handful of operations: agreement to 1e-6 relative is expected.
    @Test("plain SGD: p − lr·g")
    func sgd() { expectClose(Double(stepOnce(.sgd(lr: 0.1))), 0.95, rtol: 1e-6) }

    @Test("SGD momentum: b₂ = 0.9·0.5 + 0.5 = 0.95, p = 1 − 0.05 − 0.095")
    func momentum() { expectClose(Double(stepOnce(.sgd(lr: 0.1, momentum: 0.9), steps: 2)), 0.855, rtol: 1e-6) }

    @Test("Nesterov: p −= lr·(g + μ·b) = 0.1·(0.5 + 0.45)")
    func nesterov() { expectClose(Double(stepOnce(.sgd(lr: 0.1, momentum: 0.9, nesterov: true))), 0.905, rtol: 1e-6) }

    /// Adam's first step moves every parameter by lr·sign(g) (up to ε): m̂ = g, v̂ = g².
    @Test("Adam first step moves by lr")
    func adamFirstStep() { expectClose(Double(stepOnce(.adam(lr: 0.1))), 0.9, rtol: 1e-6) }

    /// With a constant gradient m̂ = g and v̂ = g² at every step, so each step moves by lr.
    @Test("Adam with a constant gradient moves lr per step")
    func adamConstant() { expectClose(Double(stepOnce(.adam(lr: 0.01), steps: 10)), 0.9, rtol: 1e-5) }

    @Test("AdamW decays weights before the Adam step: 1 − 0.1·0.01·1 − 0.1")
    func adamw() {
        let s = OptimizerSettings(kind: .adamw, learningRate: 0.1)  // wd defaults to 1e-2
        expectClose(Double(stepOnce(s)), 0.899, rtol: 1e-6)
    }

    @Test("RMSProp: v = 0.01·0.25, p −= 0.1·0.5/√v = 1")
    func rmsprop() {
        let s = OptimizerSettings(kind: .rmsprop, learningRate: 0.1)
        expectClose(Double(stepOnce(s)), 0.0, atol: 1e-5)
    }

    @Test("L2 and L1 penalties add λ₂w + λ₁sign(w) to the gradient of weights only")
    func penalties() {
        var s = OptimizerSettings.sgd(lr: 0.1)
        s.l2 = 0.1
        s.l1 = 0.2
        var opt = Optimizer(settings: s, parameterCount: 2)
        let p = FloatBuffer([2, 2]), g = FloatBuffer([0, 0]), mask = FloatBuffer([1, 0])
        opt.update(params: p.base, grads: g.base, count: 2, lr: 0.1, decayMask: mask.base)
        expectClose(Double(p[0]), 2 - 0.1 * (0.1 * 2 + 0.2), rtol: 1e-6)
        #expect(p[1] == 2, "a bias (mask 0) is not penalized")
    }

    @Test("clipping rescales to the maximum norm and leaves small gradients alone")
    func clipping() {
        let g = FloatBuffer([3, 4])
        let before = Optimizer.clip(g.base, count: 2, maxNorm: 1)
        expectClose(before, 5, rtol: 1e-6)
        expectClose(Double(g[0]), 0.6, rtol: 1e-6)
        expectClose(Double(g[1]), 0.8, rtol: 1e-6)
        _ = Optimizer.clip(g.base, count: 2, maxNorm: 10)
        expectClose(Double(g[0]), 0.6, rtol: 1e-6)
    }

    @Test("optimizer state is a value: a copy continues independently")
    func stateIsCopied() {
        var a = Optimizer(settings: .adam(lr: 0.1), parameterCount: 1)
        let p = FloatBuffer([1]), g = FloatBuffer([0.5])
        a.update(params: p.base, grads: g.base, count: 1, lr: 0.1, decayMask: nil)
        var b = a
        let pa = p.copy(), pb = p.copy()
        a.update(params: pa.base, grads: g.base, count: 1, lr: 0.1, decayMask: nil)
        b.update(params: pb.base, grads: g.base, count: 1, lr: 0.1, decayMask: nil)
        #expect(pa[0] == pb[0])
        #expect(a.step == 2 && b.step == 2)
    }
}

@Suite("Schedules")
struct ScheduleTests {
    @Test("step decay, cosine end points and warmup")
    func shapes() {
        #expect(Schedule(.step(every: 10, gamma: 0.5)).factor(step: 25, total: 100) == 0.25)
        expectClose(Double(Schedule(.cosine(floor: 0)).factor(step: 0, total: 100)), 1, atol: 1e-6)
        expectClose(Double(Schedule(.cosine(floor: 0)).factor(step: 50, total: 100)), 0.5, atol: 1e-6)
        expectClose(Double(Schedule(.cosine(floor: 0)).factor(step: 100, total: 100)), 0, atol: 1e-6)
        #expect(Schedule(.constant, warmup: 4).factor(step: 0, total: 10) == 0.25)
        #expect(Schedule(.constant, warmup: 4).factor(step: 4, total: 10) == 1)
    }
}
