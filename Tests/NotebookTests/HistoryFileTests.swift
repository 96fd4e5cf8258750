// The history file line mode also reads: libedit's `_HiStOrY_V2_` format with strvis escapes.
import Foundation
import Interpreter
import TestSupport
import Testing

struct HistoryFileTests {
    /// What libedit's write_history wrote for three entries (checked with a small C program).
    let libeditText = #"""
        _HiStOrY_V2_
        train\040a\040epochs=5
        net\040b\040=\040dense\0404\040relu\012{\040x\040}
        plot\040"\M-C\M-)\134x"\011tab

        """#

    @Test func readsWhatLibeditWrites() {
        #expect(HistoryFile.decode(libeditText) == ["train a epochs=5", "net b = dense 4 relu\n{ x }", "plot \"é\\x\"\ttab"])
    }

    @Test func writesWhatLibeditReads() {
        let entries = ["train a epochs=5", "net b = dense 4 relu\n{ x }", "plot \"é\\x\"\ttab"]
        let text = HistoryFile.encode(entries)
        #expect(text.hasPrefix("_HiStOrY_V2_\ntrain\\040a\\040epochs=5\n"))
        #expect(HistoryFile.decode(text) == entries)
    }

    @Test func savesAtomicallyAndLoads() throws {
        let directory = TestDirectories.make("history")
        #expect(HistoryFile.save(["show a", "train a"], to: directory + "/history"))
        #expect(HistoryFile.load(directory + "/history") == ["show a", "train a"])
        #expect(HistoryFile.load(directory + "/missing").isEmpty)
    }

    /// Two sessions writing in turns keep every line of both (each append merges into the file
    /// as it is now), in the order written, without repeating a line twice in a row.
    @Test func appendsMergeConcurrentSessions() {
        let path = TestDirectories.make("history") + "/state/history"
        for (i, line) in ["data d = moons", "net a = dense 8", "train a", "train a", "show a"].enumerated() {
            #expect(HistoryFile.append(i % 2 == 0 ? line : "\(line) # other", to: path, limit: 4))
        }
        // 5 lines, capped to the newest 4; the repeated "train a" line differs by its comment.
        #expect(HistoryFile.load(path) == ["net a = dense 8 # other", "train a", "train a # other", "show a"])
        #expect(HistoryFile.append("show a", to: path, limit: 4))
        #expect(HistoryFile.load(path).count == 4)
    }

    /// Many writers at once: no line is lost, none half-written.
    @Test func appendsFromManyThreadsLoseNothing() async {
        let path = TestDirectories.make("history") + "/history"
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask { for i in 0..<25 { HistoryFile.append("w\(t) line \(i)", to: path, limit: 2000) } }
            }
        }
        let lines = HistoryFile.load(path)
        #expect(lines.count == 100 && Set(lines).count == 100)
    }
}
