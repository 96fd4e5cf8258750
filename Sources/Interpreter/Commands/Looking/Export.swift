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
//   export NET predictions "p.csv" [on train|val|test]   per example (and position): index,
//                                      target, predicted class, its probability, every class's
//                                      probability and logit (regression: targets and outputs);
//                                      "p.npy" the same columns as a float32 [rows, columns] array
//   export DATA "d.npy"                a dataset with its split: d.npy (inputs [N, …shape]),
//                                      d-targets.npy (labels int64, or values float32) and
//                                      d-parts.npy (int64: 0 train, 1 val, 2 test), rows in the
//                                      order train, val, test — `data z = npy "d.npy"
//                                      "d-targets.npy" "d-parts.npy" split=given` reads it back;
//                                      "d.csv": one file, columns x0…, target (or target_0…), part
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
import Datasets
import Diagnostics
import Foundation
import Lab
import Networks

struct ExportCommand: RunnableCommand {
    enum What: String, OperandChoice { case weights, metrics, plot, grid, directions, trials, session, predictions }

    var target: String?
    var what: What?
    var file = ""
    var part: EvalCommand.Part?

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
                "export session \"lesson1.html\"", "export session \"lesson1.md\"", "export a predictions \"p.csv\" on val",
            ],
            .slot(\.target, "target", .name(.any), placeholder: "NAME", help: "the net or sweep"),
            .slot(\.what, "what", help: "what to write (default: weights for a net, trials for a sweep)"),
            .slot(\.file, "file", .string, required: true, placeholder: "\"FILE\"", help: "a file name in quotes"),
            .slot(
                \.part, "part", keyword: "on", placeholder: "train|val|test",
                help: "predictions: the part after 'on' (default val; test counts as a peek)"))
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
        if what == nil, let target, s.workspace.nets[target] == nil, let data = s.workspace.datasets[target] {
            try exportData(s, data, c)
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
        case .predictions?: try exportPredictions(s, try s.workspace.net(target, at: c.span(\.target)), c)
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
            case .predictions: file.lowercased().hasSuffix(".npy") ? ("NPY", "npy") : ("CSV", "csv")
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

    // MARK: a dataset

    func exportData(_ s: Session, _ d: DataEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        let ext = (file as NSString).pathExtension.lowercased()
        guard ext == "npy" || ext == "csv" else {
            throw RuntimeError(ExportRefusal.dataFormat(data: d.name, file: file, written: ext), at: c.span(\.file))
        }
        var parts: [(Dataset, Int64)] = [(d.parts.train, 0), (d.parts.validation, 1)]
        if d.parts.testCount > 0 { parts.append((d.parts.test(peekedBy: "export \(d.name)"), 2)) }
        let all = parts.map(\.0)
        let n = all.reduce(0) { $0 + $1.count }, f = d.full.featureCount
        let inputs = all.flatMap(\.inputs)
        let partOfRow = parts.flatMap { [Int64](repeating: $0.1, count: $0.0.count) }
        let labels: [Int64]? = d.isClassification ? all.flatMap { ($0.labels ?? []).map(Int64.init) } : nil
        let values: [Float] = d.isClassification ? [] : all.flatMap { $0.values ?? [] }
        let positions = d.full.positions, width = d.full.targetWidth
        let counts = "train \(d.parts.train.count) / val \(d.parts.validation.count) / test \(d.parts.testCount)"
        if ext == "npy" {
            let stem = String(file.dropLast(4))
            let targetFile = stem + "-targets.npy", partsFile = stem + "-parts.npy"
            let (x, y, p) = try rethrow(at: c.span(\.file)) { () throws -> ([UInt8], [UInt8], [UInt8]) in
                let y =
                    try labels.map { try NPY.encode(int64: $0, shape: positions > 1 ? [n, positions] : [n]) }
                    ?? NPY.encode(float32: values, shape: width > 1 ? [n, width] : [n])
                return (
                    try NPY.encode(float32: inputs, shape: [n] + d.full.sampleShape), y,
                    try NPY.encode(int64: partOfRow, shape: [n])
                )
            }
            try s.write(x, to: file, at: c.span(\.file))
            try s.write(y, to: targetFile, at: c.span(\.file))
            try s.write(p, to: partsFile, at: c.span(\.file))
            s.say("\(d.name): \(n) examples (\(counts)) → \(file), \(targetFile), \(partsFile)")
        } else {
            let targetColumns =
                labels != nil
                ? (positions > 1 ? (0..<positions).map { "target_\($0)" } : ["target"])
                : (width > 1 ? (0..<width).map { "target_\($0)" } : ["target"])
            var lines = [((0..<f).map { "x\($0)" } + targetColumns + ["part"]).joined(separator: ",")]
            lines.reserveCapacity(n + 1)
            let w = labels != nil ? positions : width
            for r in 0..<n {
                var row = inputs[(r * f)..<((r + 1) * f)].map { "\($0)" }
                row +=
                    labels.map { l in l[(r * w)..<((r + 1) * w)].map { "\($0)" } }
                    ?? values[(r * w)..<((r + 1) * w)].map { "\($0)" }
                row.append(["train", "val", "test"][Int(partOfRow[r])])
                lines.append(row.joined(separator: ","))
            }
            let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            try s.write(bytes, to: file, at: c.span(\.file))
            s.say("\(d.name): \(n) examples (\(counts)) → \(file) (\(formatBytes(bytes.count)))")
        }
        if d.parts.testCount > 0 { s.sayPeek(d) }
    }

    // MARK: predictions

    func exportPredictions(_ s: Session, _ net: NetEntry, _ c: Context<ExportCommand>) throws(RuntimeError) {
        guard let network = net.currentNetwork, let dataName = net.dataName, let data = s.workspace.datasets[dataName]
        else { throw RuntimeError(TrainingRefusal.metNoData(net: net.name), at: c.span) }
        let (chosen, examples) = try s.part(
            part, of: net, data, reader: "export \(net.name) predictions on test", at: c.span(\.part))
        guard examples.count > 0 else {
            throw RuntimeError(TrainingRefusal.emptyPart(data: data.name, part: chosen.rawValue), at: c.span(\.part))
        }
        guard let p = Predictions(network: network, data: examples) else {
            throw RuntimeError(EvalRefusal.cannotPredict(net: net.name, data: data.name), at: c.span)
        }
        let table = Self.predictionTable(p, targets: examples)
        let bytes: [UInt8]
        if file.lowercased().hasSuffix(".npy") {
            bytes = try rethrow(at: c.span(\.file)) { () throws -> [UInt8] in
                try NPY.encode(float32: table.rows.flatMap { $0 }, shape: [table.rows.count, table.columns.count])
            }
        } else {
            // Whole numbers (indices, classes) as integers; the rest in their shortest round-tripping form.
            let field = { (v: Float) in v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : "\(v)" }
            let lines = [table.columns.joined(separator: ",")] + table.rows.map { $0.map(field).joined(separator: ",") }
            bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        }
        try s.write(bytes, to: file, at: c.span(\.file))
        let shown =
            table.columns.count > 8 ? table.columns.prefix(6).joined(separator: ",") + ",…" : table.columns.joined(separator: ",")
        s.say("\(net.name) on \(data.name) \(chosen.rawValue): \(table.rows.count) rows (\(shown)) → \(file)")
        if chosen == .test { s.sayPeek(data) }
    }

    /// Column names and one row of numbers per example (per example and position for a sequence).
    static func predictionTable(_ p: Predictions, targets data: Dataset) -> (columns: [String], rows: [[Float]]) {
        guard let k = p.classes else {
            let w = data.targetWidth, values = data.values ?? []
            let columns =
                ["index"] + (0..<w).map { w == 1 ? "target" : "target_\($0)" }
                + (0..<p.outputWidth).map { p.outputWidth == 1 ? "output" : "output_\($0)" }
            let rows = (0..<p.count).map { n in
                [Float(n)] + Array(values[(n * w)..<((n + 1) * w)])
                    + Array(p.outputs[(n * p.outputWidth)..<((n + 1) * p.outputWidth)])
            }
            return (columns, rows)
        }
        let positions = p.positions
        let columns =
            ["index"] + (positions > 1 ? ["position"] : []) + ["target", "predicted", "confidence"]
            + (0..<k).map { "p_\($0)" } + (0..<k).map { "logit_\($0)" }
        var rows: [[Float]] = []
        rows.reserveCapacity(p.count * positions)
        for n in 0..<p.count {
            for position in 0..<positions {
                let at = n * positions + position
                var row: [Float] = [Float(n)]
                if positions > 1 { row.append(Float(position)) }
                row += [Float(p.truth[at]), Float(p.predicted[at]), p.confidence[at]]
                row += p.probabilities[(at * k)..<((at + 1) * k)]
                row += (0..<k).map { c in p.outputs[n * k * positions + c * positions + position] }
                rows.append(row)
            }
        }
        return (columns, rows)
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
            s.droppedCells > 0
            ? "; the first \(s.droppedCells) cells were dropped (a session keeps at least its newest \(Session.maxCells))" : ""
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
