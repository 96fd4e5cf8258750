// Byte-level scanning for the CSV reader: lines (LF or CRLF, an optional UTF-8 BOM) and
// comma-separated fields within a line, as buffer slices, without copying.

/// One line of the file: its 1-based number and its bytes without the line end.
struct Line {
    let number: Int
    let bytes: UnsafeBufferPointer<UInt8>
}

/// The lines of a buffer, in order.
struct LineReader {
    let buffer: UnsafeBufferPointer<UInt8>
    private var position: Int
    private var number = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = buffer.count >= 3 && buffer.prefix(3).elementsEqual(bom) ? 3 : 0
    }

    /// True when nothing but whitespace and line ends remains.
    var isBlank: Bool {
        buffer[position...].allSatisfy { isSpace($0) || $0 == UInt8(ascii: "\n") }
    }

    mutating func next() -> Line? {
        guard position < buffer.count else { return nil }
        var end = position
        while end < buffer.count && buffer[end] != UInt8(ascii: "\n") { end += 1 }
        let next = end + 1
        if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        number += 1
        let line = Line(number: number, bytes: UnsafeBufferPointer(rebasing: buffer[position..<end]))
        position = next
        return line
    }
}

/// The comma-separated fields of one line (an empty line has one empty field).
struct FieldSplitter: Sequence, IteratorProtocol {
    let line: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var done = false

    init(_ line: UnsafeBufferPointer<UInt8>) { self.line = line }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        guard !done else { return nil }
        var end = position
        while end < line.count && line[end] != UInt8(ascii: ",") { end += 1 }
        let field = UnsafeBufferPointer(rebasing: line[position..<end])
        if end == line.count { done = true } else { position = end + 1 }
        return field
    }
}

/// Space, tab or carriage return.
@inline(__always)
func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}

/// `field` without leading and trailing spaces and tabs.
func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0, end = field.count
    while start < end && isSpace(field[start]) { start += 1 }
    while end > start && isSpace(field[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: field[start..<end])
}
