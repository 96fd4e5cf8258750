// Ctrl-C: the first interrupt stops the running command after its current step (the weights
// reached are kept); at a prompt, libedit clears the line. A second Ctrl-C within a second,
// while a command ignores the first, exits (130) so a script can always be stopped.
import Dispatch
import Foundation

public enum Interrupts {
    nonisolated(unsafe) static var source: DispatchSourceSignal?
    nonisolated(unsafe) static var last: Date?

    /// Calls `handler` on every SIGINT (delivered on a dispatch queue, not in the signal handler).
    public static func install(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "basin.sigint"))
        s.setEventHandler {
            let now = Date()
            if let last, now.timeIntervalSince(last) < 1 { exit(130) }
            last = now
            handler()
        }
        s.resume()
        source = s
    }
}
