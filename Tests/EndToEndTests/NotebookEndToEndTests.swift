// The notebook end to end: the real `basin` binary in a detached tmux session per test (its
// own server socket), driven with send-keys and read with capture-pane, polling with
// deadlines and never asserting on timing. tmux is started with posix_spawn (never
// Foundation.Process, which hangs) with a clean signal mask, so `kill-server` always works.
// Skipped, with the reason in the test report, when tmux or the binary is missing (CI installs
// tmux, so there they run). After basin exits, the pane's shell prints the exit status and the
// terminal modes, so a test can see the terminal was restored.
import Foundation
import Glibc
import TestSupport
import Testing

@Suite(.serialized, .enabled(if: NotebookTmux.available, NotebookTmux.unavailableReason))
struct NotebookEndToEndTests {
    @Test func startsTypoGetsADiagnosticAndQuitRestoresTheTerminal() throws {
        let t = try #require(NotebookTmux(width: 100, height: 30), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"), "no status line:\n\(t.capture())")
        t.type("trian a")
        try #require(t.waitFor("did you mean 'train'?"), "\(t.capture())")
        #expect(t.capture().contains("error: unknown command 'trian'"))
        t.keys("C-d")
        try #require(t.waitFor("EXITED 0"), "\(t.capture())")
        #expect(t.waitFor("modes: icanon echo"), "\(t.capture())")
        #expect(t.query("#{alternate_on}") == "0")
    }

    @Test func trainUpdatesTheDashboardAndControlCStopsIt() throws {
        let t = try #require(NotebookTmux(width: 100, height: 30), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"))
        t.type("data d = moons n=400")
        t.type("net a = dense 256 relu, dense 256 relu, dense 2")
        t.type("train a steps=50000000")
        try #require(t.waitFor("Ctrl-C stops"), "\(t.capture())")
        let first = try #require(t.waitForValue { NotebookTmux.step(in: $0) })
        let later = try #require(
            t.waitForValue { NotebookTmux.step(in: $0).flatMap { $0 > first ? $0 : nil } },
            "the dashboard did not move past step \(first):\n\(t.capture())")
        #expect(later > first)
        // A 2-D classifier's first page is its decision regions; F2 turns to the layers.
        try #require(t.waitFor("a regions"), "\(t.capture())")
        t.keys("F2")
        try #require(t.waitFor("gradient norm by layer"), "\(t.capture())")
        t.keys("C-c")
        try #require(t.waitFor("stopped by Ctrl-C"), "\(t.capture())")
        t.type("show a")
        try #require(t.waitFor("total"), "\(t.capture())")
    }

    /// The decision regions redrawn while a 2-D classifier trains: the pane's title follows the
    /// steps (at 160×40, where the dashboard is a column with room for the whole title), the
    /// legend names both classes, both regions are coloured at 100×30, and at 60×15 the regions
    /// stay on screen as a thumbnail beside the sparklines.
    @Test func twoDimensionalClassifierRedrawsItsRegionsWhileItTrains() throws {
        let t = try #require(NotebookTmux(width: 160, height: 40, colors: true), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"))
        t.type("data d = moons n=400")
        t.type("net a = dense 16 relu, dense 2")
        t.type("train a steps=50000000")
        try #require(t.waitFor("Ctrl-C stops"), "\(t.capture())")
        let first = try #require(t.waitForValue { NotebookTmux.regionStep(in: $0) }, "no region pane:\n\(t.capture())")
        let later = try #require(
            t.waitForValue { NotebookTmux.regionStep(in: $0).flatMap { $0 > first ? $0 : nil } },
            "the region pane did not move past step \(first):\n\(t.capture())")
        #expect(later > first)
        t.resize(100, 30)
        try #require(t.waitFor { $0.contains("a regions") && $0.contains("● 0  ● 1") }, "\(t.capture())")
        // Both classes' regions in their 256-colour backgrounds (Charts' CategoricalColors.region256: 17, 94).
        let styled = t.captureStyled()
        #expect(styled.contains("48;5;17m") && styled.contains("48;5;94m"), "\(styled)")
        t.resize(60, 15)
        // The compact dashboard: a sparkline row ("loss ▃▇▃…") instead of the charts.
        try #require(
            t.waitFor { $0.range(of: "loss [▁▂▃▄▅▆▇█]", options: .regularExpression) != nil && !$0.contains("a regions") },
            "\(t.capture())")
        let small = t.captureStyled()
        #expect(small.contains("48;5;17m") && small.contains("48;5;94m"), "\(small)")
        t.keys("C-c")
        try #require(t.waitFor("stopped by Ctrl-C"), "\(t.capture())")
    }

    @Test func resizesDownToFortyByTwelveAndBack() throws {
        let t = try #require(NotebookTmux(width: 100, height: 30), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"))
        t.type("data d = moons n=400")
        try #require(t.waitFor("examples"))
        t.resize(40, 12)
        try #require(
            t.waitFor { screen in
                let lines = screen.split(separator: "\n")
                return lines.last?.hasSuffix("F1 help") == true && lines.allSatisfy { $0.count <= 40 }
                    && screen.contains("[1] data")
            }, "\(t.capture())")
        t.resize(20, 6)
        try #require(t.waitFor("need 30×8"), "\(t.capture())")
        t.resize(100, 30)
        try #require(t.waitFor("[1] data d = moons n=400"), "\(t.capture())")
        #expect(t.capture().contains("test 60 (locked)"))
    }

    /// Trials on two workers: the table fills in trial order while both run, and Ctrl-C stops
    /// them and keeps the finished ones.
    @Test func parallelSweepFillsItsTableAndControlCKeepsFinishedTrials() throws {
        let t = try #require(NotebookTmux(width: 100, height: 30), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"))
        t.type("data d = moons n=400")
        t.type("sweep s method=random trials=200 budget=3000 workers=2 { let lr ~ log(1e-3, 1e-1)")
        t.type("net t = dense 64 relu, dense 2")
        t.type("train t on d epochs=$budget }")
        // Two finished trials in the table ("#1     0.2345   done …"), then Ctrl-C mid-sweep.
        try #require(
            t.waitFor(timeout: 60) { $0.range(of: #"#1 +[0-9.e-]+ +done"#, options: .regularExpression) != nil },
            "no finished trials:\n\(t.capture())")
        t.keys("C-c")
        try #require(t.waitFor("stopped by Ctrl-C; the finished trials are kept"), "\(t.capture())")
        let summary = t.capture().split(separator: "\n").first { $0.contains("s: ") && $0.contains(" trials (") } ?? ""
        let kept = summary.split(separator: ":").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) } ?? 0
        #expect(kept >= 2 && kept < 200, "\(summary)")
        t.type("show s")
        try #require(t.waitFor("sweep s: random"), "\(t.capture())")
    }

    @Test func killTermWhileTrainingRestoresTheTerminal() throws {
        let t = try #require(NotebookTmux(width: 80, height: 24), "tmux did not start a session")
        defer { t.close() }
        try #require(t.waitFor("F1 help"))
        t.type("data d = moons n=400")
        t.type("net a = dense 256 relu, dense 2")
        t.type("train a steps=50000000")
        try #require(t.waitFor("Ctrl-C stops"), "\(t.capture())")
        let pid = try #require(t.basinPID(), "no basin process under the pane")
        kill(pid, SIGTERM)
        try #require(t.waitFor("EXITED 143"), "\(t.capture())")
        #expect(t.waitFor("modes: icanon echo"), "\(t.capture())")
        #expect(t.query("#{alternate_on}") == "0")
    }
}

