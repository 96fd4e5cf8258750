// The journal: every command is appended (and synced) before it runs, so a crash loses nothing.
import Foundation
import Interpreter
import Testing
import TestSupport

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
