// The journal: every command appended and synced to disk before it runs, so a crash loses
// nothing. One file, plain `.basin` text with a timestamp comment per session start.
import Foundation

final class Journal {
    let path: String
    private var descriptor: Int32 = -1

    init(path: String) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        append("# session started \(Date())")
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends one entry and syncs it; failures to journal never stop a command.
    func append(_ text: String) {
        guard descriptor >= 0 else { return }
        let line = text.hasSuffix("\n") ? text : text + "\n"
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
        fsync(descriptor)
    }
}
