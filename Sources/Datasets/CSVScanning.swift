// Byte-level scanning for the CSV reader: lines (LF or CRLF, an optional UTF-8 BOM),
// comma-separated fields within a line (buffer slices, no copies), and plain decimal numbers.

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

// MARK: - Numbers

// Decimal numbers from bytes. The syntax is checked here, byte by byte, so that exactly plain
// decimals are accepted — [+-] digits [. digits] [e|E [+-] digits] — and NaN, inf, hex floats,
// quotes and stray characters are each told apart for the error message. The checked text is
// then converted by the standard library (correctly rounded, so "%.9g" output round-trips to the
// same Float bits); numbers up to 15 bytes fit a small string, so no allocation per field.

enum NumberParsing {
    /// A field's value, or the CSV problem it has.
    static func float(_ field: UnsafeBufferPointer<UInt8>) -> Result<Float, CSVProblem> {
        guard !field.isEmpty else { return .failure(.emptyField) }
        if let problem = syntaxProblem(field) { return .failure(problem) }
        let text = String(decoding: field, as: UTF8.self)
        guard let value = Float(text) else { return .failure(.notANumber(text)) }
        guard value.isFinite else { return .failure(.outOfRange(text)) }
        return .success(value)
    }

    /// nil when `field` is a plain decimal number; otherwise why it is not.
    static func syntaxProblem(_ field: UnsafeBufferPointer<UInt8>) -> CSVProblem? {
        var i = 0
        let n = field.count
        if field[0] == UInt8(ascii: "\"") || field[0] == UInt8(ascii: "'") { return .quotedField(text(field)) }
        if field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { i += 1 }
        if i + 1 < n, field[i] == UInt8(ascii: "0"), field[i + 1] | 0x20 == UInt8(ascii: "x") {
            return .hexFloat(text(field))
        }
        if isNonFiniteWord(field, from: i) { return .nonFinite(text(field)) }
        let integerDigits = digits(field, &i)
        var fractionDigits = 0
        if i < n, field[i] == UInt8(ascii: ".") { i += 1; fractionDigits = digits(field, &i) }
        guard integerDigits + fractionDigits > 0 else { return .notANumber(text(field)) }
        if i < n, field[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(field, &i) > 0 else { return .notANumber(text(field)) }
        }
        return i == n ? nil : .notANumber(text(field))
    }

    /// Skips ASCII digits from `i`; returns how many.
    private static func digits(_ field: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int {
        let start = i
        while i < field.count, field[i] >= UInt8(ascii: "0"), field[i] <= UInt8(ascii: "9") { i += 1 }
        return i - start
    }

    /// "nan", "inf" or "infinity" in any case, after an optional sign.
    private static func isNonFiniteWord(_ field: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let rest = UnsafeBufferPointer(rebasing: field[start...])
        func spells(_ word: StaticString) -> Bool {
            guard rest.count == word.utf8CodeUnitCount else { return false }
            for k in 0..<rest.count where rest[k] | 0x20 != word.utf8Start[k] { return false }
            return true
        }
        return spells("nan") || spells("inf") || spells("infinity")
    }

    static func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: field, as: UTF8.self)
    }
}
