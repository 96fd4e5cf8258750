// The session's host in the notebook. Callbacks arrive on the session thread; they are turned
// into `NotebookEvent`s in a lock-protected mailbox that the UI thread empties at its own frame
// rate (consecutive progress updates are merged, so a slow frame never queues a backlog).
// `ask` and `pause` block the session thread until the UI replies. The session thread itself
// (CommandWorker) runs submitted commands one at a time and reports how each ended, with the
// workspace names read on that thread, where the workspace lives.
import Foundation
import Interpreter

/// Events from the session thread, in order, for the UI thread.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [NotebookEvent] = []

    func post(_ event: NotebookEvent) {
        lock.withLock {
            if case .progress = event, let last = events.last, case .progress = last {
                events[events.count - 1] = event
            } else {
                events.append(event)
            }
        }
    }

    func take() -> [NotebookEvent] {
        lock.withLock {
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}

/// What the UI answers to a question or a pause.
enum HostReply: Sendable {
    case answer(String)
    case resume
    /// A command typed at a pause: run it, then pause again.
    case run(String)
    /// The notebook is closing: stop waiting.
    case quit
}

final class NotebookHost: SessionHost, @unchecked Sendable {
    let mailbox = Mailbox()
    private let lock = NSLock()
    private var replies: [HostReply] = []
    private let replied = DispatchSemaphore(value: 0)
    private var shownWidth = 80
    private var closing = false

    var width: Int {
        get { lock.withLock { shownWidth } }
        set { lock.withLock { shownWidth = max(10, newValue) } }
    }

    var wantsRunSnapshots: Bool { true }

    func emit(_ output: Output) { mailbox.post(.output(output)) }
    func partial(_ output: Output) { mailbox.post(.partial(output)) }
    func progress(_ update: LiveUpdate) { mailbox.post(.progress(DashboardModel(update))) }
    func finishedProgress(_ update: LiveUpdate) { mailbox.post(.progressFinished(DashboardModel(update))) }

    func ask(_ question: String) -> String? {
        mailbox.post(.ask(question))
        switch waitForReply() {
        case .answer(let text): return text
        default: return nil
        }
    }

    func pause(next: String?) -> PauseReply {
        mailbox.post(.pause(next: next))
        guard case .run(let text) = waitForReply() else { return .resume }
        return .run(text)
    }

    /// Called by the UI thread.
    func reply(_ r: HostReply) {
        lock.withLock {
            if case .quit = r { closing = true }
            replies.append(r)
        }
        replied.signal()
    }

    private func waitForReply() -> HostReply {
        if lock.withLock({ closing }) { return .quit }
        replied.wait()
        return lock.withLock { replies.isEmpty ? .quit : replies.removeFirst() }
    }
}

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
            let result = CommandResult(
                status: status, names: session.workspaceNames,
                currentNet: session.currentNetName, currentData: session.currentDataName,
                currentStep: session.currentNetStep)
            lock.withLock { busy = !queue.isEmpty }
            mailbox.post(.finished(result))
        }
    }
}
