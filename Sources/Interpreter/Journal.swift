// The journal: every command appended to disk before it runs, so a crash loses nothing. One file
// per session in the journal directory ($XDG_STATE_HOME/basin/sessions), named by its start time,
// process id and a count (20261205-004737-15202-01.basin), plain `.basin` text: a header comment, the statements, and "# session ended"
// when the session ends normally — a journal without it belongs to a session that crashed or was
// killed, and `resume` rebuilds its workspace. The newest `keep` journals are kept.
//
// Entries are synced at most every 100 ms (and when a script ends): a person's lines are seconds
// apart, so each is synced before it runs, while a 100,000-line script does not pay an fsync per
// line (24 s vs 7 s). A command that may run long is always synced before it starts (Session.run).
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
    /// Journals kept in the directory (the oldest beyond these are removed at a session's start).
    static let keep = 20
    /// The last line of a session that ended normally.
    static let endMarker = "# session ended"

    /// A new journal in `directory` for this process's session.
    convenience init(directory: String) {
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        Journal.rotate(directory, keeping: Self.keep - 1)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        // Start time, process, and a count for sessions started in the same second by one process.
        let stem = "\(formatter.string(from: Date()))-\(getpid())"
        var n = 1
        while n < 99, FileManager.default.fileExists(atPath: directory + "/\(stem)-\(String(format: "%02d", n)).basin") { n += 1 }
        self.init(path: directory + "/\(stem)-\(String(format: "%02d", n)).basin")
    }

    init(path: String) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if descriptor < 0 { problem = String(cString: strerror(errno)).lowercased() }
        append("# Basin session journal, started \(Date()), process \(getpid())")
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

    /// The session ended normally: nothing to resume from this journal.
    func end() {
        append(Self.endMarker)
        flush()
    }

    // MARK: the directory

    /// The journals in `directory`, oldest first (names start with their start time).
    static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".basin") && $0.first?.isNumber == true }.sorted().map { directory + "/" + $0 }
    }

    /// Removes the oldest journals so that at most `count` remain.
    static func rotate(_ directory: String, keeping count: Int) {
        let all = files(in: directory)
        for path in all.dropLast(max(0, count)) { unlink(path) }
    }

    /// A journal a crashed or killed session left: its path, its commands' text, and when it started.
    struct Unfinished {
        let path: String
        let text: String
        let commands: Int
        let started: String
    }

    /// "2026-12-05 00:45:27" from a journal's name "20261205-004527-PID-NN".
    static func started(_ name: String) -> String {
        let parts = name.split(separator: "-").map(Array.init)
        guard parts.count >= 2, parts[0].count == 8, parts[1].count == 6 else { return name }
        let d = parts[0], t = parts[1]
        return
            "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8])) \(String(t[0..<2])):\(String(t[2..<4])):\(String(t[4..<6]))"
    }

    /// The newest journal in `directory` that did not end normally, has commands, and whose
    /// process is gone (another running basin's journal is not taken); `except` is this session's.
    static func lastUnfinished(in directory: String, except: String? = nil) -> Unfinished? {
        for path in files(in: directory).reversed() where path != except {
            guard let data = FileManager.default.contents(atPath: path), data.count <= 64 << 20 else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            if lines.last.map(String.init) == endMarker { continue }
            // Only what `resume` would run again counts: a journal of looking and help has nothing to rebuild.
            let commands = lines.filter { line in
                guard !line.hasPrefix("#"), let word = line.split(separator: " ").first else { return false }
                return Commands.isReplayable(String(word)) && word != "}"
            }.count
            guard commands > 0 else { continue }
            let name = (path as NSString).lastPathComponent.dropLast(".basin".count)
            let parts = name.split(separator: "-")
            if parts.count >= 3, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) == 0 { continue }
            return Unfinished(path: path, text: text, commands: commands, started: started(String(name)))
        }
        return nil
    }
}
