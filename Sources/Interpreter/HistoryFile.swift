// The input history file shared by the notebook and line mode: `$XDG_STATE_HOME/basin/history`
// in libedit's format (a `_HiStOrY_V2_` line, then one entry per line with spaces, tabs, newlines
// and backslashes as `\ooo` octal escapes, as strvis(VIS_WHITE) writes them).
// Each new entry is merged into the file as it is now — under a lock, then written through a
// temporary file and a rename — so two sessions at once keep both their entries and a crash
// never leaves half a file.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

public enum HistoryFile {
    static let header = "_HiStOrY_V2_"

    /// The entries in a history file's text (an unknown format gives plain lines).
    public static func decode(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == header else { return lines }
        lines.removeFirst()
        return lines.map(unescaped)
    }

    public static func encode(_ entries: [String]) -> String {
        ([header] + entries.map(escaped)).joined(separator: "\n") + "\n"
    }

    static func escaped(_ entry: String) -> String {
        var out: [UInt8] = []
        for byte in entry.utf8 {
            if byte == UInt8(ascii: "\\") || byte < 0x21 || byte == 0x7F {
                out += Array(("\\" + String(byte, radix: 8).leftPadded(to: 3)).utf8)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Undoes strvis: `\ooo`, `\\`, `\M-x` (x + 128), `\M^x` and `\^x` (controls).
    static func unescaped(_ line: String) -> String {
        let b = Array(line.utf8)
        var out: [UInt8] = [], i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "\\"), i + 1 < b.count else { out.append(b[i]); i += 1; continue }
            let (bytes, used) = escape(b, at: i + 1)
            out += bytes
            i += 1 + used
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of the escape after a backslash at `i`, and how many bytes it used.
    static func escape(_ b: [UInt8], at i: Int) -> ([UInt8], Int) {
        let octal = b[i...].prefix(3).prefix { $0 >= 0x30 && $0 <= 0x37 }
        if octal.count == 3 { return ([octal.reduce(0) { $0 &* 8 &+ ($1 - 0x30) }], 3) }
        if b[i] == UInt8(ascii: "M"), i + 2 < b.count {
            if b[i + 1] == UInt8(ascii: "-") { return ([b[i + 2] | 0x80], 3) }
            if b[i + 1] == UInt8(ascii: "^") { return ([control(b[i + 2]) | 0x80], 3) }
        }
        if b[i] == UInt8(ascii: "^"), i + 1 < b.count { return ([control(b[i + 1])], 2) }
        switch b[i] {
        case UInt8(ascii: "n"): return ([10], 1)
        case UInt8(ascii: "t"): return ([9], 1)
        case UInt8(ascii: "s"): return ([32], 1)
        default: return ([b[i]], 1)
        }
    }

    static func control(_ c: UInt8) -> UInt8 { c == UInt8(ascii: "?") ? 0x7F : c & 0x1F }

    /// The entries of the file at `path` (none when it is missing or unreadable).
    public static func load(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return decode(String(decoding: data, as: UTF8.self))
    }

    /// Adds `entry` to the file as it is now (another session may have written since we read
    /// it), keeping the newest `limit`; false when the file cannot be written.
    @discardableResult
    public static func append(_ entry: String, to path: String, limit: Int = 2000) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        if lock >= 0 { _ = flock(lock, LOCK_EX) }
        defer { if lock >= 0 { _ = flock(lock, LOCK_UN); close(lock) } }
        var entries = load(path)
        if entries.last != entry { entries.append(entry) }
        return save(Array(entries.suffix(limit)), to: path)
    }

    /// Writes the entries atomically; false when the directory is not writable.
    @discardableResult
    public static func save(_ entries: [String], to path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = (path as NSString).lastPathComponent
        Temporaries.removeStale(in: directory, prefix: ".\(name).tmp-")
        let temporary = directory + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(encode(entries).utf8)) else { return false }
        // Synced before the rename: a crash leaves the old history or the new one.
        let fd = open(temporary, O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        if rename(temporary, path) != 0 { unlink(temporary); return false }
        return true
    }

}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
