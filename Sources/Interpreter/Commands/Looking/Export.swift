// export: files for other tools, at paths relative to the session directory.
//   export NET "a.safetensors"        weights (see Lab/Safetensors.swift), `weights` optional
//   export NET metrics "a.csv"         the evaluation history: one row per evaluation, header
//                                      step,epoch,train_loss,train_acc,val_loss,val_acc; an empty
//                                      field where there is no value (regression accuracy, no
//                                      validation part). `export NET "a.csv"` means the same.
//   export plot "loss.svg"             the last chart shown, as SVG
//   export NET grid "g.csv"            the last landscape's losses
//   export NET directions "d.safetensors"  the last landscape's directions
//   export SWEEP "trials.csv"          a sweep's trials (Sweeps/SweepAccess.swift)
//   export session "NAME.html"         every cell of the session: one self-contained HTML page
//   export session "NAME.md"           the same as Markdown, charts as NAME-charts/chart-NN.svg
// A file name whose extension says another format than the one written is refused.
//
// The net's last landscape, so a slice can be checked or redrawn elsewhere:
//   grid        2d: header alpha,beta,loss, one row per grid point (β outer, α inner, as the
//               heatmap's rows); 1d: alpha,loss,val_loss. Numbers in full precision; an empty
//               field for a point not computed (Ctrl-C) or no validation part.
//   directions  the direction vectors as named tensors in the weights' layout: "d1.0.weight",
//               "d1.0.bias", … and "d2.…" for a plane (a line has only d1 = w_now − w_from).
//               Metadata: net, kind, step. w(α, β) = weights + α·d1 + β·d2.
import Charts
import Diagnostics
import Foundation
import Lab
import Networks

struct ExportCommand: RunnableCommand {
    enum What: String, OperandChoice { case weights, metrics, plot, grid, directions, trials, session }

    var target: String?
    var what: What?
    var file = ""

    /// The version written into exported metadata (as `basin --version` prints it).
    static let basinVersion = "0.1"

    static var declaration: Declaration<ExportCommand> {
        Declaration(
            "export", category: "Sessions",
            summary:
                "write weights (safetensors), metrics (CSV), the last plot (SVG), trials, or the whole session (HTML, Markdown)",
            replayable: false,
            examples: [
                "export a \"a.safetensors\"", "export a metrics \"a.csv\"", "export plot \"loss.svg\"",
                "export session \"lesson1.html\"", "export session \"lesson1.md\"",
            ],
            .slot(\.target, "target", .name(.any), placeholder: "NAME", help: "the net or sweep"),
            .slot(\.what, "what", help: "what to write (default: weights for a net, trials for a sweep)"),
            .slot(\.file, "file", .string, required: true, placeholder: "\"FILE\"", help: "a file name in quotes"))
    }

    func run(_ s: Session, _ c: Context<ExportCommand>) throws(RuntimeError) -> ExecutionStatus {
        var what = self.what
        if let target, let sweep = s.workspace.sweeps[target], what == nil || what == .trials {
            try s.sweeps.exportTrials(sweep, to: file, at: c.span(\.file))
            return .ok
        }
        if what == .session {
            try exportSession(s, c)
            return .ok
        }
        if what == nil, file.lowercased().hasSuffix(".csv") { what = .metrics }
        if what == .trials { throw notASweep(s, c) }
        if let target, s.workspace.nets[target] == nil, s.workspace.datasets[target] == nil, what != .plot {
            let known = s.workspace.nets.keys.sorted() + s.workspace.sweeps.keys.sorted()
            throw RuntimeError(
                ExportRefusal.unknown(name: target, suggestion: suggest(target, among: known), names: known),
                at: c.span(\.target))
        }
        try checkExtension(for: what ?? .weights, c)
        switch what {
        case .plot?:
            if let target {
                throw RuntimeError(ExportRefusal.plotTakesNoNet(net: target, file: file), at: c.span(\.target))
            }
            try exportPlot(s, c)
        case .metrics?: try exportMetrics(s, try s.workspace.net(target, at: c.span(\.target)), c)
        case .weights?, nil: try exportWeights(s, try s.workspace.net(target, at: c.span(\.target)), c)
        case .grid?: try exportGrid(s, try s.workspace.net(target, at: c.span(\.target)), c)
        case .directions?: try exportDirections(s, try s.workspace.net(target, at: c.span(\.target)), c)
        case .trials?: throw notASweep(s, c)
        case .session?: try exportSession(s, c)
        }
        return .ok
    }

