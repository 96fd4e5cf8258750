// The session: one interpreter shared by batch, line mode and the notebook. It parses a whole
// source first (every syntax error is reported before anything runs), then executes statement
// by statement against the workspace. An error stops its command only; the workspace stays as
// it was. Every statement is appended to the journal (and synced) before it runs.
import Charts
import Diagnostics
import Foundation
import Lab
import Language

/// How a source ended.
public enum ExecutionStatus: Sendable, Equatable {
    case ok
    /// Parse errors: nothing ran.
    case syntaxError
    /// A command failed; the commands before it took effect.
    case runtimeError
    /// `quit` was executed.
    case quit
    /// Ctrl-C: the command running stopped (keeping what it reached) and the statements after
    /// it did not run.
    case interrupted
}

public struct SessionSettings: Sendable {
    /// Where `save` writes and relative paths of `run`/`data csv` resolve.
    public var directory: String
    /// Where this session's journal goes, one file per session (nil: no journal). See Journal.swift.
    public var journalDirectory: String?
    /// Directory `save NAME` writes `NAME.basin` into.
    public var sessionsDirectory: String
    /// Trials a sweep runs at once unless it says `workers=`: the cores, capped by BASIN_THREADS.
    public var workers: Int
    /// Where files may be read and written (nil: anywhere the user names). See Confinement.swift.
    public var confinement: Confinement?
    /// Where a lesson's answers and checked claims are recorded (nil: not recorded). The notebook
    /// and line mode record, to `$XDG_STATE_HOME/basin/lessons`; batch runs do not (no reader).
    public var lessonRecorder: LessonRecorder?
    public init(
        directory: String = FileManager.default.currentDirectoryPath, journalDirectory: String? = nil,
        sessionsDirectory: String? = nil, workers: Int = Engine.threads(), confinement: Confinement? = nil,
        lessonRecorder: LessonRecorder? = nil
    ) {
        self.directory = directory
        self.journalDirectory = journalDirectory
        self.sessionsDirectory = sessionsDirectory ?? directory + "/sessions"
        self.workers = max(1, workers)
        self.confinement = confinement
        self.lessonRecorder = lessonRecorder
    }
}

public final class Session: @unchecked Sendable {
    public let registry = Commands.registry
    /// The front end; `replay` lends the session a quiet one while it rebuilds a workspace. While
    /// statements run hidden (`hide`) or skipped (a lesson's jump), commands see a host that
    /// shows errors only: no progress, questions or pauses.
    public internal(set) var host: any SessionHost {
        get { isQuiet ? quietHost : frontHost }
        set {
            frontHost = newValue
            quietHost = HiddenHost(front: newValue)
        }
    }
    private var frontHost: any SessionHost
    private var quietHost: HiddenHost
    public var settings: SessionSettings
    let workspace = Workspace()
    /// Source text of every statement that ran successfully, for `save`.
    var transcript: [String] = []
    /// Every line the user entered, for `history`.
    public internal(set) var inputHistory: [String] = []
    /// The chart most recently shown, for `export plot`.
    var lastChart: Chart?
    /// The runs of the command in flight (Ctrl-C cancels them); a sweep's trial sessions share it.
    var activeRun = ActiveRun()
    /// Set only in a sweep trial's child session: what the trial carries between its lines.
    var trial: TrialState?
    /// Nesting depth of `run "file"`, to refuse a script that runs itself.
    var runDepth = 0
    var journal: Journal?
    /// The journal's failure was said (once a session).
    var journalProblemSaid = false
    /// The lesson records' failure was said (once a session).
    var lessonProblemSaid = false
    /// Every statement run and what it showed, for `export session`: the newest `maxCells`.
    var cells: [SessionCell] = []
    /// Script files running, innermost last (see ScriptRun.swift).
    var scripts: [ScriptRun] = []
    /// Depth of `hide { … }` blocks running: their statements show errors only.
    var hiding = 0
    /// Names a running lesson fixed with `lock`.
    var locks: [String: LockSite] = [:]
    /// Cells dropped from the front to keep `maxCells`.
    var droppedCells = 0
    static let maxCells = 2000
    /// Outputs kept in one cell for the export (a long sweep prints a line per trial); later ones
    /// are still shown, not kept.
    static let maxOutputsPerCell = 500

