// sharpness NET [iters=100] [tol=1e-3] [seed=N]: the top eigenvalue of the Hessian of the
// training loss (all training examples, evaluation mode, explicit penalties not included) by
// power iteration on central-difference Hessian-vector products (Lab/Sharpness.swift; Keskar
// et al. 2017; Pearlmutter 1994). Shows the estimate per iteration as a line chart, then the
// value with how it was computed. The value is kept on the net with a fingerprint of the
// weights it belongs to, so `compare` reuses it while the weights are unchanged
// (Session+Looking.swift).
// sharpness NET eps=E [iters=20]: Keskar et al.'s ε-sharpness (Lab/EpsilonSharpness.swift),
// kept on the net for `compare` like λmax.
import Charts
import Diagnostics
import Foundation
import Lab
import Language

struct SharpnessCommand: RunnableCommand {
    var net: String?
    var iters: Int?
    var tol = SharpnessCommand.defaultTolerance
    var eps: Double?
    var seed: Int?

    /// Power iterations when iters= is not given (and for compare's column).
    static let defaultIterations = 100
    /// Frank–Wolfe steps with eps= when iters= is not given.
    static let epsilonIterations = 20
    /// The relative tolerance of the power iteration (and of compare's column).
    static let defaultTolerance = 1e-3
    /// Most iterations (or steps) one command may ask for.
    static let maxIterations = 10_000

