// Input history: Up/Down through earlier entries that start with what was typed (prefix
// search) and Ctrl-R incremental reverse search. The file, shared with line mode, is
// Interpreter's HistoryFile.
import Foundation
import Interpreter

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
