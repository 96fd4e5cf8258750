// Runtime diagnostics as a typed line shows them: the caret under the right span and one
// suggestion. Each case runs its setup in a fresh session, then the line under test.
import Interpreter
import Testing

struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    let name: String
    let setup: [String]
    let line: String
    let expected: String
    var testDescription: String { name }
}

let diagnosticCases: [DiagnosticCase] = [
    DiagnosticCase(
        name: "a misspelt net name suggests the closest", setup: ["data d = moons n=40", "net alpha = dense 4 relu, dense 2"],
        line: "train alpah epochs=1",
        expected: """
            error: no net named 'alpah'
            1 | train alpah epochs=1
              |       ^^^^^
              = help: did you mean 'alpha'?
            """),
    DiagnosticCase(
        name: "a dataset where a net belongs", setup: ["data d = moons n=40", "net a = dense 4 relu, dense 2"],
        line: "fork d as e",
        expected: """
            error: 'd' is a dataset, not a net
            1 | fork d as e
              |      ^
            """),
    DiagnosticCase(
        name: "nothing to train yet", setup: [], line: "train",
        expected: """
            error: there is no net yet
            1 | train
              | ^^^^^
              = help: define one, e.g. 'net a = dense 32 relu, dense 3'
            """),
    DiagnosticCase(
        name: "an undefined variable suggests a defined one", setup: ["let width = 8"],
        line: "net t = dense $widht relu, dense 3",
        expected: """
            error: undefined variable '$widht'
            1 | net t = dense $widht relu, dense 3
              |               ^^^^^^
              = help: did you mean '$width'?
            """),
    DiagnosticCase(
        name: "a network too large says the memory it needs", setup: ["data d = moons n=40"],
        line: "net big = dense 1000000000 relu, dense 2",
        expected: """
            error: this network has 3000000000 parameters and would need 44.7 GiB (parameters, gradients and optimizer state); the limit is 4 GiB
            1 | net big = dense 1000000000 relu, dense 2
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              = help: use fewer or narrower layers
            """),
    DiagnosticCase(
        name: "a missing script points at its name", setup: [], line: "run \"nowhere.basin\"",
        expected: """
            error: cannot read 'nowhere.basin': no such file
            1 | run "nowhere.basin"
              |     ^^^^^^^^^^^^^^^
              = help: paths are relative to the directory Basin was started in
            """),
    DiagnosticCase(
        name: "an unknown name to show suggests one", setup: ["data moons1 = moons n=40"], line: "show moon1",
        expected: """
            error: nothing named 'moon1'
            1 | show moon1
              |      ^^^^^
              = help: did you mean 'moons1'?
            """),
    DiagnosticCase(
        name: "a session name with a path is refused", setup: [], line: "save \"a/b\"",
        expected: """
            error: 'a/b' cannot name a session
            1 | save "a/b"
              |      ^^^^^
              = help: use a plain name such as 'lesson1'; sessions are saved in sessions/
            """),
    DiagnosticCase(
        name: "a help topic that does not exist", setup: ["let t = trian"], line: "help $t",
        expected: """
            error: no help for 'trian'
            1 | help $t
              |      ^^
              = help: did you mean 'train'?
            """),
    DiagnosticCase(
        name: "a net whose output does not match the classes",
        setup: ["data d = spiral n=30 classes=3", "net a = dense 4 relu, dense 2"],
        line: "train a epochs=1",
        expected: """
            error: a ends with 2 outputs but d has 3 classes
            1 | train a epochs=1
              | ^^^^^^^^^^^^^^^^
              = help: make the last layer 'dense 3'
            """),
]

struct DiagnosticsTests {
    @Test(arguments: diagnosticCases)
    func runtimeErrorsPointAtTheirSpanWithOneSuggestion(_ c: DiagnosticCase) {
        let host = RecordingHost()
        let session = Session(host: host, settings: SessionSettings(directory: "/nonexistent-basin-test"))
        for line in c.setup { session.execute(line) }
        host.lines = []
        let status = session.execute(c.line)
        #expect(status == .runtimeError)
        let actual = host.lines.joined(separator: "\n")
        #expect(actual == c.expected, "\n--- actual ---\n\(actual)\n--- expected ---\n\(c.expected)")
    }

    @Test func anErrorLeavesTheWorkspaceAsItWas() {
        let host = RecordingHost()
        let session = Session(host: host, settings: SessionSettings(directory: "/nonexistent-basin-test"))
        session.execute("data d = moons n=40")
        session.execute("net a = dense 4 relu, dense 2")
        #expect(session.execute("net a = dense 1000000000, dense 2") == .runtimeError)
        host.lines = []
        session.execute("show a")
        #expect(host.lines.contains { $0.hasPrefix("   total") && $0.hasSuffix("22") }, "\(host.lines)")
    }
}