    public init(host: any SessionHost, settings: SessionSettings = SessionSettings()) {
        frontHost = host
        quietHost = HiddenHost(front: host)
        self.settings = settings
        journal = settings.journalDirectory.map(Journal.init(directory:))
        sayJournalProblem()
    }

    /// Syntax errors shown at most for one source: past these, a count.
    static let maxDiagnostics = 20

    /// Stops the running command after its current step (Ctrl-C).
    public func cancel() { activeRun.cancel() }

    /// Names of datasets and nets, for completion.
    public var workspaceNames: [String] { workspace.allNames }

    /// Names of one kind (nets, datasets, variables), for Tab completion through `Completer`.
    public func names(of kind: NameKind) -> [String] {
        switch kind {
        case .net: return workspace.nets.keys.sorted()
        case .data: return workspace.datasets.keys.sorted()
        case .variable: return workspace.variableNames
        case .sweep: return workspace.sweeps.keys.sorted()
        case .any: return workspace.allNames
        }
    }
    public var currentNetName: String? { workspace.currentNet }
    public var currentDataName: String? { workspace.currentData }
    /// The current net's optimizer steps (nil before it trains), for a status line that must not
    /// keep a step from progress it never saw (hidden or skipped training, reset, a new net).
    public var currentNetStep: Int? { workspace.currentNet.flatMap { workspace.nets[$0]?.run?.step } }

    /// Runs typed text or a file's contents.
    @discardableResult
    public func execute(_ text: String, file: String = "") -> ExecutionStatus {
        if file.isEmpty { inputHistory.append(text) }
        return execute(SourceFile(name: file, text: text))
    }

    /// Parses the whole source, reports every error, and runs it only if there were none.
    public func execute(_ source: SourceFile) -> ExecutionStatus { execute(source, from: 0) }

    /// Runs a parsed source from its statement `start` (a lesson section's, for `run … section=`):
    /// the statements before it run quietly.
    func execute(_ source: SourceFile, from start: Int) -> ExecutionStatus {
        let parsed = Script.parse(source, registry: registry)
        guard parsed.succeeded else {
            beginCell(source.text)
            for d in parsed.diagnostics.prefix(Self.maxDiagnostics) { emit(.diagnostic(d, source)) }
            if parsed.diagnostics.count > Self.maxDiagnostics {
                let next = parsed.diagnostics[Self.maxDiagnostics]
                let rest = parsed.diagnostics.count - Self.maxDiagnostics
                emit(
                    .diagnostic(
                        Diagnostic(
                            .note, "… and \(rest) more errors not shown, from here on (fix the first ones)",
                            at: next.span), source))
            }
            return .syntaxError
        }
        if runDepth == 0 { activeRun.startCommand() }
        defer { if runDepth == 0 { journal?.flush() } }
        let statements = parsed.script.statements
        // A file is a script the reader can move through (typed text is not).
        let script = source.name.isEmpty ? nil : ScriptRun(source: source, statements: statements)
        if let script { scripts.append(script) }
        defer {
            if script != nil {
                scripts.removeLast()
                liftLocks(of: source.name)
            }
        }
        let lesson = settings.lessonRecorder == nil ? nil : Lessons.name(of: source, statements)
        if let lesson { recordLesson(lesson, .start, line: 0, source: source) }
        let (status, last) = runStatements(statements, of: source, script: script, from: start)
        if let lesson {
            let kind: LessonRecord.Kind = status == .ok || status == .quit ? .end : .stop
            let line = status == .ok ? last?.span.endLine ?? 0 : last?.span.line ?? 0
            recordLesson(lesson, kind, line: line, source: source)
        }
        return status
    }

    func run(_ statement: Statement, in source: SourceFile, next: String?) -> ExecutionStatus {
        let text = source.text(of: statement.span)
        // What a jump runs quietly is not the reader's: no cell, unless it fails.
        let quiet = isSkipping
        if !quiet { beginCell(text) }
        journal?.append(text)
        if case .command(let c) = statement.kind, Commands.runsLong(c.verb.name) { journal?.flush() }
        sayJournalProblem()
        if runDepth == 0 && !source.name.isEmpty { inputHistory.append(text) }
        do {
            let status = try dispatch(statement, source: source, next: next)
            if status == .ok, Self.isReplayable(statement) { transcript.append(text) }
            return status
        } catch {
            if quiet { beginCell(text) }
            emit(.diagnostic(error.diagnostic(fallback: statement.span), source))
            return .runtimeError
        }
    }

