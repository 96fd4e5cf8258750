// Outputs as text: the one way batch, line mode and the golden tests turn an output into lines.
// Pure: the environment (width, glyphs, colours) is passed in; nothing touches a terminal.
import Charts
import Diagnostics

public struct OutputFormatter: Sendable {
    public var environment: TerminalEnvironment

    public init(environment: TerminalEnvironment) { self.environment = environment }

    /// The output as text lines (no trailing newline); empty for `.clear`, which a terminal
    /// front end performs itself (`clearScreen`). An ASCII profile gets ASCII stand-ins.
    public func format(_ output: Output) -> String {
        let text = formatted(output)
        if environment.profile.isUnicode { return text }
        if case .diagnostic = output { return ASCIIFallback.text(text, oneForOne: true) }
        return ASCIIFallback.text(text)
    }

    func formatted(_ output: Output) -> String {
        switch output {
        case .clear: return ""
        case .text(let text): return TerminalSafe.text(text)
        case .narrative(let text):
            let safe = TerminalSafe.text(text)
            return environment.usesEscapes ? "\u{1B}[3m\(safe)\u{1B}[0m" : safe
        case .chart(let chart):
            let buffer = chart.rendered(width: environment.width, profile: environment.profile)
            return TextRenderer(environment: environment).render(buffer)
        case .expectation(let verdict):
            let line = TerminalSafe.text(verdict.line(unicode: environment.profile.isUnicode))
            guard environment.usesEscapes, environment.profile.colors != .none else { return line }
            return (verdict.holds ? "\u{1B}[32m" : "\u{1B}[1;31m") + line + "\u{1B}[0m"
        case .diagnostic(let d, let source):
            let style: any DiagnosticStyle =
                environment.usesEscapes && environment.profile.colors != .none ? ANSIStyle() : PlainStyle()
            return DiagnosticRenderer(style: style).render(d, source: source)
        }
    }

    /// What `clear` writes: home and erase on a terminal, nothing otherwise.
    public var clearScreen: String { environment.usesEscapes ? "\u{1B}[H\u{1B}[2J" : "" }

    /// A one-line progress bar for a running command, `width` columns wide.
    public func progressLine(_ u: LiveUpdate) -> String {
        let p = u.progress
        guard u.unit.isTraining else { return countingLine(u) }
        // The step's own mini-batch loss, then the last evaluation's loss on the whole val part.
        var detail = "batch loss \(Table.number(p.loss, significant: 3))"
        if let v = p.lastEval?.validationLoss { detail += " · val loss \(Table.number(v, significant: 3))" }
        detail += " · \(Int(p.stepsPerSecond.rounded())) steps/s"
        let label = "\(u.title) " + u.unit.counter(done: p.done, planned: p.planned)
        let bar = ProgressBar(fraction: p.fraction, label: label, eta: p.done < p.planned ? p.eta : nil, detail: detail)
        let buffer = Chart.progress(bar).rendered(width: environment.width, height: 1, profile: environment.profile)
        return TextRenderer(environment: environment).render(buffer)
    }

    /// Progress of work counted in grid points or iterations: count, detail, elapsed time.
    func countingLine(_ u: LiveUpdate) -> String {
        let p = u.progress
        let detail = [u.detail, "\(Table.number(p.elapsed, significant: 2)) s"].compactMap { $0 }.joined(separator: " · ")
        let bar = ProgressBar(
            fraction: p.fraction, label: "\(u.title) " + u.unit.counter(done: p.done, planned: p.planned),
            eta: p.done < p.planned ? p.eta : nil, detail: detail)
        let buffer = Chart.progress(bar).rendered(width: environment.width, height: 1, profile: environment.profile)
        return TextRenderer(environment: environment).render(buffer)
    }
}
