// Refusals of `export`: what it would write is not there, or the file's name says another
// format. Worded in Wording/ExportRefusal+Wording.swift.

/// An export that has nothing to write, or would write it under a misleading name.
enum ExportRefusal: Refusal {
    /// No net or sweep is called `name`; `suggestion` is the closest name, `names` all there are.
    case unknown(name: String, suggestion: String?, names: [String])
    /// `export plot` was given the net `net`; `file` is the file named.
    case plotTakesNoNet(net: String, file: String)
    /// `export trials` of `name`, not a sweep (nil: no name given); `sweep` is a sweep to suggest.
    case notASweep(name: String?, sweep: String?)
    /// `export what` writes `format` (files ending .`ending`), but `file` ends .`written`.
    case wrongExtension(what: String, format: String, ending: String, file: String, written: String)
    /// `net` has no weights to write yet.
    case noWeights(net: String)
    /// `net` has no evaluation history yet.
    case noEvaluations(net: String)
    /// `export plot` before any chart; `file` is the file named.
    case nothingPlotted(file: String)
    /// `net` has no landscape yet.
    case noLandscape(net: String)
    /// `export session` to `file`, whose ending (`written`, maybe empty) is neither HTML nor Markdown.
    case sessionFormat(file: String, written: String)
    /// `export session` before any command ran.
    case emptySession
    /// `export DATA` to `file`, whose ending (`written`) is neither npy nor csv.
    case dataFormat(data: String, file: String, written: String)
}
