// Lexer: UTF-8 bytes → tokens with spans.
//
// Words `[A-Za-z_][A-Za-z0-9_]*`; numbers `1 0.5 .5 1e-3 -2 10k 1M` (k = 10³, M = 10⁶);
// digit-led words such as `2d`; strings `"…"` with \" \\ \n \t escapes; `$name`; `x20` and
// `x$depth` repetitions; `= , ; { } ( ) ~ .`; `#` comments; newlines; and `> text` narrative
// lines (only where `>` is the first thing on its line). Errors are recorded and the offending
// text becomes one `.invalid` token, so the parser can skip its statement without a second
// message. Nothing here traps on any input: every index is checked and numbers that overflow
// a Double are reported, not converted.

import Diagnostics

public struct Lexer {
    let bytes: [UInt8]
    let file: String
    var offset = 0
    var line = 1
    var column = 1
    /// Only blanks seen so far on this line: a `>` here starts narrative text.
    var atLineStart = true
    public internal(set) var errors: [LanguageError] = []

    public init(_ source: SourceFile) {
        self.bytes = Array(source.text.utf8)
        self.file = source.name
    }

    /// All tokens of a source, ending with `.end`, and the lexical errors found.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], errors: [LanguageError]) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        repeat { tokens.append(lexer.next()) } while tokens.last?.kind != .end
        return (tokens, lexer.errors)
    }

    /// The next token; `.end` forever once the input is exhausted.
    public mutating func next() -> Token {
        skipBlanksAndComment()
        let start = mark()
        guard let byte = peek() else { return token(.end, from: start) }
        if byte == ascii("\n") {
            advance()
            let newline = token(.newline, from: start)
            (line, column, atLineStart) = (line + 1, 1, true)
            return newline
        }
        let wasLineStart = atLineStart
        atLineStart = false
        if byte == ascii(">"), wasLineStart { return narrative(from: start) }
        if let op = comparison(byte) { return token(.comparison(op), from: start) }
        if let op = arithmetic(byte) {
            advance()
            return token(.arithmetic(op), from: start)
        }
        if let kind = punctuation(byte) {
            advance()
            return token(kind, from: start)
        }
        return lexValueToken(byte, from: start)
    }

    private mutating func lexValueToken(_ byte: UInt8, from start: Mark) -> Token {
        if isDigit(byte) || (byte == ascii(".") && isDigit(peek(1))) { return number(from: start) }
        if byte == ascii("-"), isDigit(peek(1)) || (peek(1) == ascii(".") && isDigit(peek(2))) {
            return number(from: start)
        }
        if isWordStart(byte) { return word(from: start) }
        if byte == ascii("\"") { return string(from: start) }
        if byte == ascii("$") { return variable(from: start) }
        if byte == ascii(".") {
            advance()
            return token(.dot, from: start)
        }
        return unexpected(from: start)
    }

    // MARK: Token rules

    private mutating func word(from start: Mark) -> Token {
        while let byte = peek(), isWordPart(byte) { advance() }
        let text = slice(from: start)
        if text.first == "x", text.count > 1, text.dropFirst().allSatisfy(\.isASCIIDigit) {
            let digits = String(text.dropFirst())
            if let value = Double(digits), value.isFinite {
                return token(.repetition(.count(NumberLiteral(value, text: digits))), from: start)
            }
            return fail(.numberOutOfRange(digits), from: start)
        }
        if text == "x", peek() == ascii("$"), isWordStart(peek(1)) {
            advance()
            let nameStart = offset
            while let byte = peek(), isWordPart(byte) { advance() }
            let name = String(decoding: bytes[nameStart..<offset], as: UTF8.self)
            return token(.repetition(.variable(name)), from: start)
        }
        return token(.word(text), from: start)
    }

    private mutating func number(from start: Mark) -> Token {
        if peek() == ascii("-") { advance() }
        while let byte = peek() {
            if isWordPart(byte) || byte == ascii(".") {
                advance()
            } else if (byte == ascii("+") || byte == ascii("-")), endsWithExponentMarker(from: start) {
                advance()
            } else {
                break
            }
        }
        let text = slice(from: start)
        switch NumberScanner.classify(text) {
        case .number(let value) where value.isFinite:
            return token(.number(NumberLiteral(value, text: text)), from: start)
        case .number:
            return fail(.numberOutOfRange(text), from: start)
        case .word:
            return token(.word(text), from: start)
        case .malformed:
            return fail(.malformedNumber(text), from: start)
        }
    }

    /// Whether the scanned text so far looks like `digits[.digits]e`, so a sign may follow.
    private func endsWithExponentMarker(from start: Mark) -> Bool {
        guard offset > start.offset, bytes[offset - 1] == ascii("e") || bytes[offset - 1] == ascii("E") else {
            return false
        }
        let body = bytes[start.offset..<(offset - 1)].drop { $0 == ascii("-") }
        return !body.isEmpty && body.allSatisfy { isDigit($0) || $0 == ascii(".") }
    }

    private mutating func string(from start: Mark) -> Token {
        advance()
        var value: [UInt8] = []
        var badEscape: (String, Mark)?
        while let byte = peek(), byte != ascii("\n") {
            advance()
            if byte == ascii("\"") {
                if let (escape, at) = badEscape { return fail(.invalidEscape(escape), from: at, through: at.offset + 2) }
                return token(.string(String(decoding: value, as: UTF8.self)), from: start)
            }
            guard byte == ascii("\\") else { value.append(byte); continue }
            let escapeStart = Mark(offset: offset - 1, line: line, column: column - 1)
            guard let escaped = peek(), escaped != ascii("\n") else { break }
            advance()
            switch escaped {
            case ascii("n"): value.append(ascii("\n"))
            case ascii("t"): value.append(ascii("\t"))
            case ascii("\""), ascii("\\"): value.append(escaped)
            default: badEscape = badEscape ?? (String(decoding: [ascii("\\"), escaped], as: UTF8.self), escapeStart)
            }
        }
        return fail(.unterminatedString, from: start)
    }

    private mutating func variable(from start: Mark) -> Token {
        advance()
        guard isWordStart(peek()) else { return fail(.missingVariableName, from: start) }
        while let byte = peek(), isWordPart(byte) { advance() }
        return token(.variable(String(slice(from: start).dropFirst())), from: start)
    }

    private mutating func narrative(from start: Mark) -> Token {
        advance()
        if peek() == ascii(" ") { advance() }
        let textStart = offset
        while let byte = peek(), byte != ascii("\n") { advance() }
        var end = offset
        if end > textStart, bytes[end - 1] == ascii("\r") { end -= 1 }
        return token(.narrative(String(decoding: bytes[textStart..<end], as: UTF8.self)), from: start)
    }

    /// A run of characters that start no token: one error for the whole run.
    private mutating func unexpected(from start: Mark) -> Token {
        repeat { advanceScalar() } while peek().map(startsNoToken) ?? false
        let text = slice(from: start)
        if text == ">" { return fail(.misplacedNarrative, from: start) }
        return fail(.unexpectedCharacter(text), from: start)
    }

    private func startsNoToken(_ byte: UInt8) -> Bool {
        !(isWordStart(byte) || isDigit(byte) || isBlank(byte) || punctuation(byte) != nil
            || byte == ascii("\n") || byte == ascii("\"") || byte == ascii("$") || byte == ascii("#")
            || byte == ascii(".") || byte == ascii("-"))
    }
}
