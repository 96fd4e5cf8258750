// What `sharpness` shares with `compare`'s sharpness columns: the power iteration run as a
// cancellable command with progress, the value kept on the net with a fingerprint of the
// weights it belongs to, and compare's cell (the kept value while the weights are unchanged,
// else measured now). `Session.seconds` is also the landscape's progress clock.
import Charts
import Diagnostics
import Foundation
import Kernels
import Lab
import Networks

/// A sharpness value and the weights it belongs to (`epsilon`: Keskar's ε-sharpness, in %).
struct SharpnessRecord {
    var value: Double
    var fingerprint: [Double]
    var epsilon: Double? = nil
}

extension Session {
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
                                    unit: .counted("iterations"), detail: detail(value))
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        return r
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
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

    /// Identifies a net's weights cheaply: count, sum and norm of its parameters and state.
    func fingerprint(_ network: Network) -> [Double] {
        let p = network.parameters, s = network.state
        return [Double(p.count), Vec.sum(p.count, p.base), Vec.norm(p.count, p.base), Vec.sum(s.count, s.base)]
    }

    /// compare's sharpness cell: the cached value when the weights are unchanged, else measured
    /// now (and cached). nil for a net that has nothing to measure. `cached` says which.
    func compareSharpness(_ net: NetEntry, at span: SourceSpan) -> (value: Double, cached: Bool)? {
        guard let n = try? looked(net, at: span) else { return nil }
        if let s = net.sharpness, s.fingerprint == fingerprint(n.network) { return (s.value, true) }
        let r = measureSharpness(n, iterations: SharpnessCommand.defaultIterations, tolerance: SharpnessCommand.defaultTolerance,
                                 live: false)
        return r.cancelled || !r.eigenvalue.isFinite ? nil : (r.eigenvalue, false)
    }
}
