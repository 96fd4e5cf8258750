// A detached tmux server driving one program as a user would: keys in (`send-keys`), screen out
// (`capture-pane -p`), polled until what is expected shows or a deadline passes. Each session
// has its own server socket (`-L basin-test-<uuid>`), no config file, and a clean environment,
// so tests run in parallel and never see a developer's tmux. `kill()` ends the server; call it
// in a `defer` so a failing test leaves nothing running.
import Foundation
import Glibc
import Testing

final class TmuxSession {
    static var isAvailable: Bool { Spawn.isOnPath("tmux") }
    static let skipReason: Comment = "tmux is not installed (scripts/setup.sh installs it); skipping terminal tests"

    let socket = "basin-test-\(UUID().uuidString.prefix(8))"
    /// The environment of the tmux server and so of every pane (nothing inherited by accident).
    let environment: [String: String]
    private(set) var killed = false
    /// The server's process id and socket file, to make sure both are gone after `kill-server`.
    private(set) var serverPID: pid_t?
    private(set) var socketPath: String?

    /// Starts `command` (run by /bin/sh) in a new detached session of `width`×`height`.
    init(command: String, width: Int = 100, height: Int = 30, environment extra: [String: String]) {
        let inherited = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp",
            "SHELL": "/bin/sh", "LANG": "C.UTF-8", "TERM": "xterm-256color",
        ]
        environment.merge(extra) { $1 }
        self.environment = environment
        // tmux sets a pane's TERM from `default-terminal` (ignoring `-e TERM=`), so the option
        // is set first, in the same client invocation that starts the server.
        var arguments = [
            "start-server", ";", "set-option", "-g", "default-terminal", environment["TERM"] ?? "xterm-256color", ";",
            "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
        ]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where key != "TERM" {
            arguments += ["-e", "\(key)=\(value)"]
        }
        tmux(arguments + [command])
        let info = tmux(["display-message", "-p", "#{pid} #{socket_path}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        serverPID = info.first.flatMap { pid_t($0) }
        socketPath = info.count > 1 ? String(info[1]) : nil
    }

    deinit { kill() }

    @discardableResult
    func tmux(_ arguments: [String]) -> SpawnResult {
        Spawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, environment: environment, timeout: 10)
    }

    /// Key names as tmux knows them: "Enter", "C-c", "Up", "Tab", "C-d".
    func press(_ keys: String...) { tmux(["send-keys"] + keys) }

    /// Types `text` literally (no key-name lookup).
    func type(_ text: String) { tmux(["send-keys", "-l", text]) }

    /// Types a line and presses Enter.
    func enter(_ line: String) {
        type(line)
        press("Enter")
    }

    /// The visible screen, one string per row, trailing blank rows dropped.
    func screen() -> [String] {
        var lines = tmux(["capture-pane", "-p"]).output.components(separatedBy: "\n")
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Polls the screen every 30 ms until `condition` holds; on timeout records an issue with
    /// the last screen and returns nil.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: ([String]) -> Bool
    ) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        repeat {
            last = screen()
            if condition(last) { return last }
            usleep(30_000)
        } while Date() < deadline
        Issue.record(
            "timed out waiting for \(what); the screen was:\n\(last.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return nil
    }

    /// Waits until `text` appears on the screen.
    @discardableResult
    func waitFor(text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> [String]? {
        waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains { $0.contains(text) } }
    }

    /// Waits until the last non-blank row is a prompt reading exactly `prompt + line`.
    @discardableResult
    func waitForPrompt(
        _ line: String = "", prompt: String = "basin> ", timeout: Double = 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String]? {
        waitFor("the prompt '\(prompt)\(line)'", timeout: timeout, sourceLocation: sourceLocation) {
            $0.last.map { Self.trimmed($0) == Self.trimmed(prompt + line) } ?? false
        }
    }

    /// The process id of the pane's program.
    func panePID() -> Int32? {
        Int32(tmux(["display-message", "-p", "#{pane_pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Copies everything the pane's program writes from now on, raw bytes, to `path`.
    func recordOutput(to path: String) { tmux(["pipe-pane", "-o", "cat > \(BasinBinary.shellQuoted(path))"]) }

    /// Ends the server (and with it the panes' programs: they get SIGHUP) and removes its socket
    /// file, which tmux leaves behind. tmux takes about a second and a half to go, so a
    /// background thread (not the test's) waits: a server still there after five seconds is
    /// killed by its process id. No test leaves a server or a socket behind.
    func kill() {
        guard !killed else { return }
        killed = true
        tmux(["kill-server"])
        if let socketPath { unlink(socketPath) }
        guard let pid = serverPID, pid > 0 else { return }
        Thread.detachNewThread {
            let deadline = Date().addingTimeInterval(5)
            while Glibc.kill(pid, 0) == 0 && Date() < deadline { usleep(50_000) }
            if Glibc.kill(pid, 0) == 0 { Glibc.kill(pid, SIGKILL) }
        }
    }

    static func trimmed(_ text: String) -> String {
        var copy = text
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
