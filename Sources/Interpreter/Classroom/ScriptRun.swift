// A script file running in the session, as a lesson moves through it: its sections (the
// `section "TITLE"` statements at its top level, in order), the section the reader is in, and a
// jump the reader asked for at a pause (`lesson next`, `lesson 3`). A jump forward runs the
// statements up to the target quietly; a jump back runs the lesson again from its first line,
// quietly, up to the target — the lesson's own statements rebuild its data and nets, with its
// seeds, so the section starts from the state it always starts from. Quietly: nothing is shown
// but errors, nothing is asked or recorded, and pauses do not wait.
//
// `lock NAME…` in a lesson fixes a dataset or a net for as long as the lesson runs: commands the
// reader types at its pauses may look at it, train other nets on it or fork it, but not change
// it. The lesson's own lines may.
import Diagnostics
import Language

final class ScriptRun {
    struct Section: Equatable {
        var title: String
        /// The `section` statement's index among the script's statements.
        var index: Int
        var line: Int
    }

    let source: SourceFile
    let sections: [Section]
    /// The section the run is in (an index into `sections`); nil before the first.
    private(set) var current: Int?
    /// Statements run quietly until the one at this index begins (a jump's target).
    var quietUntil: Int?
    /// A jump the reader asked for: the index of the statement to continue from, applied once
    /// the statement running now (the pause) has finished.
    var jump: Int?

    init(source: SourceFile, statements: [Statement]) {
        self.source = source
        sections = Self.sections(of: statements)
    }

    /// The top-level `section "TITLE"` statements of a script.
    static func sections(of statements: [Statement]) -> [Section] {
        statements.enumerated().compactMap { index, statement in
            guard case .command(let c) = statement.kind, c.verb.name == "section",
                case .positional(let value)? = c.operands.first, case .string(let title)? = value.literal
            else { return nil }
            return Section(title: title, index: index, line: statement.span.line)
        }
    }

    /// The statement at `index` is about to run: the section it is in, and the end of a quiet
    /// stretch when it is the jump's target.
    func entering(_ index: Int) {
        if let at = sections.lastIndex(where: { $0.index <= index }) { current = at } else { current = nil }
        if let target = quietUntil, index >= target { quietUntil = nil }
    }

    /// Where a jump to `section` (0-based) continues: its `section` statement.
    func start(of section: Int) -> Int { sections[section].index }
}

/// Where a lesson fixed a name with `lock`.
struct LockSite: Equatable {
    enum Kind: Equatable { case net, data }
    var kind: Kind
    var file: String
    var line: Int
}

/// A name a command changes, for the lesson's locks: nil is the current net or dataset.
enum Changed {
    case net(String?)
    case data(String?)
}

extension Session {
    /// The innermost script file running (a lesson, when it has sections or asks).
    var runningScript: ScriptRun? { scripts.last }

    /// Whether outputs are held back: inside `hide { … }`, or while a jump runs statements quietly.
    var isQuiet: Bool { hiding > 0 || isSkipping }

    /// Whether a jump is running statements up to its target: nothing is asked, paused or recorded.
    var isSkipping: Bool { scripts.contains { $0.quietUntil != nil } }

    /// Refuses a change to a name a running lesson fixed, unless the lesson itself makes it.
    func checkLock(_ changed: Changed, source: SourceFile, at span: SourceSpan) throws(RuntimeError) {
        let name: String?
        switch changed {
        case .net(let n): name = n ?? workspace.currentNet
        case .data(let n): name = n ?? workspace.currentData
        }
        guard let name, let site = locks[name], site.file != source.name else { return }
        throw RuntimeError(LessonRefusal.locked(name: name, isNet: site.kind == .net, file: site.file, line: site.line), at: span)
    }

    /// Lifts the locks `file` made (its run ended).
    func liftLocks(of file: String) {
        locks = locks.filter { $0.value.file != file }
    }

    /// Runs a lesson's statements from `start` (0: the first), applying the jumps the reader asks
    /// for at its pauses. Returns how the script ended, and the statement it ended on.
    func runStatements(
        _ statements: [Statement], of source: SourceFile, script: ScriptRun?, from start: Int
    ) -> (ExecutionStatus, Statement?) {
        var index = 0
        if start > 0 { script?.quietUntil = start }
        while index < statements.count {
            let statement = statements[index]
            script?.entering(index)
            let next = statements.dropFirst(index + 1).first.map { source.text(of: $0.span) }
            var status = run(statement, in: source, next: next)
            if status == .ok, activeRun.interruptedSinceStart {
                let left = statements.count - index - 1
                if left > 0, runDepth == 0 {
                    say("stopped by Ctrl-C: the \(left) line\(left == 1 ? "" : "s") after it did not run")
                }
                status = .interrupted
            }
            guard status == .ok else {
                script?.quietUntil = nil
                return (status, statement)
            }
            if let script, let target = script.jump {
                script.jump = nil
                // Predictions of the stretch left behind are never revealed.
                workspace.predictions.removeAll()
                if target > index {
                    script.quietUntil = target
                    index += 1
                } else {
                    script.quietUntil = target > 0 ? target : nil
                    index = 0
                }
                continue
            }
            index += 1
        }
        return (.ok, statements.last)
    }
}

/// What commands see while statements run hidden or skipped: errors reach the front end;
/// nothing else is shown, asked or waited for.
final class HiddenHost: SessionHost {
    let front: any SessionHost
    init(front: any SessionHost) { self.front = front }
    var width: Int { front.width }
    func emit(_ output: Output) {
        if case .diagnostic = output { front.emit(output) }
    }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}
