// Batch mode end to end: the real binary on scripts and piped input, checked by exit code
// (0 / 64 usage / 65 syntax / 70 runtime), standard output and standard error. No terminal
// is involved, so these run everywhere, tmux or not.
import Foundation
import Testing

@Suite("Batch runs of the real binary")
struct BatchTests {
    static let goodScript = """
        # a tiny experiment
        seed 1
        data d = moons
        net a = dense 8 relu, dense 2
        train a steps=100
        """

    /// Runs basin with its state (journal) in a scratch directory of its own.
    func basin(_ arguments: [String]) -> SpawnResult {
        let state = Scratch()
        defer { state.remove() }
        return Spawn.run(
            [BasinBinary.path] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": state.path],
            timeout: 60)
    }

    @Test("a good script exits 0 and prints each command's output in order")
    func goodScript() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = basin(["run", scratch.file("good.basin", Self.goodScript)])
        #expect(result.status == 0, "stderr: \(result.error)")
        let data = result.output.range(of: "600 examples")
        let trained = result.output.range(of: "a: step 100")
        #expect(data != nil && trained != nil && data!.lowerBound < trained!.lowerBound, "\(result.output)")
        #expect(!result.output.contains("\u{1B}"), "no escapes when not on a terminal")
    }

    @Test("a syntax error exits 65 with the caret, and nothing runs")
    func syntaxError() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = basin(["run", scratch.file("typo.basin", "data d = moons\ntrian a\n")])
        #expect(result.status == 65)
        #expect(result.error.contains("error: unknown command 'trian'"))
        #expect(result.error.contains("2 | trian a"))
        #expect(result.error.contains("  | ^^^^^"))
        #expect(result.error.contains("did you mean 'train'?"))
        #expect(!result.output.contains("600 examples"), "a file with a syntax error must not run at all")
    }

    @Test("a runtime error exits 70 after the commands before it ran")
    func runtimeError() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = basin(["run", scratch.file("missing.basin", "data d = moons\ntrain nosuch steps=5\n")])
        #expect(result.status == 70)
        #expect(result.output.contains("600 examples"))
        #expect(result.error.contains("nosuch"))
    }

    @Test("a failed expect is said with its values, the script runs on, and batch exits 1 at its end")
    func failedExpectation() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let script =
            Self.goodScript + """

                expect a.steps == 100
                expect a.train.acc > 1.5 "no net is right more than always"
                expect d.count == 600
                """
        let result = basin(["run", scratch.file("claims.basin", script)])
        #expect(result.status == 1, "stdout: \(result.output)\nstderr: \(result.error)")
        #expect(result.output.contains("✓ expect a.steps == 100 — 100 == 100"), "\(result.output)")
        #expect(result.output.contains("✗ expect failed: a.train.acc > 1.5 — "), "\(result.output)")
        #expect(result.output.contains("> 150.0%\n  no net is right more than always"), "\(result.output)")
        #expect(result.output.contains("✓ expect d.count == 600"), "the script goes on after a failed claim")
        let passing = basin(["run", scratch.file("true.basin", Self.goodScript + "\nexpect a.train.acc >= 0\n")])
        #expect(passing.status == 0, "\(passing.output)")
    }

    @Test("basin --resume rebuilds a session its journal says crashed, then runs the piped script in it")
    func resume() throws {
        guard EndToEnd.requireBinary() else { return }
        let state = Scratch()
        defer { state.remove() }
        let journals = state.path + "/basin/sessions"
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        // A journal without "# session ended", from a process that is gone (no such pid).
        let crashed = "# Basin session journal\ndata d = moons n=100\nnet a = dense 4 relu, dense 2\ntrain a steps=10\nshow a\n"
        try crashed.write(toFile: journals + "/20260101-000000-4194000-01.basin", atomically: true, encoding: .utf8)
        let script = state.path + "/script.basin"
        try "expect a.steps == 10\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = Spawn.run(
            [BasinBinary.path, "--resume"],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": state.path],
            stdinPath: script, timeout: 60)
        #expect(result.status == 0, "stdout: \(result.output)\nstderr: \(result.error)")
        #expect(
            result.output.contains("resumed the session started 2026-01-01 00:00:00: 3 commands run again, 1 skipped"),
            "\(result.output)")
        #expect(result.output.contains("✓ expect a.steps == 10"), "\(result.output)")
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            ["--bogus"], ["run"], ["run", "x.basin", "--fast"], ["run", "x.basin", "--seed", "-1"],
            ["run", "/nonexistent/x.basin"],
        ])
    func usageErrors(arguments: [String]) {
        guard EndToEnd.requireBinary() else { return }
        let result = basin(arguments)
        #expect(result.status == 64, "\(arguments): \(result.error)")
        #expect(result.error.hasPrefix("error: "))
    }

    @Test("piped standard input runs as a script: echo 'data d = moons' | basin")
    func pipedInput() {
        guard EndToEnd.requireBinary() else { return }
        let command = "echo 'data d = moons' | \(BasinBinary.shellQuoted(BasinBinary.path))"
        let state = Scratch()
        defer { state.remove() }
        let result = Spawn.run(
            ["/bin/sh", "-c", command],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": state.path])
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.output.contains("d: 600 examples"))
    }

    @Test("--seed makes two runs print the same thing")
    func seedIsDeterministic() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let file = scratch.file("s.basin", "data d = moons\nnet a = dense 8 relu, dense 2\ntrain a steps=50\neval a\n")
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("steps/s") }.joined(separator: "\n") }
        let first = basin(["run", file, "--seed", "3"]), second = basin(["run", file, "--seed", "3"])
        #expect(first.status == 0 && second.status == 0)
        #expect(strip(first.output) == strip(second.output))
    }
}
