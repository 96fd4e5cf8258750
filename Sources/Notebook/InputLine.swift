// The text being typed at the bottom of the notebook: characters and a cursor, with the
// Emacs-style edits of a shell (Ctrl-A/E/K/U/W/Y, Alt-B/F) and multi-line text for `{ }`
// blocks (a newline is a character; Home/End and Ctrl-A/E act on the cursor's own line).
import Language

public struct InputLine: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    /// Index into `characters` (0…count).
    public private(set) var cursor = 0
    /// What Ctrl-K/U/W removed last, for Ctrl-Y.
    var killed = ""

    public init(_ text: String = "") { set(text) }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    /// The cursor as a UTF-8 offset (what the completer takes).
    public var utf8Cursor: Int { String(characters[..<cursor]).utf8.count }

    /// Replaces the whole text and puts the cursor at its end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func insert(_ text: String) {
        characters.insert(contentsOf: Array(text), at: cursor)
        cursor += text.count
    }

    /// Replaces the UTF-8 range `start..<end` (a completion) and puts the cursor after it.
    public mutating func replace(utf8 start: Int, _ end: Int, with text: String) {
        let from = index(ofUTF8: start), to = max(from, index(ofUTF8: end))
        characters.replaceSubrange(from..<to, with: Array(text))
        cursor = from + text.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        if cursor < characters.count { characters.remove(at: cursor) }
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = lineStart }
    public mutating func moveEnd() { cursor = lineEnd }

    public mutating func moveWordLeft() {
        while cursor > 0 && !characters[cursor - 1].isWordPart { cursor -= 1 }
        while cursor > 0 && characters[cursor - 1].isWordPart { cursor -= 1 }
    }

    public mutating func moveWordRight() {
        while cursor < characters.count && !characters[cursor].isWordPart { cursor += 1 }
        while cursor < characters.count && characters[cursor].isWordPart { cursor += 1 }
    }

    /// Ctrl-K: from the cursor to the end of its line.
    public mutating func killToEnd() { kill(cursor..<lineEnd) }
    /// Ctrl-U: from the start of the cursor's line to the cursor.
    public mutating func killToStart() { kill(lineStart..<cursor) }

    /// Ctrl-W: the word before the cursor (and the spaces after it).
    public mutating func killWordBack() {
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " && characters[start - 1] != "\n" { start -= 1 }
        kill(start..<cursor)
    }

    public mutating func yank() { insert(killed) }

    mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killed = String(characters[range])
        characters.removeSubrange(range)
        cursor = range.lowerBound
    }

    var lineStart: Int {
        var i = cursor
        while i > 0 && characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    var lineEnd: Int {
        var i = cursor
        while i < characters.count && characters[i] != "\n" { i += 1 }
        return i
    }

    /// The logical lines and the cursor's line and column within them.
    public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    public var cursorRow: Int { characters[..<cursor].filter { $0 == "\n" }.count }
    public var cursorColumn: Int { cursor - lineStart }

    func index(ofUTF8 offset: Int) -> Int {
        var bytes = 0
        for (i, c) in characters.enumerated() {
            if bytes >= offset { return i }
            bytes += c.utf8.count
        }
        return characters.count
    }

    /// Whether a `{` is still open (outside strings and comments): Enter then adds a line.
    public var hasOpenBlock: Bool { Script.braceBalance(of: String(characters)) > 0 }
}

extension Character {
    var isWordPart: Bool { isLetter || isNumber || self == "_" }
}
