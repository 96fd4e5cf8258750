// Terminal restore: whatever happens, the shell gets back a terminal that echoes.
//
// libedit switches the terminal out of canonical mode while it reads a line and back after.
// Its own signal handling is off (`rl_catch_signals = 0`): it re-sends every signal to the
// whole process group (`kill(0, …)`), which would also end a shell script that ran Basin.
// Instead the termios saved at start-up is put back here: at exit, and in a handler for each
// fatal signal, which restores and then re-raises with the action that was there before
// (the default, or Swift's crash backtracer), so the exit status still tells what happened.
// ECHO, ICANON and ISIG are always on in what is restored: never leave echo off.
//
// Ctrl-Z (SIGTSTP): restore, stop; after `fg` (SIGCONT) the prompt's read is cut short and
// the prompt starts again, which puts libedit's editing mode back.
import Foundation
import Synchronization

public enum TerminalGuard {
    /// The terminal settings of standard input at start-up, if it is a terminal.
    nonisolated(unsafe) static var savedCopy = termios()
    nonisolated(unsafe) static var hasSaved = false
    /// SIGCONTs received: the prompt re-draws itself after one.
    static let resumed = Atomic<Int>(0)

    /// Signals that end the process by default and should leave a usable terminal.
    static let endingSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]
    /// Crash signals: restore, then end with the signal's default action.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the terminal state and installs the handlers. Call once, before libedit starts.
    public static func install() {
        guard !hasSaved else { return }
        var state = termios()
        if isatty(0) == 1, tcgetattr(0, &state) == 0 {
            state.c_lflag |= tcflag_t(ECHO | ICANON | ISIG)
            savedCopy = state
            hasSaved = true
        }
        _ = resumed.load(ordering: .relaxed)
        atexit { TerminalGuard.restore() }
        for signo in endingSignals + crashSignals where !isIgnored(signo) {
            SignalInstall.handle(signo, restart: true, restoreAndReraise)
        }
        if !isIgnored(SIGTSTP) { SignalInstall.handle(SIGTSTP, restart: true, restoreAndStop) }
        SignalInstall.handle(SIGCONT, restart: true, countResume)
    }

    /// While a command runs, Ctrl-C should stop it without the terminal echoing `^C` into the
    /// middle of its output (the command itself says it stopped): ECHOCTL off. The state saved
    /// at start-up, restored at exit, keeps the user's setting.
    static func hideControlEcho() {
        guard hasSaved else { return }
        var state = termios()
        guard tcgetattr(0, &state) == 0, state.c_lflag & tcflag_t(ECHOCTL) != 0 else { return }
        state.c_lflag &= ~tcflag_t(ECHOCTL)
        _ = tcsetattr(0, TCSANOW, &state)
    }

    /// Whether Ctrl-Z and `fg` cut a blocking read short (true only around the prompt's read;
    /// both handlers, as SIGCONT runs nested inside the SIGTSTP handler).
    static func setResumeInterruptsReads(_ on: Bool) {
        guard hasSaved else { return }
        if !isIgnored(SIGTSTP) { SignalInstall.handle(SIGTSTP, restart: !on, restoreAndStop) }
        SignalInstall.handle(SIGCONT, restart: !on, countResume)
    }

    /// A signal ignored by whoever started Basin (`nohup`) stays ignored.
    static func isIgnored(_ signo: Int32) -> Bool {
        var current = sigaction()
        sigaction(signo, nil, &current)
        // SIG_IGN is the function pointer 1.
        return current.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } == 1
    }

    /// Puts the saved terminal state back (async-signal-safe: one tcsetattr).
    public static func restore() {
        guard hasSaved else { return }
        _ = tcsetattr(0, TCSANOW, &savedCopy)
    }
}

/// Restores the terminal, puts the default action back and re-raises, so the process ends with
/// the signal's status (131 for Ctrl-\\, 139 for SIGSEGV), as the notebook does. Not the action
/// that was there before: for SIGQUIT and a crash signal that is Swift's backtracer, which in a
/// terminal waits 30 s for a key and, for a signal sent with kill, lets the prompt carry on.
/// Basin's history is written after every line, so ending at once loses nothing.
private let restoreAndReraise: @convention(c) (Int32) -> Void = { signo in
    TerminalGuard.restore()
    signal(signo, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signo)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(signo)
}

/// Ctrl-Z: restore the terminal, stop (default action, unblocked so it happens now), and
/// re-arm this handler once continued.
private let restoreAndStop: @convention(c) (Int32) -> Void = { signo in
    let saved = errno
    TerminalGuard.restore()
    SignalInstall.reset(signo)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signo)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(signo)
    // Re-armed restarting: the prompt switches it back to interrupting around its next read.
    SignalInstall.handle(signo, restart: true, restoreAndStop)
    errno = saved
}

private let countResume: @convention(c) (Int32) -> Void = { _ in
    TerminalGuard.resumed.add(1, ordering: .relaxed)
}
