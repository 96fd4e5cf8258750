// Starting `basin --plain` inside tmux the way a person would run it from a shell: under
// /bin/sh, in a scratch directory, with its own state directory (XDG_STATE_HOME). When basin
// ends, the shell prints its exit code and whether the terminal echoes again, then sleeps so
// the screen stays readable until the test kills the server.
import Foundation
import Testing

struct LineModeRun {
    let tmux: TmuxSession
    let scratch: Scratch

    /// `stateDirectory`: reuse one to see what a previous launch left (history).
    init(
        arguments: String = "--plain", environment: [String: String] = [:], width: Int = 100, height: Int = 30,
        scratch: Scratch = Scratch()
    ) {
        self.scratch = scratch
        let basin = BasinBinary.shellQuoted(BasinBinary.path)
        // `trap : INT` keeps the shell alive through Ctrl-C (basin gets the default action back
        // on exec and installs its own handler).
        let report = """
            echo "[basin exited $?]"; \
            for f in echo icanon; do \
            if stty -a | tr ' ' '\\n' | grep -qx -- "-$f"; then echo "[$f is off]"; else echo "[$f is on]"; fi; \
            done; exec sleep 600
            """
        let command = "trap : INT; cd \(BasinBinary.shellQuoted(scratch.path)); \(basin) \(arguments); \(report)"
        var env = ["XDG_STATE_HOME": scratch.path + "/state", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        tmux = TmuxSession(command: command, width: width, height: height, environment: env)
    }

    /// Ends the tmux server and removes the scratch directory.
    func finish(keepScratch: Bool = false) {
        tmux.kill()
        if !keepScratch { scratch.remove() }
    }

    /// Types a command, presses Enter, and waits for `expect` to show and a fresh prompt.
    @discardableResult
    func run(_ line: String, expect: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String]? {
        tmux.enter(line)
        tmux.waitFor(text: expect, sourceLocation: sourceLocation)
        return tmux.waitForPrompt(sourceLocation: sourceLocation)
    }

    /// The process id of basin itself: the child of the pane's shell.
    func basinPID() -> Int32? {
        guard let shell = tmux.panePID(),
            let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }
}

/// Both the binary and tmux are needed; a missing tmux skips, a missing binary fails clearly.
enum EndToEnd {
    static func requireBinary(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if BasinBinary.exists { return true }
        Issue.record(Comment(rawValue: BasinBinary.missingHint), sourceLocation: sourceLocation)
        return false
    }
}
