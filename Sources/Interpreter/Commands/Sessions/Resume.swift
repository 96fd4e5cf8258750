// resume: rebuilds the workspace of a session that crashed or was killed, from its journal.
// `basin --resume` starts with it; a front end offers it at start when such a journal exists.
import Diagnostics
import Foundation
import Language

struct ResumeCommand: RunnableCommand {
    static var declaration: Declaration<ResumeCommand> {
        Declaration(
            "resume", category: "Sessions", summary: "rebuild the last session that ended without quit (a crash)",
            replayable: false, runsLong: true, examples: ["resume"],
            details: "Runs again, quietly and in order, every command of the newest journal that did not end "
                + "normally — the datasets, nets, training and sweeps it made — but not what wrote files or only "
                + "looked (export, save, run, show, plot, …): the commands of a `run` script are in the journal "
                + "themselves. A command that failed then fails again and the rest goes on. Journals are kept in "
                + "$XDG_STATE_HOME/basin/sessions (the newest \(Journal.keep)).")
    }

    func run(_ s: Session, _ c: Context<ResumeCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard let directory = s.settings.journalDirectory else {
            throw RuntimeError(SessionRefusal.noJournal, at: c.span)
        }
        guard let unfinished = Journal.lastUnfinished(in: directory, except: s.journalFile) else {
            throw RuntimeError(SessionRefusal.nothingToResume(directory: directory), at: c.span)
        }
        let result = s.replay(unfinished)
        // Taken: not offered again (its text stays, marked) — unless Ctrl-C left part of it unrun.
        if result.left == 0, let handle = FileHandle(forWritingAtPath: unfinished.path) {
            handle.seekToEndOfFile()
            handle.write(Data("# resumed by \(s.journalFile ?? "a session")\n\(Journal.endMarker)\n".utf8))
            try? handle.close()
        }
        var line =
            "resumed the session started \(unfinished.started): \(result.ran) command\(result.ran == 1 ? "" : "s") run again"
        if result.skipped > 0 { line += ", \(result.skipped) skipped (they only looked, or wrote files)" }
        if result.failed > 0 { line += ", \(result.failed) failed as they did then" }
        if result.interrupted {
            line += "; stopped by Ctrl-C"
            if result.left > 0 { line += " with \(result.left) more not run (the journal is kept: 'resume' starts it over)" }
        }
        let names = s.workspaceNames
        s.say(line + (names.isEmpty ? "" : "\nnow: " + names.joined(separator: ", ")))
        return result.interrupted ? .interrupted : .ok
    }
}

extension Session {
    /// This session's journal file, if it keeps one.
    var journalFile: String? { journal?.path }

    /// Runs a crashed session's commands again, quietly: each statement that changes state, in
    /// order; the ones that only look or write files are skipped; a failure does not stop it.
    /// `left`: the statements a Ctrl-C kept from running.
    func replay(_ unfinished: Journal.Unfinished) -> (ran: Int, skipped: Int, failed: Int, interrupted: Bool, left: Int) {
        let source = SourceFile(name: unfinished.path, text: unfinished.text)
        // A journal cut mid-statement by the crash still gives every statement before the cut.
        let parsed = Script.parse(source, registry: registry)
        // Outputs are dropped; progress still shows, so a long replay is seen and Ctrl-C can stop it.
        let loud = host
        host = ReplayHost(forwardingProgressTo: loud)
        defer { host = loud }
        var ran = 0, skipped = 0, failed = 0
        let statements = parsed.script.statements
        for (index, statement) in statements.enumerated() {
            let left = statements.count - index - 1
            if case .narrative = statement.kind { continue }
            if case .command(let c) = statement.kind, !Commands.isReplayable(c.verb.name) {
                skipped += 1
                continue
            }
            switch run(statement, in: source, next: nil) {
            case .ok: ran += 1
            case .interrupted: return (ran, skipped, failed, true, left)
            default: failed += 1
            }
            if activeRun.interruptedSinceStart { return (ran, skipped, failed, true, left) }
        }
        return (ran, skipped, failed, false, 0)
    }

    /// What a front end says at start when a crashed session can be rebuilt (nil: nothing to offer).
    public var resumeOffer: String? {
        guard let directory = settings.journalDirectory,
            let unfinished = Journal.lastUnfinished(in: directory, except: journalFile)
        else { return nil }
        return "The session started \(unfinished.started) ended without quit (\(unfinished.commands) commands in its journal): "
            + "type 'resume' to rebuild its datasets and nets."
    }

    /// The session ends normally (quit, end of input, the end of a script): its journal says so.
    public func end() { journal?.end() }
}

/// The host a replay runs under: what commands say is dropped, their progress reaches the front end.
final class ReplayHost: SessionHost {
    let front: any SessionHost
    init(forwardingProgressTo front: any SessionHost) { self.front = front }
    var width: Int { front.width }
    var wantsRunSnapshots: Bool { front.wantsRunSnapshots }
    func emit(_ output: Output) {}
    func progress(_ update: LiveUpdate) { front.progress(update) }
    func finishedProgress(_ update: LiveUpdate) { front.finishedProgress(update) }
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}
