// sharpness NET eps=E [iters=20]: Keskar et al.'s ε-sharpness (Lab/EpsilonSharpness.swift),
// kept on the net for `compare` like λmax.
// sharpness NET [iters=100] [tol=1e-3] [seed=N]: the top eigenvalue of the Hessian of the
// training loss (all training examples, evaluation mode, explicit penalties not included) by
// power iteration on central-difference Hessian-vector products (Lab/Sharpness.swift; Keskar
// et al. 2017; Pearlmutter 1994). Shows the estimate per iteration as a line chart, then the
// value with how it was computed. The value is kept on the net with a fingerprint of the
// weights it belongs to, so `compare` reuses it while the weights are unchanged.
import Charts
import Diagnostics
import Foundation
import Kernels
import Language
import Lab
import Networks

/// A sharpness value and the weights it belongs to (`epsilon`: Keskar's ε-sharpness, in %).
struct SharpnessRecord {
    var value: Double
    var fingerprint: [Double]
    var epsilon: Double? = nil
}

extension Session {
    func sharpnessCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let n = try looked(net, at: c.span)
        try requireFiniteWeights(n, at: c.span)
        workspace.currentNet = net.name
        if let epsilon = try c.number("eps") {
            guard epsilon <= 1 else {
                throw RuntimeError("eps=\(NumberLiteral.format(epsilon)) is a box as wide as the weights themselves", at: c.span(of: "eps"),
                                   hint: "Keskar et al. use 1e-3 and 5e-4")
            }
            return epsilonSharpness(n, epsilon: epsilon, iterations: try c.bounded("iters", max: 10_000) ?? 20)
        }
        let iterations = try c.bounded("iters", max: 10_000) ?? 100
        let tolerance = try c.number("tol") ?? 1e-3
        let seed = UInt64(max(0, try c.int("seed") ?? Int(workspace.seed)))
        let r = measureSharpness(n, iterations: iterations, tolerance: tolerance, seed: seed, live: true)
        emit(.chart(.line(sharpnessChart(r, n))))
        say(sharpnessSummary(r, n, tolerance: tolerance))
    }

    /// Runs `measure` on the net's full-data gradient as a cancellable command whose progress is
    /// counted in iterations (`report(i, value)` when `live`); the last update is kept on screen.
    func iterating<R>(_ n: LookedNet, title: String, iterations: Int, live: Bool, detail: @escaping (Double) -> String,
                      _ measure: (FullGradient, RunControl, @escaping (Int, Double) -> Void) -> R) -> R {
        let control = RunControl()
        activeRun.begin(control)
        defer { activeRun.end(control) }
        let gradient = FullGradient(network: n.network, data: n.data.parts.train, loss: n.loss)
        let clock = ContinuousClock(), start = clock.now
        var last: LiveUpdate?
        let r = measure(gradient, control) { [host] i, value in
            guard live else { return }
            let update = LiveUpdate(title: "\(title) \(n.entry.name)", netName: n.entry.name,
                                    progress: .counting(done: i, planned: iterations, elapsed: Self.seconds(clock.now - start), value: value),
                                    unit: "iterations", stepsPerEpoch: 0, detail: detail(value))
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        return r
    }

    /// Runs the power iteration (cancellable; progress per iteration when `live`) and caches a
    /// finished result on the net.
    func measureSharpness(_ n: LookedNet, iterations: Int, tolerance: Double, seed: UInt64 = 0, live: Bool) -> SharpnessResult {
        let r = iterating(n, title: "sharpness", iterations: iterations, live: live,
                          detail: { "λ ≈ \(Table.number($0, significant: 4))" }) { gradient, control, report in
            Sharpness.topEigenvalue(gradient, iterations: iterations, tolerance: tolerance, seed: seed, cancel: control, onIteration: report)
        }
        if !r.cancelled, r.eigenvalue.isFinite {
            n.entry.sharpness = SharpnessRecord(value: r.eigenvalue, fingerprint: fingerprint(n.network))
        }
        return r
    }

    /// `sharpness NET eps=E`: Keskar et al.'s ε-sharpness by Frank–Wolfe steps (Lab/EpsilonSharpness.swift).
    func epsilonSharpness(_ n: LookedNet, epsilon: Double, iterations: Int) {
        let r = iterating(n, title: "ε-sharpness", iterations: iterations, live: true,
                          detail: { "\(Table.number($0, significant: 3)) %" }) { gradient, control, report in
            EpsilonSharpness.measure(gradient, epsilon: epsilon, iterations: iterations, cancel: control, progress: report)
        }
        if !r.cancelled { n.entry.epsilonSharpness = SharpnessRecord(value: r.value, fingerprint: fingerprint(n.network), epsilon: epsilon) }
        let name = n.entry.name
        let series = [LineChart.Series(name: "L(w + y)", values: r.losses, xStart: 1, xStep: 1),
                      LineChart.Series(name: "L(w)", values: [Double](repeating: r.loss, count: max(r.losses.count, 1)), xStart: 1, xStep: 1, emphasis: .dim)]
        emit(.chart(.line(LineChart(title: "\(name) ε-sharpness · ε = \(NumberLiteral.format(epsilon)) · \(stepCaption(n.entry))",
                                    series: series, xLabel: "Frank–Wolfe step", yLabel: "training loss"))))
        let status = r.cancelled ? "stopped by Ctrl-C after \(r.losses.count) steps; the largest loss so far is used" : "\(r.losses.count) Frank–Wolfe steps"
        say(["\(name): ε-sharpness \(Table.number(r.value, significant: 3)) % at ε = \(NumberLiteral.format(epsilon)) · training loss \(fmt(r.loss)), "
                + "at most \(fmt(r.maximum)) in the box |yᵢ| ≤ ε(|wᵢ| + 1) over \(n.data.parts.train.count) examples",
             "100·(max − L)/(1 + L), Keskar et al. 2017; \(status), a lower bound on the box's maximum",
             "evaluation mode (dropout off, batch norm running statistics); reg penalties not included"].joined(separator: "\n"))
    }

    /// Identifies a net's weights cheaply: count, sum and norm of its parameters and state.
    func fingerprint(_ network: Network) -> [Double] {
        let p = network.parameters, s = network.state
        return [Double(p.count), Vec.sum(p.count, p.base), Vec.norm(p.count, p.base), Vec.sum(s.count, s.base)]
    }

    func sharpnessChart(_ r: SharpnessResult, _ n: LookedNet) -> LineChart {
        let series = LineChart.Series(name: "vᵀHv", values: r.estimates, xStart: 1, xStep: 1)
        let markers = r.stepChanges.map { LineChart.VerticalMarker(x: Double($0) + 0.5, label: "ε/10") }
        let last = r.estimates.count
        return LineChart(title: "\(n.entry.name) sharpness · power iteration · \(stepCaption(n.entry))",
                         series: [series], xLabel: "iteration", yLabel: "λ estimate", markers: markers,
                         marks: last > 0 ? [.init(x: Double(last), y: r.eigenvalue, label: "λmax \(Table.number(r.eigenvalue, significant: 4))")] : [])
    }

    func sharpnessSummary(_ r: SharpnessResult, _ n: LookedNet, tolerance: Double) -> String {
        let name = n.entry.name
        let value = Table.number(r.eigenvalue, significant: 4)
        let status = r.cancelled ? "stopped by Ctrl-C after \(r.estimates.count) iterations; the last estimate is shown"
            : !r.eigenvalue.isFinite ? "the loss or its gradient is not finite at these weights: there is no eigenvalue to find"
            : r.converged ? "converged to \(NumberLiteral.format(tolerance)) in \(r.estimates.count) iterations"
            : "not converged to \(NumberLiteral.format(tolerance)) in \(r.estimates.count) iterations (iters= allows more)"
        var lines = ["\(name): sharpness (top Hessian eigenvalue) \(value) · training loss \(fmt(r.loss)) over \(n.data.parts.train.count) examples",
                     status,
                     "Hessian-vector products by central differences of full gradients, ε = \(Table.number(r.step, significant: 3))"]
        if let a = r.stepAgreement { lines[2] += "; agrees with ε/2 to \(String(format: "%.2g", a * 100)) %" }
        lines.append("evaluation mode (dropout off, batch norm running statistics); reg penalties not included")
        return lines.joined(separator: "\n")
    }

    /// compare's sharpness cell: the cached value when the weights are unchanged, else measured
    /// now (and cached). nil for a net that has nothing to measure. `cached` says which.
    func compareSharpness(_ net: NetEntry, at span: SourceSpan) -> (value: Double, cached: Bool)? {
        guard let n = try? looked(net, at: span) else { return nil }
        if let s = net.sharpness, s.fingerprint == fingerprint(n.network) { return (s.value, true) }
        let r = measureSharpness(n, iterations: 100, tolerance: 1e-3, live: false)
        return r.cancelled || !r.eigenvalue.isFinite ? nil : (r.eigenvalue, false)
    }
}
