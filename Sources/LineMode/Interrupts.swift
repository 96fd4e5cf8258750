// Ctrl-C for the text front ends.
//
// The SIGINT handler does only async-signal-safe work: it bumps a counter and writes one byte
// to a pipe. A watcher thread reads the pipe and calls the front end's handler (for Basin:
// `Session.cancel()`, which stops a training run after its current step and keeps the weights).
// While the prompt reads a line the handler is installed WITHOUT SA_RESTART, so libedit's
// blocking read returns early and the prompt tells Ctrl-C from end of input by the counter;
// while a command runs it restarts interrupted system calls (a write to the terminal or a
// file read is never cut short by Ctrl-C).
//
// While a command is busy, a second Ctrl-C within a second of the first (the command did not
// stop) leaves with 130 after restoring the terminal, so a stuck command can always be escaped.
// At the prompt Ctrl-C never exits: it only clears the line.
import Foundation
import Interpreter
import Synchronization

public enum Interrupts {
    /// SIGINTs received since start; read by the prompt to tell Ctrl-C from end of input.
    static let received = Atomic<Int>(0)
    /// Whether a command is running (set by the front end around `execute`).
    static let busy = Atomic<Bool>(false)
    /// The pipe the handler writes to and the watcher reads; set once before the handler is.
    nonisolated(unsafe) static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)
    nonisolated(unsafe) static var handler: (@Sendable () -> Void)?
    nonisolated(unsafe) static var lastWhileBusy: Date?

    /// How many Ctrl-C presses so far.
    public static var count: Int { received.load(ordering: .relaxed) }

    /// Marks a command as running (true) or the prompt as waiting (false).
    public static func setBusy(_ value: Bool) {
        busy.store(value, ordering: .relaxed)
    }

    /// Calls `onInterrupt` on the watcher thread for every SIGINT. Call once, early.
    public static func install(_ onInterrupt: @escaping @Sendable () -> Void) {
        handler = onInterrupt
        guard pipeEnds.read < 0 else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        pipeEnds = (ends[0], ends[1])
        // Touch every global the handler reads so no lazy initialization runs inside it.
        _ = received.load(ordering: .relaxed)
        let watcher = Thread { watch() }
        watcher.name = "basin.sigint"
        watcher.start()
        SignalInstall.handle(SIGINT, restart: true, handleSIGINT)
    }

    /// Whether Ctrl-C cuts a blocking read short (true only around the prompt's read).
    static func setInterruptsReads(_ on: Bool) {
        guard pipeEnds.write >= 0 else { return }
        SignalInstall.handle(SIGINT, restart: !on, handleSIGINT)
    }

    /// Reads the pipe forever, one byte per interrupt.
    static func watch() {
        var byte: UInt8 = 0
        while true {
            let n = read(pipeEnds.read, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            interrupted()
        }
    }

    static func interrupted() {
        if busy.load(ordering: .relaxed) {
            let now = Date()
            if let last = lastWhileBusy, now.timeIntervalSince(last) < 1 {
                TerminalGuard.restore()
                FileHandle.standardError.write(Data("\nbasin: interrupted twice; leaving\n".utf8))
                exit(ExitCode.interrupted)
            }
            lastWhileBusy = now
        } else {
            lastWhileBusy = nil
        }
        handler?()
    }
}

/// The SIGINT handler: counter and pipe only (async-signal-safe).
private let handleSIGINT: @convention(c) (Int32) -> Void = { _ in
    let saved = errno
    Interrupts.received.add(1, ordering: .relaxed)
    var byte: UInt8 = 1
    _ = write(Interrupts.pipeEnds.write, &byte, 1)
    errno = saved
}

/// `sigaction` with an explicit choice of SA_RESTART (glibc's `signal()` always restarts).
enum SignalInstall {
    @discardableResult
    static func handle(_ signo: Int32, restart: Bool, _ handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? Int32(SA_RESTART) : 0
        var old = sigaction()
        sigaction(signo, &action, &old)
        return old
    }

    /// Puts back the default action (before re-raising a fatal signal).
    static func reset(_ signo: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signo, &action, nil)
    }
}
