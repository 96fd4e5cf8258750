// Lexer helpers: byte classes, position bookkeeping and the number grammar.

import Diagnostics

@inline(__always) func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
@inline(__always) func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 48 && $0 <= 57 } ?? false }
@inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
@inline(__always) func isWordStart(_ byte: UInt8?) -> Bool {
    byte.map { isLetter($0) || $0 == ascii("_") } ?? false
}
@inline(__always) func isWordPart(_ byte: UInt8) -> Bool { isWordStart(byte) || isDigit(byte) }
@inline(__always) func isBlank(_ byte: UInt8) -> Bool {
    byte == ascii(" ") || byte == ascii("\t") || byte == ascii("\r")
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Lexer {
    /// A position in the input: byte offset, line and scalar column.
    struct Mark {
        var offset: Int
        var line: Int
        var column: Int
    }

    func mark() -> Mark { Mark(offset: offset, line: line, column: column) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    /// Consumes one byte; the column counts Unicode scalars, so continuation bytes don't move it.
    mutating func advance() {
        guard let byte = peek() else { return }
        offset += 1
        if byte & 0xC0 != 0x80 { column += 1 }
    }

    /// Consumes one whole UTF-8 scalar (or one stray byte of invalid UTF-8).
    mutating func advanceScalar() {
        advance()
        while let byte = peek(), byte & 0xC0 == 0x80 { advance() }
    }

    func slice(from start: Mark) -> String {
        String(decoding: bytes[start.offset..<offset], as: UTF8.self)
    }

    func span(from start: Mark) -> SourceSpan {
        SourceSpan(
            file: file, line: start.line, column: start.column, endColumn: column,
            startOffset: start.offset, endOffset: offset)
    }

    func token(_ kind: TokenKind, from start: Mark) -> Token {
        Token(kind, span: span(from: start), text: slice(from: start))
    }

    /// Records an error for the text from `start` and returns an `.invalid` token for it.
    mutating func fail(_ kind: LanguageError.Kind, from start: Mark) -> Token {
        let invalid = token(.invalid, from: start)
        errors.append(LanguageError(kind, at: invalid.span))
        return invalid
    }

    /// Records an error for the bytes `start..<end` (on one line) and returns an `.invalid`
    /// token for everything consumed since `start`.
    mutating func fail(_ kind: LanguageError.Kind, from start: Mark, through end: Int) -> Token {
        let width = String(decoding: bytes[start.offset..<min(end, bytes.count)], as: UTF8.self).unicodeScalars.count
        let errorSpan = SourceSpan(
            file: file, line: start.line, column: start.column,
            endColumn: start.column + width, startOffset: start.offset, endOffset: end)
        errors.append(LanguageError(kind, at: errorSpan))
        return token(.invalid, from: start)
    }

    mutating func skipBlanksAndComment() {
        while let byte = peek(), isBlank(byte) { advance() }
        if peek() == ascii("#") {
            while let byte = peek(), byte != ascii("\n") { advance() }
        }
    }

    /// `==`, `!=`, `<`, `<=`, `>`, `>=`, consumed; nil (nothing consumed) for anything else.
    mutating func comparison(_ byte: UInt8) -> ComparisonOperator? {
        let equalsNext = peek(1) == ascii("=")
        let op: ComparisonOperator
        switch byte {
        case ascii("=") where equalsNext: op = .equal
        case ascii("!") where equalsNext: op = .notEqual
        case ascii("<"): op = equalsNext ? .lessOrEqual : .less
        case ascii(">"): op = equalsNext ? .greaterOrEqual : .greater
        default: return nil
        }
        advance()
        if equalsNext { advance() }
        return op
    }

    /// `+`, `*`, `/`, and a `-` that does not start a number (`-3`, `-.5` are numbers).
    func arithmetic(_ byte: UInt8) -> ArithmeticOperator? {
        switch byte {
        case ascii("+"): return .plus
        case ascii("*"): return .times
        case ascii("/"): return .divide
        case ascii("-"):
            let startsNumber = isDigit(peek(1)) || (peek(1) == ascii(".") && isDigit(peek(2)))
            return startsNumber ? nil : .minus
        default: return nil
        }
    }

    func punctuation(_ byte: UInt8) -> TokenKind? {
        switch byte {
        case ascii("="): return .equals
        case ascii(","): return .comma
        case ascii(";"): return .semicolon
        case ascii("{"): return .leftBrace
        case ascii("}"): return .rightBrace
        case ascii("("): return .leftParen
        case ascii(")"): return .rightParen
        case ascii("["): return .leftBracket
        case ascii("]"): return .rightBracket
        case ascii("~"): return .tilde
        default: return nil
        }
    }
}

/// The number grammar: `-? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)? [kKM]?`.
enum NumberScanner {
    enum Outcome: Equatable {
        case number(Double)
        /// A digit-led word such as `2d` (only for unsigned text with no dot).
        case word
        case malformed
    }

    static func classify(_ text: String) -> Outcome {
        if isIntegerRange(text) { return .word }
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let integer = rest.prefix { $0.isASCIIDigit }
        rest = rest.dropFirst(integer.count)
        var fraction: Substring = ""
        let hasDot = rest.first == "."
        if hasDot {
            rest = rest.dropFirst()
            fraction = rest.prefix { $0.isASCIIDigit }
            rest = rest.dropFirst(fraction.count)
        }
        guard !(integer.isEmpty && fraction.isEmpty) else { return .malformed }
        var exponent = ""
        if rest.first == "e" || rest.first == "E" {
            guard let scanned = scanExponent(&rest) else { return .malformed }
            exponent = scanned
        }
        let multiplier: Double
        switch rest {
        case "": multiplier = 1
        case "k", "K": multiplier = 1e3
        case "M": multiplier = 1e6
        default:
            let wordShaped = exponent.isEmpty && !negative && !hasDot && (rest.first?.isLetter ?? false)
            return wordShaped ? .word : .malformed
        }
        let mantissa = (integer.isEmpty ? "0" : String(integer)) + (fraction.isEmpty ? "" : "." + fraction)
        guard let value = Double(mantissa + exponent) else { return .malformed }
        return .number((negative ? -value : value) * multiplier)
    }

    /// `digits..digits` (`1..4`: layers, classes) is a word that a command reads as a range.
    static func isIntegerRange(_ text: String) -> Bool {
        text.contains("..") && IntegerRange.bounds(text) != nil
    }

    /// Consumes `[eE][+-]?digits` from `rest`, returning it, or nil when no digits follow.
    private static func scanExponent(_ rest: inout Substring) -> String? {
        var scanned = rest.dropFirst()
        var sign = ""
        if let first = scanned.first, first == "+" || first == "-" {
            sign = String(first)
            scanned = scanned.dropFirst()
        }
        let digits = scanned.prefix { $0.isASCIIDigit }
        guard !digits.isEmpty else { return nil }
        rest = scanned.dropFirst(digits.count)
        return "e" + sign + digits
    }
}

/// Layer and class numbers as written: `N`, or `A..B` (digits only).
public enum IntegerRange {
    /// The two bounds (`3..1` gives (3, 1): the caller says it is empty), or nil for anything else.
    public static func bounds(_ text: String) -> (low: Int, high: Int)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let numbers: [Substring]
        switch parts.count {
        case 1: numbers = [parts[0], parts[0]]
        case 3 where parts[1].isEmpty: numbers = [parts[0], parts[2]]
        default: return nil
        }
        guard numbers.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy(\.isASCIIDigit) }),
            let low = Int(numbers[0]), let high = Int(numbers[1])
        else { return nil }
        return (low, high)
    }
}
