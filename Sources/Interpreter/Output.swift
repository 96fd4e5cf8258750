// What the interpreter gives its front ends: outputs as values (text, charts, diagnostics,
// narrative), live progress while a command runs, and the tutorial interactions. It never draws.
import Charts
import Diagnostics
import Lab

public enum Output: Sendable {
    /// Plain lines: status messages, summaries.
    case text(String)
    case chart(Chart)
    /// An error or warning with the source it points into.
    case diagnostic(Diagnostic, SourceFile?)
    /// A tutorial's `> …` line, for the reader.
    case narrative(String)
    /// `clear`: a terminal front end clears its screen; batch and piped output print nothing.
    case clear
    /// An `expect`'s verdict: a front end marks it ✓ or ✗; batch exits 1 after a failed one.
    case expectation(Verdict)
}

/// Whether an `expect` held, what it said, and the values it compared.
public struct Verdict: Sendable, Equatable {
    public var holds: Bool
    /// The expression as written.
    public var claim: String
    /// The values compared: "81.2% ± 1.1 (5 seeds) > 79.5% ± 1.5 (5 seeds)".
    public var values: String
    /// The author's message, said when the claim fails.
    public var message: String?

    public init(holds: Bool, claim: String, values: String, message: String? = nil) {
        self.holds = holds
        self.claim = claim
        self.values = values
        self.message = message
    }

    /// One line: "✓ expect big.gap > l2.gap: 0.21 > 0.08", or "✗ expect failed: …".
    public func line(unicode: Bool = true) -> String {
        let mark = holds ? (unicode ? "✓ expect" : "ok: expect") : (unicode ? "✗ expect failed:" : "FAILED: expect")
        var text = "\(mark) \(claim) — \(values)"
        if !holds, let message { text += "\n  \(message)" }
        return text
    }
}

/// How a running command counts its work, and the one place its count is worded.
public enum ProgressUnit: Sendable, Equatable {
    /// Optimizer steps of a budget given in epochs (shown as epochs).
    case epochs(stepsPerEpoch: Int)
    /// Optimizer steps of a budget given in steps.
    case steps
    /// Work not counted in optimizer steps: grid "points", power "iterations".
    case counted(String)

    /// The unit of a training budget.
    public init(_ budget: Budget, stepsPerEpoch: Int) {
        if case .epochs = budget { self = .epochs(stepsPerEpoch: max(1, stepsPerEpoch)) } else { self = .steps }
    }

    /// Whether the work is training (optimizer steps).
    public var isTraining: Bool { if case .counted = self { false } else { true } }

    /// "epoch 3/15", "step 1200/6000", "12/41 points".
    public func counter(done: Int, planned: Int) -> String {
        switch self {
        case .epochs(let n): return "epoch \(done / n)/\(planned / n)"
        case .steps: return "step \(done)/\(planned)"
        case .counted(let what): return "\(done)/\(planned) \(what)"
        }
    }
}

/// A running command's state, published at most ~20 times a second.
public struct LiveUpdate: Sendable {
    /// What runs: "train a", "step a", "landscape a".
    public var title: String
    public var netName: String
    public var progress: Progress
    /// How `progress.done` and `planned` are counted.
    public var unit: ProgressUnit
    /// History and layer statistics for a dashboard (only when the host wants them).
    public var snapshot: RunSnapshot? = nil
    /// For work not counted in steps ("points", "iterations"): what the progress line says
    /// after the count ("lowest loss 0.12", "λ ≈ 3.4").
    public var detail: String? = nil
    /// A running sweep, for a dashboard: its best-so-far curves (only when the host wants snapshots).
    public var sweep: SweepSnapshot? = nil
}

/// A running sweep as a dashboard draws it: the best objective so far against trials and
/// against total epochs (the charts `show SWEEP` draws), and a line of numbers.
public struct SweepSnapshot: Sendable, Equatable {
    /// "s: 12 of 27 trials · best val loss 1.093 (#9)"
    public var summary: String
    public var byTrial: LineChart
    public var byEpochs: LineChart
    /// Hyperband: the bracket table as it fills in (configurations finished of planned, best).
    public var brackets: Table?

    public init(summary: String, byTrial: LineChart, byEpochs: LineChart, brackets: Table? = nil) {
        self.summary = summary
        self.byTrial = byTrial
        self.byEpochs = byEpochs
        self.brackets = brackets
    }
}

/// What the reader does at a tutorial pause.
public enum PauseReply: Sendable, Equatable {
    /// Go on with the lesson.
    case resume
    /// Run this command first, then pause again.
    case run(String)
}

/// The front end a session talks to. Batch, line mode and the notebook each implement it.
public protocol SessionHost: AnyObject {
    func emit(_ output: Output)
    func progress(_ update: LiveUpdate)
    /// A running command finished (the front end clears a progress line, keeps a final state).
    func finishedProgress(_ update: LiveUpdate)
    /// A tutorial question; nil when there is no reader (batch), and the tutorial goes on.
    func ask(_ question: String) -> String?
    /// A tutorial pause; `next` is the command that follows, for a notebook to offer. The reader
    /// goes on, or types a command to run first (the lesson then pauses again).
    func pause(next: String?) -> PauseReply
    /// The width outputs will be shown at (charts are rendered later, but text wraps to it).
    var width: Int { get }
    /// Whether progress updates should carry a `RunSnapshot` (a live dashboard).
    var wantsRunSnapshots: Bool { get }
    /// A picture of a command still computing (a landscape refining coarse-to-fine): each call
    /// replaces the previous partial picture; the command's final `emit` replaces the last one.
    /// Called on the session's thread a few times per command. Batch and piped output ignore it.
    func partial(_ output: Output)
}

extension SessionHost {
    public var wantsRunSnapshots: Bool { false }
    /// Default: partial pictures are not shown, only the final output.
    public func partial(_ output: Output) {}
}
