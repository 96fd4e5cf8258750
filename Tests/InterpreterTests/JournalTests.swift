// The journal: every command is appended (and synced) before it runs, so a crash loses nothing.
import Foundation
import Interpreter
import TestSupport
import Testing

@Suite("Journal")
struct JournalTests {
    @Test("every command is in the journal, also one that failed")
    func appendsBeforeRunning() throws {
        let dir = TestDirectories.make("journal")
        let path = dir + "/state/journal.basin"
        let session = Session(host: RecordingHost(), settings: SessionSettings(directory: dir, journalPath: path))
        session.execute("data d = moons n=50")
        session.execute("train nosuchnet")
        session.execute("seed 3; seed 4")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines == ["data d = moons n=50", "train nosuchnet", "seed 3", "seed 4"])
    }

    @Test("a second session appends to the same journal")
    func appends() throws {
        let dir = TestDirectories.make("journal")
        let path = dir + "/journal.basin"
        Session(host: RecordingHost(), settings: SessionSettings(directory: dir, journalPath: path)).execute("seed 1")
        Session(host: RecordingHost(), settings: SessionSettings(directory: dir, journalPath: path)).execute("seed 2")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "# session started").count == 3)
        #expect(text.contains("seed 1\n") && text.contains("seed 2\n"))
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
            host: recorder, settings: SessionSettings(directory: directory, journalPath: blocker + "/journal.basin"))
        #expect(session.execute("data d = moons n=100\nseed 3") == .ok)
        #expect(recorder.texts.filter { $0.hasPrefix("note: the journal") }.count == 1, "\(recorder.texts)")
        #expect(recorder.texts.first?.contains("cannot be written (not a directory)") == true)
    }

    /// Entries are grouped between syncs, but every one is in the file when a script ends.
    @Test func everyEntryOfALongScriptIsWritten() throws {
        let directory = TestDirectories.make("journal")
        let path = directory + "/journal.basin"
        let session = Session(host: LookingRecorder(), settings: SessionSettings(directory: directory, journalPath: path))
        let lines = (0..<2000).map { "seed \($0 % 7)" }
        #expect(session.execute(lines.joined(separator: "\n")) == .ok)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("seed ") }.count == 2000)
    }
}
