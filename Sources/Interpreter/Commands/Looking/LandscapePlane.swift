// landscape NET 2d: the training loss on a plane through the current weights (centre = the
// weights now), as a heatmap with contours, a colour bar and the minimum marked.
//   dirs=random  two Gaussian directions, filter-normalized (Li et al. 2018 §4: each filter
//                rescaled to the norm of the same filter of the weights; biases and
//                normalization parameters zeroed); axes over [-span, span]; seeded.
//   dirs=pca     the top-2 principal directions of the snapshots' offsets from the final
//                weights (Li et al. 2018 §7), unit vectors; the training path projected and
//                drawn, ending at the centre; each axis covers span × 1.25 × the path's reach.
// While the grid refines (strides 8, 4, 2, 1) each level is sent to the host as a partial
// picture (gaps filled from the coarser level) with progress in grid points; Ctrl-C keeps the
// computed points.
import Charts
import Diagnostics
import Foundation
import Lab
import Language
import Networks

extension LandscapeCommand {
    /// A plane to slice: its directions, axes, what to call it, and the path drawn on it.
    struct Plane {
        var d1: [Float], d2: [Float]
        var alphas: [Float], betas: [Float]
        var caption: String
        /// "random seed=0" or "pca", for export messages and metadata.
        var kind: String
        var path: [PlotPoint] = []
        var axisLabels = ("α (d1)", "β (d2)")
        /// Short names of the two coordinates, for the summary ("α", "PC1").
        var names = ("α", "β")
    }

    func landscapePlane(_ s: Session, _ c: Context<LandscapeCommand>, _ n: LookedNet) throws(RuntimeError) {
        let res = try resolution(c, default: Self.planeResolution, max: Self.planeResLimit)
        guard span <= Self.spanLimit else {
            throw RuntimeError(LookingRefusal.spanTooLarge(span: span, limit: Self.spanLimit), at: c.span(\.span))
        }
        let plane =
            dirs == .pca
            ? try pcaPlane(c, n, res: res)
            : Self.randomPlane(n, res: res, span: span, seed: s.seed(seed))
        let grid = computePlane(s, plane, n)
        s.emit(.chart(.heatmap(planeHeatmap(s, plane, grid.filled, n))))
        s.say(Self.planeSummary(plane, grid, n))
        n.entry.landscape = LandscapeRecord(
            kind: "2d " + plane.kind, alphas: plane.alphas, betas: plane.betas,
            losses: grid.losses, validation: nil, d1: plane.d1, d2: plane.d2,
            tensors: n.network.namedParameters, step: n.entry.run?.step ?? 0)
    }

    static func randomPlane(_ n: LookedNet, res: Int, span: Double, seed: UInt64) -> Plane {
        let (d1, d2) = Landscape.randomPlane(n.network, seed: seed)
        let axis = Landscape.centredAxis(span: span, count: res)
        return Plane(
            d1: d1, d2: d2, alphas: axis, betas: axis, caption: "random filter-normalized plane, seed \(seed)",
            kind: "random seed=\(seed)")
    }

    func pcaPlane(_ c: Context<LandscapeCommand>, _ n: LookedNet, res: Int) throws(RuntimeError) -> Plane {
        let name = n.entry.name
        guard let run = n.entry.run, run.checkpoints.every != nil else {
            throw RuntimeError(LookingRefusal.noSnapshots(net: name), at: c.span(\.dirs))
        }
        let middle = run.checkpoints.snapshots.filter { $0.step > 0 && $0.step < run.step }
        let snapshots = [run.initial.parameters] + middle.map(\.parameters) + [run.network.parameters.array]
        guard let pca = PathDirections(snapshots: snapshots) else {
            throw RuntimeError(LookingRefusal.tooFewSnapshots(net: name, count: middle.count + 1), at: c.span(\.dirs))
        }
        let reachA = pca.path.map { abs($0.alpha) }.max() ?? 1, reachB = pca.path.map { abs($0.beta) }.max() ?? 1
        let steps = [0] + middle.map(\.step) + [run.step]
        let explained =
            "PCA plane of \(snapshots.count) snapshots (steps \(steps.first ?? 0)–\(steps.last ?? 0)), "
            + "\(pct(pca.explained.0)) + \(pct(pca.explained.1)) of the path's variance"
        return Plane(
            d1: pca.d1, d2: pca.d2,
            alphas: Landscape.centredAxis(span: span * 1.25 * max(reachA, 1e-6), count: res),
            betas: Landscape.centredAxis(span: span * 1.25 * max(reachB, 1e-6), count: res),
            caption: explained, kind: "pca", path: pca.path.map { PlotPoint(x: $0.alpha, y: $0.beta) },
            axisLabels: ("PC1", "PC2"), names: ("PC1", "PC2"))
    }

