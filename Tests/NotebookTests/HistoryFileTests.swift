// The history file line mode also reads: libedit's `_HiStOrY_V2_` format with strvis escapes.
import Foundation
import Notebook
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
        let directory = NSTemporaryDirectory() + "basin-history-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(HistoryFile.save(["show a", "train a"], to: directory + "/history"))
        #expect(HistoryFile.load(directory + "/history") == ["show a", "train a"])
        #expect(HistoryFile.load(directory + "/missing").isEmpty)
    }
}