    /// `export trials` of something that is not a sweep.
    func notASweep(_ s: Session, _ c: Context<ExportCommand>) -> RuntimeError {
        RuntimeError(
            ExportRefusal.notASweep(name: target, sweep: s.workspace.sweeps.keys.sorted().first),
            at: target == nil ? c.span(\.what) : c.span(\.target))
    }

    /// Refuses a file name whose extension names another format than the one `what` writes.
    func checkExtension(for what: What, _ c: Context<ExportCommand>) throws(RuntimeError) {
        let ext = file.split(separator: ".").count > 1 ? String(file.split(separator: ".").last!).lowercased() : ""
        let writes: (format: String, ext: String) =
            switch what {
            case .metrics, .grid: ("CSV", "csv")
            case .plot: ("SVG", "svg")
            default: ("safetensors", "safetensors")
            }
        let known = ["csv", "svg", "safetensors", "json", "txt", "npy", "png", "pt", "pth"]
        guard known.contains(ext), ext != writes.ext else { return }
        throw RuntimeError(
            ExportRefusal.wrongExtension(
                what: what.rawValue, format: writes.format, ending: writes.ext, file: file, written: ext),
            at: c.span(\.file))
    }

    func exportWeights(_ s: Session, _ net: NetEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        guard let network = net.currentNetwork else {
            throw RuntimeError(ExportRefusal.noWeights(net: net.name), at: c.span)
        }
        let tensors = Safetensors.tensors(of: network)
        let metadata = [
            "format": "pt", "basin_version": Self.basinVersion, "net": net.definitionText,
            "step": String(net.run?.step ?? 0), "input_shape": describeShape(network.inputShape),
        ]
        let bytes = Safetensors.encode(tensors, metadata: metadata)
        try s.write(bytes, to: file, at: c.span(\.file))
        s.say(
            "\(net.name): \(network.parameterCount.formatted) parameters in \(tensors.count) tensors → \(file) (\(formatBytes(bytes.count)))"
        )
    }

    func exportMetrics(_ s: Session, _ net: NetEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        guard let run = net.run, !run.history.evals.isEmpty else {
            throw RuntimeError(ExportRefusal.noEvaluations(net: net.name), at: c.span)
        }
        let evals = run.history.evals
        try s.write(Array(Self.metricsCSV(evals).utf8), to: file, at: c.span(\.file))
        s.say("\(net.name): \(evals.count) evaluations (steps \(evals.first?.step ?? 0)–\(evals.last?.step ?? 0)) → \(file)")
    }

