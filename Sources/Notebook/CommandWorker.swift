// The session thread: commands submitted by the UI run here one at a time, so training never
// blocks drawing or keys. When a command ends, its status and the workspace names (read on
// this thread, where the workspace lives) go to the mailbox.
import Foundation
import Interpreter

final class CommandWorker: @unchecked Sendable {
    let session: Session
    let mailbox: Mailbox
    private let lock = NSLock()
    private var queue: [String] = []
    private var busy = false
    private let submitted = DispatchSemaphore(value: 0)

    init(session: Session, mailbox: Mailbox) {
        self.session = session
        self.mailbox = mailbox
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.stackSize = 16 << 20
        thread.name = "basin.session"
        thread.start()
    }

    func submit(_ text: String) {
        lock.withLock {
            queue.append(text)
            busy = true
        }
        submitted.signal()
    }

    var isBusy: Bool { lock.withLock { busy } }

    /// Waits up to `seconds` for the running command to end (after a cancel, on quit).
    func waitUntilIdle(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while isBusy && Date() < deadline { usleep(10_000) }
    }

    private func loop() {
        while true {
            submitted.wait()
            guard let text = lock.withLock({ queue.isEmpty ? nil : queue.removeFirst() }) else { continue }
            let status = session.execute(text)
            let result = CommandResult(status: status, names: session.workspaceNames,
                                       currentNet: session.currentNetName, currentData: session.currentDataName)
            lock.withLock { busy = !queue.isEmpty }
            mailbox.post(.finished(result))
        }
    }
}
