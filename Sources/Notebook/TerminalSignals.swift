// Signals while the notebook owns the terminal. Installed before newterm, so ncurses keeps its
// hands off them (it only installs handlers where the disposition is still the default).
// - SIGINT (Ctrl-C) and SIGTSTP (Ctrl-Z) only set flags; the UI loop acts on them within a
//   frame (cancel or clear the line; leave curses mode, stop, and redraw after `fg`).
// - SIGCONT after any stop asks for a full redraw.
// - SIGTERM, SIGHUP, SIGQUIT and crash signals restore the terminal from the handler itself,
//   with async-signal-safe calls only (write the saved reset sequence, tcsetattr the saved
//   modes), then re-raise with the default action so the exit status tells what happened.
import Foundation
import Synchronization

enum TerminalSignals {
    static let interrupt = Atomic<Bool>(false)
    static let suspend = Atomic<Bool>(false)
    static let redraw = Atomic<Bool>(false)
    nonisolated(unsafe) static var savedModes = termios()
    nonisolated(unsafe) static var hasSavedModes = false
    /// The bytes that put the terminal back (leave the alternate screen, show the cursor, …).
    nonisolated(unsafe) static var resetBytes: UnsafeMutableBufferPointer<UInt8>?

    static let fatal: [Int32] = [SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the terminal modes and installs the handlers (before newterm).
    static func install() {
        hasSavedModes = tcgetattr(0, &savedModes) == 0
        set(SIGINT) { _ in TerminalSignals.interrupt.store(true, ordering: .relaxed) }
        set(SIGTSTP) { _ in TerminalSignals.suspend.store(true, ordering: .relaxed) }
        set(SIGCONT) { _ in TerminalSignals.redraw.store(true, ordering: .relaxed) }
        for s in fatal { set(s, resetHandler: true) { sig in TerminalSignals.restoreAndReraise(sig) } }
    }

    /// Stores the reset sequence the fatal handlers write (after newterm, from terminfo).
    static func prepareReset(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        resetBytes = buffer
    }

    static func set(_ signal: Int32, resetHandler: Bool = false, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = resetHandler ? Int32(bitPattern: UInt32(SA_RESETHAND)) : Int32(SA_RESTART)
        sigaction(signal, &action, nil)
    }

    /// Async-signal-safe: write, tcsetattr, raise.
    static func restoreAndReraise(_ sig: Int32) {
        restoreTerminal()
        raise(sig)
    }

    static func restoreTerminal() {
        if let bytes = resetBytes, let base = bytes.baseAddress { _ = write(1, base, bytes.count) }
        if hasSavedModes { _ = tcsetattr(0, TCSANOW, &savedModes) }
    }

    /// Puts the default handlers back (after the notebook has closed the terminal itself).
    static func uninstall() {
        for s in fatal + [SIGINT, SIGTSTP, SIGCONT] { signal(s, SIG_DFL) }
    }

    static func take(_ flag: borrowing Atomic<Bool>) -> Bool { flag.exchange(false, ordering: .relaxed) }

    /// Stops the process as Ctrl-Z would (the caller has left curses mode); returns after `fg`.
    static func stopSelf() {
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        set(SIGTSTP) { _ in TerminalSignals.suspend.store(true, ordering: .relaxed) }
    }
}
