// The lexer: token kinds, number forms, spans, and errors that never trap.

import Diagnostics
import Language
import Testing

/// Token kinds of a line, without the final `.end`.
func kinds(_ text: String) -> [TokenKind] {
    Array(Lexer.tokenize(SourceFile(text: text)).tokens.map(\.kind).dropLast())
}

func number(_ value: Double, _ text: String) -> TokenKind { .number(NumberLiteral(value, text: text)) }

struct LexCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let expected: [TokenKind]
    var testDescription: String { name }
}

let lexCases: [LexCase] = [
    LexCase(name: "integer", input: "1", expected: [number(1, "1")]),
    LexCase(name: "decimal", input: "0.5", expected: [number(0.5, "0.5")]),
    LexCase(name: "leading dot", input: ".5", expected: [number(0.5, ".5")]),
    LexCase(name: "exponent", input: "1e-3", expected: [number(1e-3, "1e-3")]),
    LexCase(name: "negative", input: "-2", expected: [number(-2, "-2")]),
    LexCase(name: "thousands suffix", input: "10k", expected: [number(10_000, "10k")]),
    LexCase(name: "millions suffix", input: "1.5M", expected: [number(1_500_000, "1.5M")]),
    LexCase(name: "digit-led word", input: "2d", expected: [.word("2d")]),
    LexCase(name: "string with escapes", input: #""a\"b\\c\n""#, expected: [.string("a\"b\\c\n")]),
    LexCase(name: "variable", input: "$width", expected: [.variable("width")]),
    LexCase(name: "repetition count", input: "x20", expected: [.repetition(.count(NumberLiteral(20, text: "20")))]),
    LexCase(name: "repetition variable", input: "x$depth", expected: [.repetition(.variable("depth"))]),
    LexCase(name: "an x-word is not a repetition", input: "x2d xs", expected: [.word("x2d"), .word("xs")]),
    LexCase(name: "member reference", input: "s.best", expected: [.word("s"), .dot, .word("best")]),
    LexCase(name: "argument", input: "lr=1e-3", expected: [.word("lr"), .equals, number(1e-3, "1e-3")]),
    LexCase(
        name: "punctuation", input: "{ ( ) } , ; ~",
        expected: [.leftBrace, .leftParen, .rightParen, .rightBrace, .comma, .semicolon, .tilde]),
    LexCase(name: "comment to end of line", input: "pause # wait\nquit", expected: [.word("pause"), .newline, .word("quit")]),
    LexCase(name: "narrative at line start", input: "  > Hello # not a comment", expected: [.narrative("Hello # not a comment")]),
    LexCase(name: "carriage returns are blanks", input: "pause\r\nquit\r", expected: [.word("pause"), .newline, .word("quit")]),
    LexCase(
        name: "unterminated string is one invalid token", input: "\"abc\nquit", expected: [.invalid, .newline, .word("quit")]),
    LexCase(name: "malformed number", input: "1.2.3", expected: [.invalid]),
    LexCase(name: "exponent without digits", input: "1e", expected: [.invalid]),
    LexCase(name: "overflowing number", input: "1e400", expected: [.invalid]),
    LexCase(
        name: "huge integer is a finite number", input: "99999999999999999999999",
        expected: [number(1e23, "99999999999999999999999")]),
    LexCase(name: "hex is not a number", input: "0x10", expected: [.word("0x10")]),
    LexCase(name: "a dollar without a name", input: "$ 3", expected: [.invalid, number(3, "3")]),
    LexCase(name: "a lone minus is subtraction", input: "- 3", expected: [.arithmetic(.minus), number(3, "3")]),
    LexCase(
        name: "arithmetic", input: "a+b*c/2",
        expected: [
            .word("a"), .arithmetic(.plus), .word("b"), .arithmetic(.times), .word("c"), .arithmetic(.divide), number(2, "2"),
        ]),
]

@Suite("Lexer")
struct LexerTests {
    @Test("token kinds", arguments: lexCases)
    func tokenKinds(_ testCase: LexCase) {
        #expect(kinds(testCase.input) == testCase.expected)
    }

    @Test("spans count lines, scalar columns and byte offsets")
    func spans() {
        let tokens = Lexer.tokenize(SourceFile(name: "f", text: "pause\n é x=3")).tokens
        let x = tokens[3]
        #expect(x.text == "x")
        #expect(x.span == SourceSpan(file: "f", line: 2, column: 4, endColumn: 5, startOffset: 10, endOffset: 11))
    }

    @Test("integer values never trap")
    func integerValues() {
        #expect(NumberLiteral(1e300).integerValue == nil)
        #expect(NumberLiteral(-.infinity).integerValue == nil)
        #expect(NumberLiteral(.nan).integerValue == nil)
        #expect(NumberLiteral(2.5).integerValue == nil)
        #expect(NumberLiteral(10_000).integerValue == 10_000)
    }

    @Test("invalid UTF-8 and control bytes are reported, not trapped on")
    func hostileBytes() {
        let text = String(decoding: [0xFF, 0xFE, 0x00, 0x41, 0x07], as: UTF8.self)
        let (tokens, errors) = Lexer.tokenize(SourceFile(text: text))
        #expect(tokens.last?.kind == .end)
        #expect(!errors.isEmpty)
    }
}
