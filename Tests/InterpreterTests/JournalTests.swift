// The journal: every command is appended (and synced) before it runs, one file per session, so a
// crash loses nothing; `resume` rebuilds a crashed session's workspace from it without writing
// files again and without stopping at a command that failed then.
import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite("Journal")
struct JournalTests {
    func session(_ directory: String, host: any SessionHost = RecordingHost()) -> Session {
        Session(host: host, settings: SessionSettings(directory: directory, journalDirectory: directory + "/journals"))
    }

    @Test("every command is in the session's journal, also one that failed")
    func appendsBeforeRunning() throws {
        let dir = TestDirectories.make("journal")
        let s = session(dir)
        s.execute("data d = moons n=50")
        s.execute("train nosuchnet")
        s.execute("seed 3; seed 4")
        let text = try String(contentsOfFile: try #require(s.journalFile), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines == ["data d = moons n=50", "train nosuchnet", "seed 3", "seed 4"])
    }

    @Test("each session has its own journal; the newest are kept")
    func onePerSession() throws {
        let dir = TestDirectories.make("journal")
        let first = session(dir), second = session(dir)
        #expect(first.journalFile != second.journalFile)
        for _ in 0..<(Journal.keep + 5) { _ = session(dir) }
        #expect(Journal.files(in: dir + "/journals").count == Journal.keep)
    }

    @Test("resume rebuilds a crashed session: state again, no file written again, failures pass")
    func resumeRebuilds() throws {
        let dir = TestDirectories.make("journal")
        let crashed = session(dir)
        crashed.execute("data d = moons n=100\nnet a = dense 8 relu, dense 2\ntrain a steps=20")
        crashed.execute("export a \"a.safetensors\"")
        crashed.execute("train nosuch steps=5")
        crashed.execute("let w = 4\nnet b = dense $w relu, dense 2")
        try FileManager.default.removeItem(atPath: dir + "/a.safetensors")
        // No end(): the process "crashed". A new session offers it, and resume rebuilds it.
        let host = LookingRecorder()
        let next = session(dir, host: host)
        #expect(next.resumeOffer?.contains("ended without quit") == true)
        #expect(next.execute("resume") == .ok)
        #expect(next.workspaceNames.contains("a") && next.workspaceNames.contains("b"))
        #expect(next.execute("expect a.steps == 20") == .ok)
        #expect(host.outputs.contains { if case .expectation(let v) = $0 { v.holds } else { false } })
        #expect(!FileManager.default.fileExists(atPath: dir + "/a.safetensors"), "export must not run again")
        let said = host.texts.first { $0.hasPrefix("resumed the session started") } ?? ""
        #expect(said.contains("1 skipped") && said.contains("1 failed as they did then"), "\(said)")
        // Taken once: not offered again (once this session has ended too; a running one's journal
        // is skipped by its live process id, which in this test process is everyone's).
        next.end()
        #expect(session(dir).resumeOffer == nil)
    }

    @Test("Ctrl-C during resume keeps what was rebuilt, says what did not run, and keeps the journal to resume again")
    func resumeInterrupted() throws {
        let dir = TestDirectories.make("journal")
        let crashed = session(dir)
        crashed.execute("data d = moons n=100\nnet a = dense 8 relu, dense 2\nnet b = dense 4, dense 2")
        crashed.journal?.append("train a steps=100000000\nnet c = dense 2, dense 2")
        crashed.journal?.flush()
        let host = CancellingHost()
        let next = session(dir, host: host)
        host.cancelOn = { _ in next.cancel() }  // the replayed training shows progress: stop it there
        #expect(next.execute("resume") == .interrupted)
        #expect(next.workspaceNames.contains("b") && !next.workspaceNames.contains("c"))
        let said = host.texts.first { $0.hasPrefix("resumed the session started") } ?? ""
        #expect(said.contains("stopped by Ctrl-C with 1 more not run"), "\(said)")
        next.end()
        #expect(session(dir).resumeOffer != nil, "an interrupted resume leaves the journal to resume again")
    }

    @Test("a session that ended normally, or only looked, is not offered")
    func endedIsNotOffered() {
        let dir = TestDirectories.make("journal")
        let ended = session(dir)
        ended.execute("seed 3")
        ended.end()
        let looked = session(dir)
        looked.execute("help\nhistory")
        let next = session(dir, host: LookingRecorder())
        #expect(next.resumeOffer == nil)
        #expect(next.execute("resume") == .runtimeError)
    }
}

@Suite struct JournalProblemTests {
    /// The journal used to stop silently when its directory could not be written.
    @Test func anUnwritableJournalIsSaidOnceAndCommandsStillRun() throws {
        let directory = TestDirectories.make("journal")
        let blocker = directory + "/file"
        try "not a directory".write(toFile: blocker, atomically: true, encoding: .utf8)
        let recorder = LookingRecorder()
        let session = Session(
            host: recorder, settings: SessionSettings(directory: directory, journalDirectory: blocker + "/journals"))
        #expect(session.execute("data d = moons n=100\nseed 3") == .ok)
        #expect(recorder.texts.filter { $0.hasPrefix("note: the journal") }.count == 1, "\(recorder.texts)")
        #expect(recorder.texts.first?.contains("cannot be written (not a directory)") == true)
    }

    /// Entries are grouped between syncs, but every one is in the file when a script ends.
    @Test func everyEntryOfALongScriptIsWritten() throws {
        let directory = TestDirectories.make("journal")
        let session = Session(
            host: LookingRecorder(), settings: SessionSettings(directory: directory, journalDirectory: directory + "/j"))
        let lines = (0..<2000).map { "seed \($0 % 7)" }
        #expect(session.execute(lines.joined(separator: "\n")) == .ok)
        let text = try String(contentsOfFile: try #require(session.journalFile), encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("seed ") }.count == 2000)
    }
}

@Suite struct StaleTemporaryTests {
    /// A write killed between its temporary file and the rename used to leave the temporary
    /// behind for good; the next write into that directory removes what dead writers left, and
    /// never what a running one is writing.
    @Test func theNextWriteRemovesWhatAKilledWriterLeft() throws {
        let directory = TestDirectories.make("stale")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dead = directory + "/.basin-export-4194000-abc123"
        let running = directory + "/.basin-export-\(getpid())-def456"
        for path in [dead, running] { try "half a file".write(toFile: path, atomically: false, encoding: .utf8) }
        let recorder = LookingRecorder()
        let session = Session(host: recorder, settings: SessionSettings(directory: directory))
        #expect(
            session.execute("data d = moons n=50\nnet a = dense 4, dense 2\ntrain a steps=3\nexport a \"a.safetensors\"") == .ok)
        #expect(!FileManager.default.fileExists(atPath: dead), "a dead writer's temporary stays")
        #expect(FileManager.default.fileExists(atPath: running), "a running writer's temporary was removed")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".basin-export-") }
        #expect(left == [(running as NSString).lastPathComponent], "\(left)")
    }
}
