// hessian NET [top=5] [bottom=5] [steps=40] [seed=N]: the extreme eigenvalues of the Hessian of
// the training loss by Lanczos iteration on central-difference Hessian-vector products
// (Lab/HessianSpectrum.swift): the largest and the smallest, negative ones as such, each with the
// bound within which an eigenvalue lies; then whether the weights sit at a saddle. `plot hessian
// NET` draws the spectral density the same run estimates.
import Charts
import Diagnostics
import Foundation
import Lab
import Language

struct HessianCommand: RunnableCommand {
    var net: String?
    var top = 5
    var bottom = 5
    var steps = HessianCommand.defaultSteps
    var seed: Int?

    static let defaultSteps = 40

    static var declaration: Declaration<HessianCommand> {
        Declaration(
            "hessian", category: "Looking",
            summary: "the Hessian's largest and smallest eigenvalues (negative curvature: a saddle)",
            runsLong: true,
            examples: ["hessian a", "hessian a top=3 bottom=3 steps=80"],
            details: """
                Lanczos iteration with full reorthogonalization on Hessian-vector products of the training loss (each a \
                central difference of two full-data gradients, as sharpness). The extreme eigenvalues converge first; each \
                is shown with the residual bound within which an eigenvalue of the Hessian lies. A negative smallest \
                eigenvalue means the loss curves down along some direction: a saddle or a slope, not a minimum. plot \
                hessian NET draws the estimated spectral density.
                """,
            .net(\.net),
            .option(\.top, "top", .nonNegativeInteger, max: 50, help: "how many of the largest eigenvalues to show"),
            .option(\.bottom, "bottom", .nonNegativeInteger, max: 50, help: "how many of the smallest eigenvalues to show"),
            .option(
                \.steps, "steps", .positiveInteger, max: Lanczos.maxSteps,
                help: "Lanczos steps (Hessian-vector products); more resolve more of the spectrum"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<HessianCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let n = try s.looked(net, at: c.span)
        try s.requireFiniteWeights(n, at: c.span)
        s.workspace.currentNet = net.name
        guard top + bottom > 0 else {
            throw RuntimeError(LookingRefusal.noEigenvalues(net: net.name), at: c.span)
        }
        let r = Self.measure(s, n, steps: steps, seed: s.seed(seed))
        Self.keep(r, on: n, in: s)
        let values = r.values
        let shownTop = min(top, values.count), shownBottom = min(bottom, max(values.count - shownTop, 0))
        // A residual far below the spectrum's scale reads as converged (the products themselves are
        // finite differences, good to about 1e-4 of it).
        let scale = max(abs(values.first ?? 0), abs(values.last ?? 0), 1e-30)
        let within = { (i: Int) in
            r.residuals[i] < 1e-6 * scale ? "converged" : "± " + Table.number(r.residuals[i], significant: 2)
        }
        var rows: [[String]] = []
        for k in 0..<shownTop {
            let i = values.count - 1 - k
            rows.append(["largest \(k + 1)", Table.number(values[i], significant: 4), within(i)])
        }
        for k in (0..<shownBottom).reversed() {
            rows.append(["smallest \(k + 1)", Table.number(values[k], significant: 4), within(k)])
        }
        s.emit(
            .chart(
                .table(
                    Table(
                        title: "\(net.name) Hessian eigenvalues · \(s.stepCaption(net))",
                        columns: [.init(""), .init("eigenvalue", alignment: .right), .init("within", alignment: .right)],
                        rows: rows))))
        s.say(Self.summary(r, n))
        return .ok
    }

    /// The spectrum at the net's weights, with live progress (Ctrl-C keeps the steps so far).
    static func measure(_ s: Session, _ n: LookedNet, steps: Int, seed: UInt64) -> HessianSpectrum {
        let planned = Lanczos.feasibleSteps(steps, parameters: n.network.parameterCount)
        return s.iterating(
            n, title: "hessian", iterations: planned, live: true,
            detail: { "λmin ≈ \(Table.number($0, significant: 3))" }
        ) { gradient, control, report in
            Lanczos.spectrum(gradient, steps: steps, seed: seed, cancel: control) { i, low, _ in report(i, low) }
        }
    }

    /// Keeps the extreme eigenvalues on the net (`NET.hessian.min` reads them while its weights stay).
    static func keep(_ r: HessianSpectrum, on n: LookedNet, in s: Session) {
        guard !r.cancelled, let low = r.values.first, let high = r.values.last, low.isFinite, high.isFinite else { return }
        n.entry.spectrum = SpectrumRecord(smallest: low, largest: high, fingerprint: s.fingerprint(n.network))
    }

    /// Negative eigenvalues smaller than this share of the spectrum's scale are not told apart
    /// from 0: the products are central differences of Float32 gradients, and trained nets (a
    /// 2×16 tanh MLP on moons, seeds 1–3) show smallest eigenvalues of −0.02 … −0.11 % of λmax
    /// where the loss has stopped falling, against −23 … −63 % at initialization.
    static let resolution = 2e-3

    static func summary(_ r: HessianSpectrum, _ n: LookedNet) -> String {
        let name = n.entry.name
        var lines: [String] = []
        if r.cancelled { lines.append("stopped by Ctrl-C after \(r.steps) Lanczos steps; the values so far are shown") }
        guard let low = r.values.first, let high = r.values.last, low.isFinite, high.isFinite else {
            return (lines + ["the loss or its gradient is not finite at these weights: there is no spectrum to find"])
                .joined(separator: "\n")
        }
        let bound = r.residuals.first ?? 0
        let resolved = resolution * max(abs(low), abs(high))
        if low + bound < -resolved {
            lines.append(
                "\(name) has negative curvature: λmin ≈ \(Table.number(low, significant: 3)), "
                    + "\(Table.number(abs(low) / max(abs(high), 1e-30) * 100, significant: 2)) % of λmax in size — the loss curves "
                    + "down along some direction, so these weights are a saddle or on a slope, not at a minimum")
        } else if low < 0 {
            lines.append(
                "no negative curvature resolved: the smallest eigenvalue, \(Table.number(low, significant: 3)), is "
                    + "\(Table.number(abs(low) / max(abs(high), 1e-30) * 100, significant: 2)) % of λmax in size, below the "
                    + "\(Table.number(resolution * 100, significant: 2)) % the finite-difference products resolve — around these "
                    + "weights the loss curves up, or stays flat, in every direction Lanczos explored")
        } else {
            lines.append(
                "no negative eigenvalue found: the smallest is \(Table.number(low, significant: 3)) (± \(Table.number(bound, significant: 2))), "
                    + "so around these weights the loss curves up (or stays flat) in every direction Lanczos explored")
        }
        lines.append(
            "Lanczos, \(r.steps) steps of \(n.network.parameterCount.formatted) parameters, on central-difference Hessian-vector "
                + "products (ε = \(Table.number(r.step, significant: 3))); training loss \(fmt(r.loss)) over "
                + "\(n.data.parts.train.count) examples")
        return lines.joined(separator: "\n")
    }

    /// The estimated spectral density: each Ritz value broadened to a Gaussian of 1/60 of the
    /// spectrum's width, weighted by its share of the start vector.
    static func densityChart(_ r: HessianSpectrum, _ n: LookedNet, step: String) -> LineChart {
        let low = r.values.first ?? 0, high = r.values.last ?? 0
        let span = max(high - low, max(abs(high), 1e-12) * 1e-3)
        let sigma = span / 60, from = low - 4 * sigma, to = high + 4 * sigma
        let points = (0...240).map { i -> PlotPoint in
            let x = from + (to - from) * Double(i) / 240
            return PlotPoint(x: x, y: r.density(at: x, width: sigma))
        }
        let markers = from < 0 && to > 0 ? [LineChart.VerticalMarker(x: 0, label: "0")] : []
        return LineChart(
            title: "\(n.entry.name) Hessian spectral density · Lanczos, \(r.steps) steps · \(step)",
            series: [LineChart.Series(name: "density", points: points)], xLabel: "eigenvalue", yLabel: "density",
            markers: markers)
    }
}
