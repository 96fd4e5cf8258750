// The journal: every command appended to disk before it runs, so a crash loses nothing. One
// file, plain `.basin` text with a timestamp comment per session start. Entries are synced at
// most every 100 ms (and when a script ends): a person's lines are seconds apart, so each is
// synced before it runs, while a 100,000-line script does not pay an fsync per line (24 s vs 7 s).
// A command that may run long (train, step, sweep, landscape, sharpness, run) is always synced
// before it starts (Session.run).
import Foundation

final class Journal {
    let path: String
    private var descriptor: Int32 = -1
    private var lastSync = ContinuousClock.now
    private var unsynced = false
    /// Why the journal cannot be written (nil when it can): said once, never stops a command.
    private(set) var problem: String?

    /// Syncs at most this often; entries in between are synced by the next append or `flush`.
    static let syncInterval = Duration.milliseconds(100)

    init(path: String) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 { problem = String(cString: strerror(errno)).lowercased() }
        append("# session started \(Date())")
        flush()
    }

    deinit {
        flush()
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends one entry (synced now unless the last sync was under `syncInterval` ago).
    func append(_ text: String) {
        guard descriptor >= 0 else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        let length = line.utf8.count
        let written = line.withCString { write(descriptor, $0, strlen($0)) }
        if written != length, problem == nil {
            problem = written < 0 ? String(cString: strerror(errno)).lowercased() : "a short write (is the disk full?)"
        }
        unsynced = true
        if ContinuousClock.now - lastSync >= Self.syncInterval { flush() }
    }

    /// Syncs what was appended since the last sync.
    func flush() {
        guard descriptor >= 0, unsynced else { return }
        fsync(descriptor)
        unsynced = false
        lastSync = ContinuousClock.now
    }
}
