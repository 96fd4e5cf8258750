// The thinnest terminal: TERM=dumb, LANG=C, NO_COLOR=1. Everything basin writes (recorded raw
// with `pipe-pane`) must be plain ASCII without escape sequences, and charts drawn in ASCII.
import Foundation
import Testing

@Suite("Line mode on a dumb terminal", .enabled(if: TmuxSession.isAvailable, TmuxSession.skipReason))
struct PlainTerminalTests {
    @Test("TERM=dumb LANG=C NO_COLOR=1: ASCII only, no escapes, ASCII charts")
    func dumbTerminal() throws {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun(environment: ["TERM": "dumb", "LANG": "C", "NO_COLOR": "1"])
        defer { basin.finish() }
        let raw = basin.scratch.path + "/raw-output"
        basin.tmux.recordOutput(to: raw)
        basin.tmux.waitForPrompt()
        basin.run("data d = moons", expect: "600 examples")
        basin.run("net a = dense 8 relu, dense 2", expect: "a: 3 layers")
        basin.run("train a steps=2000", expect: "a: step 2000")
        let chart = basin.run("plot loss a", expect: "a train")
        basin.run("trian a", expect: "did you mean 'train'?")
        basin.tmux.press("C-d")
        basin.tmux.waitFor(text: "[basin exited 0]")

        #expect(chart?.contains { $0.contains("+---") || $0.contains("+--") } == true, "an ASCII axis")
        let bytes = try #require(FileManager.default.contents(atPath: raw))
        #expect(!bytes.isEmpty)
        #expect(!bytes.contains(0x1B), "an escape sequence in: \(String(decoding: bytes, as: UTF8.self))")
        let nonASCII = bytes.filter { $0 >= 0x80 }
        #expect(nonASCII.isEmpty, "non-ASCII bytes in: \(String(decoding: bytes, as: UTF8.self))")
    }
}