    /// The grid, with progress in points and a partial picture after each refinement level.
    func computePlane(_ s: Session, _ plane: Plane, _ n: LookedNet) -> SurfaceGrid {
        let control = RunControl()
        s.activeRun.begin(control)
        defer { s.activeRun.end(control) }
        let total = plane.alphas.count * plane.betas.count
        let title = "landscape \(n.entry.name)"
        let clock = ContinuousClock(), start = clock.now
        var last: LiveUpdate?
        let surface = LossSurface(network: n.network, data: n.data.parts.train, loss: n.loss)
        let grid = surface.grid(d1: plane.d1, d2: plane.d2, alphas: plane.alphas, betas: plane.betas, cancel: control) {
            [host = s.host] g in
            let lowest = g.losses.filter(\.isFinite).min() ?? .nan
            let elapsed = Session.seconds(clock.now - start)
            let update = LiveUpdate(
                title: title, netName: n.entry.name,
                progress: .counting(done: g.computed, planned: total, elapsed: elapsed, value: lowest),
                unit: .counted("points"), detail: "lowest loss \(Table.number(lowest, significant: 3))")
            last = update
            host.progress(update)
            if !g.isComplete { host.partial(.chart(.heatmap(self.planeHeatmap(s, plane, g.filled, n)))) }
        }
        if let last { s.host.finishedProgress(last) }
        return grid
    }

    func planeHeatmap(_ s: Session, _ plane: Plane, _ values: [Double], _ n: LookedNet) -> Heatmap {
        let title = "\(n.entry.name) training loss · \(s.stepCaption(n.entry))" + (log ? " · log colour" : "")
        return Heatmap(
            title: title, columns: plane.alphas.count, rows: plane.betas.count, values: values,
            xMin: Double(plane.alphas.first ?? -1), xMax: Double(plane.alphas.last ?? 1),
            yMin: Double(plane.betas.first ?? -1), yMax: Double(plane.betas.last ?? 1),
            xLabel: plane.axisLabels.0, yLabel: plane.axisLabels.1, coloring: .ramp, logScale: log,
            contourLevels: 8, path: plane.path, marksMinimum: true)
    }

    static func planeSummary(_ plane: Plane, _ g: SurfaceGrid, _ n: LookedNet) -> String {
        let nA = g.alphas.count, centre = g[nA / 2, g.betas.count / 2]
        var lines = [
            "\(n.entry.name): \(plane.caption)",
            "\(nA)×\(g.betas.count) training losses over \(n.data.parts.train.count) examples · "
                + "centre (the weights now) \(fmt(centre))",
        ]
        if let k = g.losses.indices.filter({ g.losses[$0].isFinite }).min(by: { g.losses[$0] < g.losses[$1] }) {
            lines[1] +=
                " · lowest \(fmt(g.losses[k])) at \(plane.names.0)=\(short3(Double(g.alphas[k % nA]))), "
                + "\(plane.names.1)=\(short3(Double(g.betas[k / nA])))"
        }
        if !plane.path.isEmpty { lines.append("the line is the training path, from its first snapshot to the centre") }
        if g.overflowed > 0 {
            lines.append("\(g.overflowed) of \(g.losses.count) points have a loss too large to represent (drawn as the maximum)")
        }
        if !g.isComplete {
            lines.append(
                "stopped by Ctrl-C after \(g.computed) of \(g.losses.count) points; gaps are filled from the coarser grid")
        }
        return lines.joined(separator: "\n")
    }
}
