// SourceSpan and SourceFile: where a piece of text came from.
//
// A span names its file, its first line and a column range on that line (1-based, counted in
// Unicode scalars so a caret lines up under non-ASCII text), and the UTF-8 byte offsets of its
// start and end in the whole file. A span may reach onto later lines (a `{ … }` block); the
// renderer then underlines the rest of its first line.

/// A range of source text: file, line, columns and byte offsets.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// The file's display name; empty for text typed at a prompt.
    public var file: String
    /// 1-based line of the first character.
    public var line: Int
    /// 1-based column of the first character, in Unicode scalars.
    public var column: Int
    /// 1-based line of the end of the span (equal to `line` for one-line spans).
    public var endLine: Int
    /// Column one past the last character on `endLine`, in Unicode scalars.
    public var endColumn: Int
    /// UTF-8 byte offset of the first character.
    public var startOffset: Int
    /// UTF-8 byte offset one past the last character.
    public var endOffset: Int

    public init(
        file: String = "", line: Int, column: Int, endLine: Int? = nil, endColumn: Int,
        startOffset: Int, endOffset: Int
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn
        self.startOffset = startOffset
        self.endOffset = endOffset
    }

    /// A zero-width span at the start of a file, for diagnostics that have no better place.
    public static func start(of file: String) -> SourceSpan {
        SourceSpan(file: file, line: 1, column: 1, endColumn: 1, startOffset: 0, endOffset: 0)
    }

    /// The smallest span covering both `self` and `other` (which must be in the same file).
    public func through(_ other: SourceSpan) -> SourceSpan {
        let (first, last) = startOffset <= other.startOffset ? (self, other) : (other, self)
        let end = endOffset >= other.endOffset ? self : other
        return SourceSpan(
            file: first.file, line: first.line, column: first.column,
            endLine: end.endLine, endColumn: end.endColumn,
            startOffset: first.startOffset, endOffset: max(end.endOffset, last.startOffset))
    }

    /// A zero-width span just after this one, for "expected X after Y" messages.
    public var afterEnd: SourceSpan {
        SourceSpan(
            file: file, line: endLine, column: endColumn, endColumn: endColumn,
            startOffset: endOffset, endOffset: endOffset)
    }

    /// Whether the span covers no text.
    public var isEmpty: Bool { endOffset <= startOffset }

    public var description: String {
        let place = "\(line):\(column)"
        return file.isEmpty ? place : "\(file):\(place)"
    }
}

/// The text of one source: a file, a line typed at the prompt, or a cell.
public struct SourceFile: Sendable {
    /// Display name used in spans and location lines; empty for text typed at a prompt.
    public let name: String
    /// The full text.
    public let text: String
    /// UTF-8 offsets at which each line starts.
    private let lineStarts: [Int]
    private let bytes: [UInt8]

    public init(name: String = "", text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// Number of lines (a trailing newline does not start a new, empty line for display).
    public var lineCount: Int { lineStarts.count }

    /// The text of a 1-based line without its newline (and without a trailing `\r`), or nil
    /// when the line does not exist.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text a span covers (clamped to the file).
    public func text(of span: SourceSpan) -> String {
        let start = min(max(0, span.startOffset), bytes.count)
        let end = min(max(start, span.endOffset), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
