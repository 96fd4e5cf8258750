// Input history: Up/Down through earlier entries that start with what was typed (prefix
// search), Ctrl-R incremental reverse search, and the file shared with line mode:
// `$XDG_STATE_HOME/basin/history` in libedit's format (a `_HiStOrY_V2_` line, then one entry per
// line with spaces, tabs, newlines and backslashes as `\ooo` octal escapes, as strvis(VIS_WHITE)
// writes them), saved through a temporary file and a rename so a crash never leaves half a file.
import Foundation

public struct CommandHistory: Sendable, Equatable {
    public private(set) var entries: [String]
    /// At most this many entries are kept (the same cap as line mode).
    public static let limit = 2000

    public init(_ entries: [String] = []) { self.entries = Array(entries.suffix(Self.limit)) }

    /// Adds a non-blank entry unless it repeats the last one.
    public mutating func add(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entries.last != entry else { return }
        entries.append(entry)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// The latest entry before `index` that starts with `prefix` and differs from `current`.
    func previous(before index: Int, prefix: String, current: String) -> Int? {
        var i = min(index, entries.count) - 1
        while i >= 0 {
            if entries[i].hasPrefix(prefix) && entries[i] != current { return i }
            i -= 1
        }
        return nil
    }

    /// The earliest entry after `index` that starts with `prefix` and differs from `current`.
    func next(after index: Int, prefix: String, current: String) -> Int? {
        var i = index + 1
        while i < entries.count {
            if entries[i].hasPrefix(prefix) && entries[i] != current { return i }
            i += 1
        }
        return nil
    }

    /// The latest entry at or before `index` containing `query` (Ctrl-R).
    func search(_ query: String, atOrBefore index: Int) -> Int? {
        guard !query.isEmpty else { return nil }
        var i = min(index, entries.count - 1)
        while i >= 0 {
            if entries[i].contains(query) { return i }
            i -= 1
        }
        return nil
    }
}

/// Where Up/Down browsing stands: the entry shown, the prefix typed, the draft to return to.
struct HistoryBrowse: Sendable, Equatable {
    var index: Int
    var prefix: String
    var draft: String
}

/// A Ctrl-R search in progress.
struct ReverseSearch: Sendable, Equatable {
    var query = ""
    var match: Int?
    /// The input before the search began (Esc or Ctrl-G restores it).
    var draft: String
    var failed: Bool { !query.isEmpty && match == nil }
}

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

    /// Writes the entries atomically; false when the directory is not writable.
    @discardableResult
    public static func save(_ entries: [String], to path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp.\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(encode(entries).utf8)) else { return false }
        if rename(temporary, path) != 0 { unlink(temporary); return false }
        return true
    }

    /// `$XDG_STATE_HOME/basin` (default `~/.local/state/basin`).
    public static func stateDirectory(environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/state"
        return base + "/basin"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