    static var declaration: Declaration<SharpnessCommand> {
        Declaration(
            "sharpness", category: "Looking", summary: "top Hessian eigenvalue of the training loss",
            runsLong: true,
            examples: ["sharpness a", "sharpness a iters=300 tol=1e-4", "sharpness a eps=1e-3"],
            details: """
                Power iteration on Hessian-vector products, each a central difference of two full-data gradients \
                with step ε = 1e-3·‖w‖ (checked against ε/2; made ten times smaller when they differ by more than \
                2 %). Evaluation mode; reg penalties are not included. compare shows the value. With eps=: \
                100·(max L(w+y) − L(w))/(1 + L(w)) over the box |yᵢ| ≤ ε(|wᵢ|+1) (Keskar et al. 2017), maximized \
                by Frank–Wolfe steps from the vertex the gradient points to; compare shows it too.
                """,
            .net(\.net),
            .option(
                \.iters, "iters", .positiveInteger, default: "\(defaultIterations) (\(epsilonIterations) with eps=)",
                help: "most power iterations (Frank–Wolfe steps with eps=)"),
            .option(\.tol, "tol", .positiveNumber, help: "relative tolerance"),
            .option(
                \.eps, "eps", .positiveNumber, help: "ε-sharpness of Keskar et al. in a box of relative size ε, instead of λmax"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<SharpnessCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let n = try s.looked(net, at: c.span)
        try s.requireFiniteWeights(n, at: c.span)
        s.workspace.currentNet = net.name
        if let eps {
            guard eps <= 1 else {
                throw RuntimeError(LookingRefusal.epsilonTooWide(epsilon: eps), at: c.span(\.eps))
            }
            epsilonSharpness(s, n, epsilon: eps, iterations: try checkedIterations(c) ?? Self.epsilonIterations)
            return .ok
        }
        let iterations = try checkedIterations(c) ?? Self.defaultIterations
        let r = s.measureSharpness(n, iterations: iterations, tolerance: tol, seed: s.seed(seed), live: true)
        s.emit(.chart(.line(Self.sharpnessChart(r, n, step: s.stepCaption(n.entry)))))
        s.say(Self.sharpnessSummary(r, n, tolerance: tol))
        guard !net.replicas.isEmpty, !r.cancelled else { return .ok }
        // A net trained with seeds=N: every seed measured the same way, then mean ± sd.
        var values = [r.eigenvalue]
        for replica in net.replicas {
            let other = try s.looked(replica, at: c.span)
            try s.requireFiniteWeights(other, at: c.span)
            let ro = s.measureSharpness(other, iterations: iterations, tolerance: tol, seed: s.seed(seed), live: true)
            if ro.cancelled {
                s.say("stopped by Ctrl-C after \(values.count) of \(net.replicas.count + 1) seeds")
                return .ok
            }
            values.append(ro.eigenvalue)
        }
        s.say("\(net.name) over \(values.count) seeds, mean ± sample sd: sharpness \(Spread(values).text(percent: false))")
        return .ok
    }

    /// `iters=`, refused above `maxIterations`.
    func checkedIterations(_ c: Context<SharpnessCommand>) throws(RuntimeError) -> Int? {
        guard let iters else { return nil }
        guard iters <= Self.maxIterations else {
            throw RuntimeError(
                OperandRefusal.tooLarge(name: "iters", value: iters, limit: Self.maxIterations), at: c.span(\.iters))
        }
        return iters
    }

    /// `sharpness NET eps=E`: Keskar et al.'s ε-sharpness by Frank–Wolfe steps (Lab/EpsilonSharpness.swift).
    func epsilonSharpness(_ s: Session, _ n: LookedNet, epsilon: Double, iterations: Int) {
        let r = s.iterating(
            n, title: "ε-sharpness", iterations: iterations, live: true,
            detail: { "\(Table.number($0, significant: 3)) %" }
        ) { gradient, control, report in
            EpsilonSharpness.measure(gradient, epsilon: epsilon, iterations: iterations, cancel: control, progress: report)
        }
        if !r.cancelled {
            n.entry.epsilonSharpness = SharpnessRecord(value: r.value, fingerprint: s.fingerprint(n.network), epsilon: epsilon)
        }
        let name = n.entry.name
        let series = [
            LineChart.Series(name: "L(w + y)", values: r.losses, xStart: 1, xStep: 1),
            LineChart.Series(
                name: "L(w)", values: [Double](repeating: r.loss, count: max(r.losses.count, 1)), xStart: 1, xStep: 1,
                emphasis: .dim),
        ]
        s.emit(
            .chart(
                .line(
                    LineChart(
                        title: "\(name) ε-sharpness · ε = \(NumberLiteral.format(epsilon)) · \(s.stepCaption(n.entry))",
                        series: series, xLabel: "Frank–Wolfe step", yLabel: "training loss"))))
        let status =
            r.cancelled
            ? "stopped by Ctrl-C after \(r.losses.count) steps; the largest loss so far is used"
            : "\(r.losses.count) Frank–Wolfe steps"
        s.say(
            [
                "\(name): ε-sharpness \(Table.number(r.value, significant: 3)) % at ε = \(NumberLiteral.format(epsilon)) · training loss \(fmt(r.loss)), "
                    + "at most \(fmt(r.maximum)) in the box |yᵢ| ≤ ε(|wᵢ| + 1) over \(n.data.parts.train.count) examples",
                "100·(max − L)/(1 + L), Keskar et al. 2017; \(status), a lower bound on the box's maximum",
                "evaluation mode (dropout off, batch norm running statistics); reg penalties not included",
            ].joined(separator: "\n"))
    }

    /// The estimate per iteration; `step` is the net's "step 420" or "untrained".
    static func sharpnessChart(_ r: SharpnessResult, _ n: LookedNet, step: String) -> LineChart {
        let series = LineChart.Series(name: "vᵀHv", values: r.estimates, xStart: 1, xStep: 1)
        let markers = r.stepChanges.map { LineChart.VerticalMarker(x: Double($0) + 0.5, label: "ε/10") }
        let last = r.estimates.count
        return LineChart(
            title: "\(n.entry.name) sharpness · power iteration · \(step)",
            series: [series], xLabel: "iteration", yLabel: "λ estimate", markers: markers,
            marks: last > 0
                ? [.init(x: Double(last), y: r.eigenvalue, label: "λmax \(Table.number(r.eigenvalue, significant: 4))")] : [])
    }

    static func sharpnessSummary(_ r: SharpnessResult, _ n: LookedNet, tolerance: Double) -> String {
        let name = n.entry.name
        let value = Table.number(r.eigenvalue, significant: 4)
        let status =
            r.cancelled
            ? "stopped by Ctrl-C after \(r.estimates.count) iterations; the last estimate is shown"
            : !r.eigenvalue.isFinite
                ? "the loss or its gradient is not finite at these weights: there is no eigenvalue to find"
                : r.converged
                    ? "converged to \(NumberLiteral.format(tolerance)) in \(r.estimates.count) iterations"
                    : "not converged to \(NumberLiteral.format(tolerance)) in \(r.estimates.count) iterations (iters= allows more)"
        var lines = [
            "\(name): sharpness (top Hessian eigenvalue) \(value) · training loss \(fmt(r.loss)) over \(n.data.parts.train.count) examples",
            status,
            "Hessian-vector products by central differences of full gradients, ε = \(Table.number(r.step, significant: 3))",
        ]
        if let a = r.stepAgreement { lines[2] += "; agrees with ε/2 to \(String(format: "%.2g", a * 100)) %" }
        lines.append("evaluation mode (dropout off, batch norm running statistics); reg penalties not included")
        return lines.joined(separator: "\n")
    }
}
