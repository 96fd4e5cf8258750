// Running a program from a test without Foundation.Process (which hangs here, DESIGN.md):
// posix_spawnp with standard input from a file, standard output and error to temporary files
// (never pipes: a tmux server started by the child keeps inherited descriptors open, and a
// reader waiting for end-of-file on a pipe would wait forever), then waitpid with a deadline.
// The child starts with no blocked signals and default actions: test threads block most
// signals, and a tmux server inheriting that mask never sees SIGCHLD or SIGTERM and outlives
// `kill-server`.
import Foundation
import Glibc
import TestSupport

struct SpawnResult {
    /// The exit code, or 128 + the signal number when a signal ended the program.
    var status: Int32
    var output: String
    var error: String
    /// Whether the deadline passed and the program was killed.
    var timedOut: Bool
}

enum Spawn {
    /// Runs `arguments[0]` (looked up in PATH) and waits for it, at most `timeout` seconds.
    static func run(
        _ arguments: [String], environment: [String: String]? = nil, stdinPath: String = "/dev/null",
        timeout: Double = 30
    ) -> SpawnResult {
        let scratch = TestDirectories.make("spawn")
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer { unlink(outPath); unlink(errPath) }
        guard let pid = start(arguments, environment: environment, stdinPath: stdinPath, outPath: outPath, errPath: errPath)
        else {
            return SpawnResult(status: 127, output: "", error: "could not start \(arguments.first ?? "")", timedOut: false)
        }
        let (status, timedOut) = wait(pid, timeout: timeout)
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return SpawnResult(status: status, output: read(outPath), error: read(errPath), timedOut: timedOut)
    }

    static func start(
        _ arguments: [String], environment: [String: String]?, stdinPath: String,
        outPath: String, errPath: String
    ) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = cStrings(arguments)
        let env = environment.map { cStrings($0.map { "\($0.key)=\($0.value)" }) }
        defer { (argv + (env ?? [])).forEach { free($0) } }
        var pid: pid_t = 0
        let result = argv.withUnsafeBufferPointer { argvBuffer in
            if let env {
                return env.withUnsafeBufferPointer { envBuffer in
                    posix_spawnp(&pid, arguments[0], &actions, &attributes, argvBuffer.baseAddress!, envBuffer.baseAddress!)
                }
            }
            return posix_spawnp(&pid, arguments[0], &actions, &attributes, argvBuffer.baseAddress!, environ)
        }
        return result == 0 ? pid : nil
    }

    /// NULL-terminated copies for argv/envp (freed by the caller; the final nil is skipped by free).
    static func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) } + [nil]
    }

    /// Waits for `pid`; after `timeout` seconds kills it. Returns the decoded status.
    static func wait(_ pid: pid_t, timeout: Double) -> (Int32, Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(5_000)
        }
        let signal = status & 0x7f
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, timedOut)
    }

    /// Whether an executable of this name is on PATH.
    static func isOnPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
