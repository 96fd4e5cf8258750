// The input line on its own and through the state machine: Emacs editing keys, multi-line
// `{ }` blocks, Up/Down history with prefix search, Ctrl-R, Tab completion, Ctrl-C and Ctrl-D.
import Notebook
import Testing

struct InputLineTests {
    func state(history: [String] = []) -> NotebookState {
        NotebookState(width: 80, height: 24, profile: .ascii, history: history)
    }

    @Test func editingKeys() {
        var s = state()
        type(&s, "train a epochs=5")
        send(&s, [.key(.control("a")), .key(.alt("f")), .key(.control("k"))])
        #expect(s.input.text == "train")
        send(&s, [.key(.control("y")), .key(.control("e")), .key(.control("w"))])
        #expect(s.input.text == "train a ")
        send(&s, [.key(.left), .key(.left), .key(.backspace), .key(.delete)])
        #expect(s.input.text == "train ")
        send(&s, [.key(.control("u"))])
        #expect(s.input.text == " " && s.input.cursor == 0)
    }

    @Test func anOpenBlockContinuesOnEnter() {
        var s = state()
        let effects = type(&s, "sweep s {\ntrain a\n}\n")
        #expect(effects == [.saveHistory, .run("sweep s {\ntrain a\n}")])
        #expect(s.cells.count == 1)
    }

    @Test func upAndDownSearchHistoryByPrefix() {
        var s = state(history: ["train a", "data d = moons", "train b epochs=5", "show a"])
        type(&s, "tr")
        s.handle(.key(.up))
        #expect(s.input.text == "train b epochs=5")
        s.handle(.key(.up))
        #expect(s.input.text == "train a")
        s.handle(.key(.up))
        #expect(s.input.text == "train a", "no older match: stays")
        send(&s, [.key(.down), .key(.down)])
        #expect(s.input.text == "tr", "past the newest: the draft again")
    }

    @Test func reverseSearchFindsAndRuns() {
        var s = state(history: ["data d = moons", "train a epochs=5", "show a"])
        s.handle(.key(.control("r")))
        type(&s, "ep")
        #expect(s.frame().lines()[22] == "search: ep   train a epochs=5")
        let effects = s.handle(.key(.enter))
        #expect(effects == [.saveHistory, .run("train a epochs=5")])
    }

    @Test func reverseSearchEscapeRestoresTheDraft() {
        var s = state(history: ["show a"])
        type(&s, "dr")
        send(&s, [.key(.control("r")), .key(.character("s")), .key(.escape)])
        #expect(s.input.text == "dr")
    }

    @Test func tabCompletesOneCandidateAndListsSeveral() {
        var s = state()
        type(&s, "tra")
        s.handle(.key(.tab))
        #expect(s.input.text == "train ")
        type(&s, "a e")
        s.handle(.key(.tab))
        #expect(s.input.text == "train a e")
        #expect(s.frame().lines()[21] == "early=  epochs=  every=")
        type(&s, "p")
        s.handle(.key(.tab))
        #expect(s.input.text == "train a epochs=")
    }

    @Test func tabCompletesWorkspaceNames() {
        var s = state()
        run(&s, "net mlp = dense 4", [], net: "mlp")
        s.handle(.finished(.init(status: .ok, names: ["mlp", "moons"])))
        type(&s, "show ml")
        s.handle(.key(.tab))
        #expect(s.input.text == "show mlp ")
    }

    @Test func controlCClearsTheLineAndControlDQuitsWhenEmpty() {
        var s = state()
        type(&s, "train a")
        #expect(s.handle(.key(.control("d"))) == [])
        #expect(s.handle(.interrupt) == [])
        #expect(s.input.isEmpty)
        #expect(s.handle(.key(.control("d"))) == [.quit])
    }
}