    /// The journal's first failure (at start or on a write), said once a session.
    func sayJournalProblem() {
        guard let journal, let problem = journal.problem, !journalProblemSaid else { return }
        journalProblemSaid = true
        say("note: the journal \(journal.path) cannot be written (\(problem)); commands are not being recorded")
    }

    /// Commands that change state belong in a saved session; looking and help do not.
    static func isReplayable(_ statement: Statement) -> Bool {
        guard case .command(let c) = statement.kind else { return true }
        return Commands.isReplayable(c.verb.name)
    }

    func emit(_ output: Output) {
        // Hidden and skipped statements show their errors only.
        if isQuiet {
            guard case .diagnostic = output else { return }
        }
        if case .chart(let chart) = output { lastChart = chart }
        if case .clear = output {
        } else if !cells.isEmpty, cells[cells.count - 1].outputs.count < Self.maxOutputsPerCell {
            cells[cells.count - 1].outputs.append(output)
        }
        host.emit(output)
    }

    func say(_ text: String) { emit(.text(text)) }

    /// A statement begins: its cell collects what it shows.
    func beginCell(_ source: String) {
        cells.append(SessionCell(source: source, outputs: []))
        // Dropped a quarter at a time, so a 100,000-line script does not shift the array per line.
        if cells.count >= Self.maxCells + Self.maxCells / 4 {
            let drop = cells.count - Self.maxCells
            cells.removeFirst(drop)
            droppedCells += drop
        }
    }

    // MARK: Lesson records

    /// Appends a record of `lesson` when the session keeps records; a failure is said once.
    func recordLesson(
        _ lesson: String, _ kind: LessonRecord.Kind, line: Int, source: SourceFile, question: String? = nil,
        answer: String? = nil, key: String? = nil, right: Bool? = nil
    ) {
        guard let recorder = settings.lessonRecorder, !isSkipping else { return }
        recorder.append(
            LessonRecord(
                time: "", lesson: lesson, student: recorder.student, kind: kind, line: line,
                section: Lessons.section(in: source, before: line), question: question, answer: answer, key: key,
                right: right))
        if let problem = recorder.problem, !lessonProblemSaid {
            lessonProblemSaid = true
            say("note: lesson answers are not being recorded (\(problem))")
        }
    }

    /// Records a reader's answer to a question of the lesson `source` is (if it is one).
    func recordAnswer(_ question: String, reply: String?, key: String, right: Bool?, source: SourceFile, line: Int) {
        guard settings.lessonRecorder != nil, let reply, let lesson = Lessons.name(of: source) else { return }
        recordLesson(lesson, .ask, line: line, source: source, question: question, answer: reply, key: key, right: right)
    }
}

/// The runs of the command in flight (several when a sweep runs trials at once), settable from
/// the threads that run them and cancellable from any: Ctrl-C cancels every one.
final class ActiveRun: @unchecked Sendable {
    private let lock = NSLock()
    private var controls: [ObjectIdentifier: RunControl] = [:]
    private var requests = 0

    /// Ctrl-C count when the current top-level command began.
    private var requestsAtStart = 0

    func begin(_ c: RunControl) {
        // Reset before registering: a Ctrl-C landing between the two then cancels it, not lost.
        c.reset()
        lock.withLock {
            controls[ObjectIdentifier(c)] = c
            // Ctrl-C arrived after Enter but before this run began (while data was made, say).
            if requests != requestsAtStart { c.cancel() }
        }
    }

    /// A top-level command (a line, a cell, a script) begins: earlier Ctrl-Cs are spent.
    func startCommand() { lock.withLock { requestsAtStart = requests } }

    /// Whether Ctrl-C was pressed since the current top-level command began.
    var interruptedSinceStart: Bool { lock.withLock { requests != requestsAtStart } }

    func end(_ c: RunControl) { lock.withLock { _ = controls.removeValue(forKey: ObjectIdentifier(c)) } }

    /// How many times Ctrl-C was pressed so far (a sweep stops when this changes).
    var cancelRequests: Int { lock.withLock { requests } }

    func cancel() {
        lock.withLock {
            requests += 1
            for c in controls.values { c.cancel() }
        }
    }
}