/// One detached tmux session on its own server socket, running basin in a shell.
final class NotebookTmux {
    let socket = "basin-nb-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let scratch = TestDirectories.make("nb")

    /// Whether tmux runs and the release binary exists (the suite is skipped otherwise).
    static let available = access(binary, X_OK) == 0 && run(["tmux", "-V"]).status == 0
    static var unavailableReason: Comment {
        access(binary, X_OK) != 0
            ? "no basin binary at \(binary): run scripts/test.sh, which builds it"
            : "tmux is not installed (scripts/setup.sh installs it)"
    }

    /// nil when tmux could not start the session. `colors`: NO_COLOR is unset for basin (the test
    /// runner may set it), so it draws in the terminal's 256 colours.
    init?(width: Int, height: Int, colors: Bool = false) {
        let binary = Self.binary
        guard Self.available else { return nil }
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let script =
            (colors ? "unset NO_COLOR; " : "")
            + "cd '\(scratch)' && XDG_STATE_HOME='\(scratch)/state' TERM=xterm-256color LANG=C.UTF-8 '\(binary)'; "
            + "echo EXITED $?; echo modes: $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$'); sleep 600"
        guard tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script]).status == 0
        else {
            return nil
        }
    }

    func close() {
        _ = tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func keys(_ keys: String...) { _ = tmux(["send-keys", "-t", "0"] + keys) }

    /// Types a line and presses Enter.
    func type(_ line: String) {
        _ = tmux(["send-keys", "-t", "0", "-l", line])
        keys("Enter")
    }

    func resize(_ width: Int, _ height: Int) { _ = tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"]) }

    func capture() -> String { tmux(["capture-pane", "-p", "-t", "0"]).output }

    /// The screen with its colours and attributes as escape sequences.
    func captureStyled() -> String { tmux(["capture-pane", "-p", "-e", "-t", "0"]).output }

    func query(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", "0", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func waitFor(_ text: String, timeout: Double = 30) -> Bool { waitFor(timeout: timeout) { $0.contains(text) } }

    func waitFor(timeout: Double = 30, _ ok: (String) -> Bool) -> Bool {
        waitForValue(timeout: timeout) { ok($0) ? true : nil } != nil
    }

    func waitForValue<T>(timeout: Double = 30, _ value: (String) -> T?) -> T? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let v = value(capture()) { return v }
            usleep(100_000)
        } while Date() < deadline
        return nil
    }

    /// The basin process: the child of the pane's shell.
    func basinPID() -> pid_t? {
        guard let shell = Int32(query("#{pane_pid}")) else { return nil }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell, stat.contains("(basin)") { return pid }
        }
        return nil
    }

    /// The dashboard's "step N/M" on screen.
    /// The step in the region pane's title, "a regions · step 1234".
    static func regionStep(in screen: String) -> Int? {
        guard let range = screen.range(of: #"regions · step \d+"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: " ").last ?? "")
    }

    static func step(in screen: String) -> Int? {
        guard let range = screen.range(of: #"step (\d+)/"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(5).dropLast())
    }

    func tmux(_ arguments: [String]) -> (status: Int32, output: String) { Self.run(["tmux", "-L", socket] + arguments) }

    static let binary: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/.build/release/basin"
    }()

    /// Runs a program with output to a temporary file, all signals at their defaults, unmasked.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        // A file inside a fresh directory (`make` creates a directory: opening it for writing
        // failed, and every test here was silently skipped).
        let directory = TestDirectories.make("nb-out")
        let out = directory + "/out"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ) == 0 else { return (127, "") }
        // tmux commands return at once; a deadline keeps a wedged one from hanging the suite.
        let (status, _) = Spawn.wait(pid, timeout: 30)
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }
}