    /// The evaluation history as CSV; numbers in their shortest round-tripping form.
    static func metricsCSV(_ evals: [EvalRecord]) -> String {
        func field(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var lines = ["step,epoch,train_loss,train_acc,val_loss,val_acc"]
        for e in evals {
            lines.append(
                [
                    String(e.step), field(e.epoch), field(e.trainLoss), field(e.trainAccuracy),
                    field(e.validationLoss), field(e.validationAccuracy),
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func exportPlot(_ s: Session, _ c: Context<ExportCommand>) throws(RuntimeError) {
        guard let chart = s.lastChart else {
            throw RuntimeError(ExportRefusal.nothingPlotted(file: file), at: c.span)
        }
        let svg = SVG.document(for: chart)
        try s.write(Array(svg.utf8), to: file, at: c.span(\.file))
        s.say("last chart → \(file) (\(formatBytes(svg.utf8.count)))")
    }

    // MARK: the session

    /// Every cell before this command, as HTML or as Markdown with the charts as SVG files.
    func exportSession(_ s: Session, _ c: Context<ExportCommand>) throws(RuntimeError) {
        let cells = Array(s.cells.dropLast())  // the last cell is this export
        let ext = (file as NSString).pathExtension.lowercased()
        guard ["html", "htm", "md", "markdown"].contains(ext) else {
            throw RuntimeError(ExportRefusal.sessionFormat(file: file, written: ext), at: c.span(\.file))
        }
        guard !cells.isEmpty else { throw RuntimeError(ExportRefusal.emptySession, at: c.span) }
        let title = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let dropped =
            s.droppedCells > 0 ? "; the first \(s.droppedCells) cells were dropped to keep the newest \(Session.maxCells)" : ""
        let note = "Basin \(Self.basinVersion) session, \(cells.count) cells, exported \(LessonRecord.timestamp())\(dropped)"
        if ext == "html" || ext == "htm" {
            let page = SessionDocument.html(title: title, cells: cells, note: note)
            try s.write(Array(page.utf8), to: file, at: c.span(\.file))
            s.say("session: \(cells.count) cells → \(file) (\(formatBytes(page.utf8.count)))")
            return
        }
        let folder = (file as NSString).deletingPathExtension + "-charts"
        let (text, charts) = SessionDocument.markdown(
            title: title, cells: cells, note: note, chartFolder: (folder as NSString).lastPathComponent)
        if !charts.isEmpty {
            let path = try s.checkedPath(folder, writing: true, at: c.span(\.file))
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw s.cannotWrite(folder, EACCES, at: c.span(\.file))
            }
            for chart in charts { try s.write(Array(chart.svg.utf8), to: folder + "/" + chart.name, at: c.span(\.file)) }
        }
        try s.write(Array(text.utf8), to: file, at: c.span(\.file))
        s.say(
            "session: \(cells.count) cells → \(file)"
                + (charts.isEmpty ? "" : " and \(charts.count) chart\(charts.count == 1 ? "" : "s") in \(folder)/"))
    }

    // MARK: the last landscape

    static func lastLandscape(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) -> LandscapeRecord {
        guard let record = net.landscape else {
            throw RuntimeError(ExportRefusal.noLandscape(net: net.name), at: span)
        }
        return record
    }

    func exportGrid(_ s: Session, _ net: NetEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        let r = try Self.lastLandscape(net, at: c.span)
        try s.write(Array(Self.gridCSV(r).utf8), to: file, at: c.span(\.file))
        s.say("\(net.name): landscape \(r.kind) · \(r.losses.count) points → \(file)")
    }

    static func gridCSV(_ r: LandscapeRecord) -> String {
        func field(_ v: Double?) -> String { v.map { $0.isNaN ? "" : "\($0)" } ?? "" }
        let nA = r.alphas.count
        if r.d2 == nil {
            var lines = ["alpha,loss,val_loss"]
            for (i, a) in r.alphas.enumerated() {
                lines.append("\(a),\(field(r.losses[i])),\(field(r.validation?[i]))")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        var lines = ["alpha,beta,loss"]
        for (k, loss) in r.losses.enumerated() {
            lines.append("\(r.alphas[k % nA]),\(r.betas[k / nA]),\(field(loss))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func exportDirections(_ s: Session, _ net: NetEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        let r = try Self.lastLandscape(net, at: c.span)
        var tensors: [Safetensors.Tensor] = []
        for (prefix, d) in [("d1", r.d1), ("d2", r.d2)] {
            guard let d else { continue }
            for t in r.tensors where t.offset + t.count <= d.count {
                tensors.append(
                    .init(name: "\(prefix).\(t.name)", shape: t.shape, values: Array(d[t.offset..<(t.offset + t.count)])))
            }
        }
        let metadata = [
            "format": "pt", "basin_version": Self.basinVersion, "net": net.definitionText,
            "kind": r.kind, "step": String(r.step),
        ]
        let bytes = Safetensors.encode(tensors, metadata: metadata)
        try s.write(bytes, to: file, at: c.span(\.file))
        s.say(
            "\(net.name): \(r.d2 == nil ? "d1" : "d1, d2") of landscape \(r.kind) in \(tensors.count) tensors → \(file) (\(formatBytes(bytes.count)))"
        )
    }
}
