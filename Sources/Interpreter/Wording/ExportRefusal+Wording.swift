// The wording of `export`'s refusals.

extension ExportRefusal {
    var message: String {
        switch self {
        case .unknown(let name, _, _): return "no net or sweep named '\(name)'"
        case .plotTakesNoNet: return "export plot writes the last chart shown; it takes no net"
        case .notASweep(let name, _):
            return name.map { "'\($0)' is not a sweep: trials are a sweep's" } ?? "export trials needs a sweep"
        case .wrongExtension(let what, let format, _, let file, let written):
            return "export \(what) writes \(format), but '\(file)' says .\(written)"
        case .noWeights(let net): return "\(net) has no weights yet: its input size comes from the first dataset it meets"
        case .noEvaluations(let net): return "\(net) has no evaluations to export yet"
        case .nothingPlotted: return "nothing plotted yet"
        case .noLandscape(let net): return "\(net) has no landscape to export yet"
        case .sessionFormat(let file, let written):
            return "export session writes HTML (.html) or Markdown (.md), but '\(file)' says "
                + (written.isEmpty ? "neither" : ".\(written)")
        case .emptySession: return "nothing has run in this session yet"
        case .dataFormat(let data, let file, let written):
            return "export \(data) writes NPY (.npy) or CSV (.csv), but '\(file)' says "
                + (written.isEmpty ? "neither" : ".\(written)")
        }
    }

    var hint: String? {
        switch self {
        case .unknown(_, let suggestion, let names):
            return suggestion.map { "did you mean '\($0)'?" }
                ?? (names.isEmpty ? "define a net first" : "known: " + names.joined(separator: ", "))
        case .plotTakesNoNet(let net, let file): return "plot loss \(net), then: export plot \"\(file)\""
        case .notASweep(_, let sweep):
            return sweep.map { "export \($0) \"trials.csv\"" } ?? "run a sweep first: sweep s method=random trials=8 { … }"
        case .wrongExtension(_, _, let ending, let file, let written):
            return "name it \"\(file.dropLast(written.count + 1)).\(ending)\""
        case .noWeights(let net): return "train it first: train \(net) on DATA"
        case .noEvaluations(let net): return "train \(net) epochs=1 (each epoch ends with an evaluation)"
        case .nothingPlotted(let file): return "show a chart first, e.g. plot loss, then export plot \"\(file)\""
        case .noLandscape(let net): return "landscape \(net) 2d (or 1d) first"
        case .sessionFormat(let file, let written):
            let stem = written.isEmpty ? file : String(file.dropLast(written.count + 1))
            return "name it \"\(stem).html\" (one file, charts inside) or \"\(stem).md\" (charts as SVG files beside it)"
        case .emptySession: return "run a few commands, then export session \"notebook.html\""
        case .dataFormat(let data, let file, let written):
            let stem = written.isEmpty ? file : String(file.dropLast(written.count + 1))
            return "name it \"\(stem).npy\" (with -targets.npy and -parts.npy beside it) or \"\(stem).csv\" (\(data)'s rows)"
        }
    }
}
