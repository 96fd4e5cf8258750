// The notebook as a pure state machine: cells, the input line, focus, scroll, zoom, help and
// the live dashboard change only through `handle(_:)`, which returns effects for the runtime
// (run a command, cancel, answer a question, quit); `frame()` draws the whole screen into a
// cell buffer. Nothing here touches a terminal or a thread, so tests drive it with events
// and compare frames with string literals.
import Charts
import Interpreter
import Language

/// Everything that can happen to the notebook.
public enum NotebookEvent: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// SIGINT (Ctrl-C when the terminal sends it as a signal).
    case interrupt
    case output(Output)
    /// A picture still being refined; replaced by the next partial or the final output.
    case partial(Output)
    case progress(DashboardModel)
    case progressFinished(DashboardModel)
    /// A tutorial question waits for an answer.
    case ask(String)
    /// A tutorial pause; `next` is the command that follows.
    case pause(next: String?)
    case finished(CommandResult)
}

/// How a command ended, with the workspace as it is afterwards (for completion and status).
public struct CommandResult: Sendable, Equatable {
    public var status: ExecutionStatus
    public var names: [String]
    public var currentNet: String?
    public var currentData: String?
    /// The current net's step when the command ended (nil: untrained or unknown).
    public var currentStep: Int?

    public init(
        status: ExecutionStatus, names: [String] = [], currentNet: String? = nil, currentData: String? = nil,
        currentStep: Int? = nil
    ) {
        self.status = status
        self.names = names
        self.currentNet = currentNet
        self.currentData = currentData
        self.currentStep = currentStep
    }
}

/// What the runtime should do after an event.
public enum NotebookEffect: Sendable, Equatable {
    case run(String)
    /// Run a command typed at a tutorial pause (the tutorial waits on).
    case runAtPause(String)
    case cancel
    case answer(String)
    /// Continue a tutorial past its pause.
    case resume
    case saveHistory
    /// Repaint every cell of the terminal (Ctrl-L).
    case redraw
    case quit
}

/// A question or pause the running command waits on.
enum Waiting: Sendable, Equatable {
    case question(String)
    case pause(next: String?)
}

enum Focus: Sendable, Equatable {
    case input
    case cells(selected: Int)
}

public struct NotebookState: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public var profile: RenderProfile
    public internal(set) var cells: [NotebookCell] = []
    public internal(set) var input = InputLine()
    public internal(set) var history: CommandHistory
    public internal(set) var summary = SessionSummary()
    var nextNumber = 1
    var browse: HistoryBrowse?
    var search: ReverseSearch?
    /// Candidates shown after an ambiguous Tab.
    var completions: [String] = []
    var running = false
    /// Commands entered while another ran; each starts when the one before it finishes.
    public internal(set) var queued: [String] = []
    var waiting: Waiting?
    var focus = Focus.input
    /// The first content row shown; nil follows the newest output.
    var scrollTop: Int?
    var zoomed: Int?
    var helpScroll: Int?
    var live: DashboardModel?
    var histogramLayer = 0
    var status = StatusInfo()
    var names: [String] = []
    /// A one-shot message in the status line ("stopping after this step…").
    var notice: String?
    public internal(set) var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, profile: RenderProfile = .standard, history: [String] = []) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.profile = profile
        self.history = CommandHistory(history)
    }

    public var isRunning: Bool { running }

    /// Applies one event; returns what the runtime must do (most events ask for nothing).
    @discardableResult
    public mutating func handle(_ event: NotebookEvent) -> [NotebookEffect] {
        switch event {
        case .key(let key): return handle(key)
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            return []
        case .interrupt: return interrupt()
        case .output(let output): receive(output); return []
        case .partial(let output):
            if !cells.isEmpty { cells[cells.count - 1].showPartial(output) }
            return []
        case .progress(let model): progress(model); return []
        case .progressFinished(let model): finishProgress(model); return []
        case .ask(let question): ask(question); return []
        case .pause(let next): pause(next); return []
        case .finished(let result): return finish(result)
        }
    }

    // MARK: outputs from the running command

    mutating func receive(_ output: Output) {
        switch output {
        case .clear:
            cells.removeAll()
            scrollTop = nil
            focus = .input
        case .narrative:
            if cells.last?.kind != .narrative { cells.append(NotebookCell(kind: .narrative)) }
            appendToLast(.output(output))
        default:
            if cells.isEmpty || cells.last?.kind == .narrative { cells.append(NotebookCell(kind: .output)) }
            appendToLast(.output(output))
        }
        if case .text(let text) = output, let input = cells.last?.input { summary.noteOutput(text, of: input) }
    }

    mutating func appendToLast(_ output: CellOutput) {
        guard !cells.isEmpty else { return }
        cells[cells.count - 1].append(output)
    }

    mutating func progress(_ model: DashboardModel) {
        live = model
        status.update(from: model)
    }

    mutating func finishProgress(_ model: DashboardModel) {
        var final = model
        final.finished = true
        live = nil
        status.update(from: model)
        summary.noteRun(final)
        // A run with no history to draw (a landscape's points, a sweep's trials) leaves only its
        // own outputs; an empty dashboard would read as a broken chart.
        guard !final.snapshot.losses.isEmpty else { return }
        if cells.isEmpty || cells.last?.kind == .narrative { cells.append(NotebookCell(kind: .output)) }
        appendToLast(.dashboard(final))
    }

    mutating func ask(_ question: String) {
        waiting = .question(question)
        receive(.text(question))
        input.set("")
        focus = .input
    }

    mutating func pause(_ next: String?) {
        waiting = .pause(next: next)
        input.set(next ?? "")
        focus = .input
        scrollTop = nil
    }

    mutating func finish(_ result: CommandResult) -> [NotebookEffect] {
        running = false
        waiting = nil
        live = nil
        notice = nil
        names = result.names
        status.net = result.currentNet
        status.data = result.currentData
        // The step as the session has it, not as the last progress said it.
        if let net = result.currentNet, status.runNet == net || result.currentStep != nil {
            if status.runNet != net { status.learningRate = nil }
            status.runNet = net
            status.step = result.currentStep
        }
        for i in cells.indices where cells[i].running {
            cells[i].running = false
            cells[i].failed = result.status == .syntaxError || result.status == .runtimeError
            cells[i].cache = nil
        }
        if result.status == .quit { return [.quit] }
        guard !queued.isEmpty else { return [] }
        let next = queued.removeFirst()
        startCommand(next, recordHistory: false)
        return [.run(next)]
    }

    /// Ctrl-C: answers an open question with nothing, stops a run, or clears the line.
    mutating func interrupt() -> [NotebookEffect] {
        completions = []
        if search != nil { search = nil; return [] }
        if case .question = waiting { waiting = nil; input.set(""); return [.answer("")] }
        if running && waiting == nil {
            notice = queued.isEmpty ? "stopping after the current step…" : "stopping; the queued commands are dropped"
            queued = []
            return [.cancel]
        }
        input.set("")
        browse = nil
        return []
    }
}
