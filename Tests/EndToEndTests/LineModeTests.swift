// Line mode end to end: the real release binary at a libedit prompt inside tmux (100×30),
// driven by keys and read from the screen: start-up, diagnostics, training and Ctrl-C,
// history (Up, Ctrl-R, across launches), Tab, { } continuation, leaving with the terminal as
// it was (Ctrl-D, SIGTERM, SIGHUP), and the thinnest terminal (TERM=dumb, LANG=C, NO_COLOR=1:
// everything basin writes, recorded raw with `pipe-pane`, is ASCII without escapes).
import Foundation
import Testing

@Suite("Line mode in tmux", .enabled(if: TmuxSession.isAvailable, TmuxSession.skipReason))
struct LineModeTests {
    @Test("start-up shows a greeting and the prompt")
    func startUp() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        let screen = basin.tmux.waitForPrompt()
        #expect(screen?.first?.contains("line mode") == true)
    }

    @Test("a typo gets the source line, a caret run and 'did you mean'")
    func typo() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        guard let screen = basin.run("trian a epochs=2", expect: "did you mean 'train'?") else { return }
        #expect(screen.contains("error: unknown command 'trian'"))
        #expect(screen.contains("1 | trian a epochs=2"))
        #expect(screen.contains("  | ^^^^^"))
    }

    @Test("a small train prints its progress bar and its result")
    func smallTrain() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.run("data d = moons", expect: "600 examples")
        basin.run("net a = dense 8 relu, dense 2", expect: "a: 3 layers")
        guard let screen = basin.run("train a steps=300", expect: "a: step 300") else { return }
        #expect(screen.contains { $0.hasPrefix("train a step 300/300") && $0.contains("100%") })
        #expect(screen.contains { $0.contains("train loss") && $0.contains("val loss") })
    }

    @Test("Ctrl-C stops a long train after a step, keeps the net and returns to the prompt")
    func ctrlCStopsTraining() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.run("data d = moons", expect: "600 examples")
        basin.run("net b = dense 256 relu, dense 256 relu, dense 2", expect: "b: 5 layers")
        basin.tmux.enter("train b steps=100000000")
        // The progress bar, not the echoed command (which also reads "train b step…").
        basin.tmux.waitFor("the progress bar") { $0.contains { $0.hasPrefix("train b step ") } }
        basin.tmux.press("C-c")
        basin.tmux.waitFor(text: "stopped by Ctrl-C")
        basin.tmux.waitForPrompt()
        basin.run("eval b", expect: "accuracy")
    }

    @Test("Ctrl-C at the prompt drops the line and the next command works")
    func ctrlCAtPrompt() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.tmux.type("net half written")
        basin.tmux.waitForPrompt("net half written")
        basin.tmux.press("C-c")
        basin.tmux.waitFor("a fresh prompt under the dropped line") { screen in
            screen.count >= 2 && screen[screen.count - 2].hasPrefix("basin> net half written")
                && TmuxSession.trimmed(screen[screen.count - 1]) == "basin>"
        }
        guard let screen = basin.run("data d = moons", expect: "600 examples") else { return }
        #expect(!screen.contains { $0.contains("error") })
    }

    @Test("Up and Down walk the history; Ctrl-R searches it")
    func historyKeys() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.run("data d = moons", expect: "600 examples")
        basin.run("seed 7", expect: "seed 7")
        basin.tmux.press("Up")
        basin.tmux.waitForPrompt("seed 7")
        basin.tmux.press("Up")
        basin.tmux.waitForPrompt("data d = moons")
        basin.tmux.press("Down")
        basin.tmux.waitForPrompt("seed 7")
        basin.tmux.press("C-u", "C-r")
        basin.tmux.type("moo")
        basin.tmux.waitFor(text: "basin> data d = moons")
        basin.tmux.press("Enter")
        basin.tmux.waitFor("the recalled command to run again") { screen in
            screen.filter { $0.contains("600 examples") }.count == 2
        }
    }

    @Test("history persists to the next launch")
    func historyPersists() {
        guard EndToEnd.requireBinary() else { return }
        let first = LineModeRun()
        first.tmux.waitForPrompt()
        first.run("seed 42 # café", expect: "seed 42")
        first.tmux.press("C-d")
        first.tmux.waitFor(text: "[basin exited 0]")
        first.finish(keepScratch: true)
        #expect(FileManager.default.fileExists(atPath: first.scratch.path + "/state/basin/history"))

        let second = LineModeRun(scratch: first.scratch)
        defer { second.finish() }
        second.tmux.waitForPrompt()
        second.tmux.press("Up")
        second.tmux.waitForPrompt("seed 42 # café")
    }

    @Test("Tab completes commands, arguments and workspace names")
    func tabCompletion() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.tmux.type("tra")
        basin.tmux.press("Tab")
        basin.tmux.waitForPrompt("train")
        basin.tmux.press("C-u")
        basin.run("data moons2 = moons", expect: "600 examples")
        basin.tmux.type("show moo")
        basin.tmux.press("Tab")
        basin.tmux.waitForPrompt("show moons2")
        basin.tmux.press("C-u")
        basin.tmux.type("train a epo")
        basin.tmux.press("Tab")
        basin.tmux.waitForPrompt("train a epochs=")
    }

    @Test("an open { block continues at a '...>' prompt until it closes")
    func blockContinuation() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.run("data d = moons", expect: "600 examples")
        basin.tmux.enter("net r = dense 8 relu, res {")
        basin.tmux.waitForPrompt(prompt: "  ...> ")
        basin.run("dense 8 relu, dense 8 } x2, dense 2", expect: "r: ")
    }

    @Test("a tutorial's ask reads its answer at the prompt and pause waits for Enter")
    func askAndPause() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        _ = basin.scratch.file(
            "lesson.basin",
            """
            > Two moons, two classes.
            ask "What is 6 times 7?" answer=42 within=1
            pause
            data d = moons
            """)
        basin.tmux.waitForPrompt()
        basin.tmux.enter("run \"lesson.basin\"")
        basin.tmux.waitForPrompt(prompt: "answer> ")
        basin.tmux.enter("41")
        basin.tmux.waitFor(text: "close enough")
        basin.tmux.waitForPrompt(prompt: "(Enter to go on, or a command) ")
        #expect(!basin.tmux.screen().contains { $0.contains("600 examples") }, "pause must wait")
        basin.tmux.press("Enter")
        basin.tmux.waitFor(text: "600 examples")
        basin.tmux.waitForPrompt()
    }

    @Test("a command typed at a pause runs and the lesson pauses again; lesson next skips the rest of the section")
    func commandsAtAPause() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        _ = basin.scratch.file(
            "lesson.basin",
            """
            section "One"
            data d = moons
            lock d
            pause
            > still in one
            pause
            section "Two"
            > now in two
            """)
        basin.tmux.waitForPrompt()
        basin.tmux.enter("run \"lesson.basin\"")
        basin.tmux.waitForPrompt(prompt: "(Enter to go on, or a command) ")
        basin.tmux.enter("noise d labels=0.1")
        basin.tmux.waitFor(text: "is fixed by this lesson")
        basin.tmux.waitForPrompt(prompt: "(Enter to go on, or a command) ")
        basin.tmux.enter("lesson next")
        basin.tmux.waitFor(text: "now in two")
        basin.tmux.waitForPrompt()
        #expect(!basin.tmux.screen().contains { $0.contains("still in one") }, "the rest of section One ran quietly")
    }

    @Test("Ctrl-D on an empty line leaves with 0 and the shell's terminal echoes")
    func ctrlDLeaves() {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.tmux.press("C-d")
        guard let screen = basin.tmux.waitFor(text: "[icanon is") else { return }
        #expect(screen.contains("[basin exited 0]"))
        #expect(screen.contains("[echo is on]"))
        #expect(screen.contains("[icanon is on]"))
    }

    /// SIGQUIT (Ctrl-\\) and a SIGSEGV sent with kill went to Swift's backtracer, which waited
    /// 30 s and let the prompt carry on; now every ending signal ends basin with its status.
    @Test(
        "SIGTERM, SIGHUP, SIGQUIT or SIGSEGV while a line is being edited restores the terminal, then ends basin",
        arguments: [SIGTERM, SIGHUP, SIGQUIT, SIGSEGV])
    func endingSignalRestores(signal: Int32) {
        guard EndToEnd.requireBinary() else { return }
        let basin = LineModeRun()
        defer { basin.finish() }
        basin.tmux.waitForPrompt()
        basin.tmux.type("half a line")
        basin.tmux.waitForPrompt("half a line")
        guard let pid = basinPID(basin) else { return }
        kill(pid, signal)
        guard let screen = basin.tmux.waitFor(text: "[icanon is") else { return }
        #expect(screen.contains("[basin exited \(128 + signal)]"))
        #expect(screen.contains("[echo is on]"))
        #expect(screen.contains("[icanon is on]"))
    }

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

    func basinPID(_ basin: LineModeRun, sourceLocation: SourceLocation = #_sourceLocation) -> Int32? {
        let pid = basin.basinPID()
        if pid == nil { Issue.record("could not find basin's process id", sourceLocation: sourceLocation) }
        return pid
    }
}
