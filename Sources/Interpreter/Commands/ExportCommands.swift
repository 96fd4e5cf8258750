// export: files for other tools, at paths relative to the session directory.
//   export NET "a.safetensors"        weights (see Lab/Safetensors.swift), `weights` optional
//   export NET metrics "a.csv"         the evaluation history: one row per evaluation, header
//                                      step,epoch,train_loss,train_acc,val_loss,val_acc; an empty
//                                      field where there is no value (regression accuracy, no
//                                      validation part). `export NET "a.csv"` means the same.
//   export plot "loss.svg"             the last chart shown, as SVG
//   export NET grid "g.csv"            the last landscape's losses (LandscapeExport.swift)
//   export NET directions "d.safetensors"  the last landscape's directions
//   export SWEEP "trials.csv"          a sweep's trials (Sweeps/SweepAccess.swift)
// A file name whose extension says another format than the one written is refused.
import Charts
import Diagnostics
import Foundation
import Lab
import Networks

extension Session {
    /// The version written into exported metadata (as `basin --version` prints it).
    static let basinVersion = "0.1"

    func exportCommand(_ c: CommandContext) throws(RuntimeError) {
        let target = try c.text("target"), file = try c.text("file") ?? ""
        var what = try c.text("what")
        if let target, let sweep = workspace.sweeps[target], what == nil || what == "trials" { return try exportTrials(sweep, to: file, c) }
        if what == nil, file.lowercased().hasSuffix(".csv") { what = "metrics" }
        if what == "trials" {
            let names = workspace.sweeps.keys.sorted()
            throw RuntimeError(target.map { "'\($0)' is not a sweep: trials are a sweep's" } ?? "export trials needs a sweep",
                               at: c.span(of: target == nil ? "what" : "target"),
                               hint: names.isEmpty ? "run a sweep first: sweep s method=random trials=8 { … }" : "export \(names[0]) \"trials.csv\"")
        }
        if let target, workspace.nets[target] == nil, workspace.datasets[target] == nil, what != "plot" {
            let known = workspace.nets.keys.sorted() + workspace.sweeps.keys.sorted()
            let near = suggest(target, among: known)
            throw RuntimeError("no net or sweep named '\(target)'", at: c.span(of: "target"),
                               hint: near.map { "did you mean '\($0)'?" } ?? (known.isEmpty ? "define a net first" : "known: " + known.joined(separator: ", ")))
        }
        try checkExtension(file, for: what ?? "weights", c)
        switch what {
        case "plot"?:
            if let target {
                throw RuntimeError("export plot writes the last chart shown; it takes no net", at: c.span(of: "target"),
                                   hint: "plot loss \(target), then: export plot \"\(file)\"")
            }
            try exportPlot(to: file, c)
        case "metrics"?: try exportMetrics(try workspace.net(target, at: c.span(of: "target")), to: file, c)
        case "weights"?, nil: try exportWeights(try workspace.net(target, at: c.span(of: "target")), to: file, c)
        case "grid"?: try exportGrid(try workspace.net(target, at: c.span(of: "target")), to: file, c)
        case "directions"?: try exportDirections(try workspace.net(target, at: c.span(of: "target")), to: file, c)
        case let other?:
            throw RuntimeError("export \(other) is not available yet", at: c.span(of: "what"),
                               hint: "export NET \"a.safetensors\", NET metrics|grid \"a.csv\", NET directions \"d.safetensors\" or plot \"p.svg\"")
        }
    }

    /// Refuses a file name whose extension names another format than the one `what` writes.
    func checkExtension(_ file: String, for what: String, _ c: CommandContext) throws(RuntimeError) {
        let ext = file.split(separator: ".").count > 1 ? String(file.split(separator: ".").last!).lowercased() : ""
        let writes: (format: String, ext: String) = switch what {
        case "metrics", "grid": ("CSV", "csv")
        case "plot": ("SVG", "svg")
        default: ("safetensors", "safetensors")
        }
        let known = ["csv", "svg", "safetensors", "json", "txt", "npy", "png", "pt", "pth"]
        guard known.contains(ext), ext != writes.ext else { return }
        let stem = file.dropLast(ext.count + 1)
        throw RuntimeError("export \(what) writes \(writes.format), but '\(file)' says .\(ext)", at: c.span(of: "file"),
                           hint: "name it \"\(stem).\(writes.ext)\"")
    }

    func exportWeights(_ net: NetEntry, to file: String, _ c: CommandContext) throws(RuntimeError) {
        guard let network = net.currentNetwork else {
            throw RuntimeError("\(net.name) has no weights yet: its input size comes from the first dataset it meets",
                               at: c.span, hint: "train it first: train \(net.name) on DATA")
        }
        let tensors = Safetensors.tensors(of: network)
        let metadata = ["format": "pt", "basin_version": Self.basinVersion, "net": net.definitionText,
                        "step": String(net.run?.step ?? 0), "input_shape": describeShape(network.inputShape)]
        let bytes = Safetensors.encode(tensors, metadata: metadata)
        try write(bytes, to: file, at: c.span(of: "file"))
        say("\(net.name): \(network.parameterCount.formatted) parameters in \(tensors.count) tensors → \(file) (\(formatBytes(bytes.count)))")
    }

    func exportMetrics(_ net: NetEntry, to file: String, _ c: CommandContext) throws(RuntimeError) {
        guard let run = net.run, !run.history.evals.isEmpty else {
            throw RuntimeError("\(net.name) has no evaluations to export yet", at: c.span,
                               hint: "train \(net.name) epochs=1 (each epoch ends with an evaluation)")
        }
        let evals = run.history.evals
        try write(Array(metricsCSV(evals).utf8), to: file, at: c.span(of: "file"))
        say("\(net.name): \(evals.count) evaluations (steps \(evals.first?.step ?? 0)–\(evals.last?.step ?? 0)) → \(file)")
    }

    /// The evaluation history as CSV; numbers in their shortest round-tripping form.
    func metricsCSV(_ evals: [EvalRecord]) -> String {
        func field(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var lines = ["step,epoch,train_loss,train_acc,val_loss,val_acc"]
        for e in evals {
            lines.append([String(e.step), field(e.epoch), field(e.trainLoss), field(e.trainAccuracy),
                          field(e.validationLoss), field(e.validationAccuracy)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func exportPlot(to file: String, _ c: CommandContext) throws(RuntimeError) {
        guard let chart = lastChart else {
            throw RuntimeError("nothing plotted yet", at: c.span, hint: "show a chart first, e.g. plot loss, then export plot \"\(file)\"")
        }
        let svg = SVG.document(for: chart)
        try write(Array(svg.utf8), to: file, at: c.span(of: "file"))
        say("last chart → \(file) (\(formatBytes(svg.utf8.count)))")
    }

}
