// Tokens of the command language, each with its span and source text.

import Diagnostics

/// A number as written: its value, and its text for messages (`10k`, `1e-3`).
public struct NumberLiteral: Hashable, Sendable, CustomStringConvertible {
    public var value: Double
    public var text: String

    public init(_ value: Double, text: String? = nil) {
        self.value = value
        self.text = text ?? NumberLiteral.format(value)
    }

    /// The value as an `Int` when it is integral and exactly representable (|v| ≤ 2⁵³);
    /// never traps, whatever was typed.
    public var integerValue: Int? {
        guard value.isFinite, value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(exactly: value)
    }

    public var description: String { text }

    /// Shortest readable text for a computed value: `3` rather than `3.0`.
    public static func format(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// A repetition suffix: `x20` or `x$depth`.
public enum RepeatCount: Hashable, Sendable {
    case count(NumberLiteral)
    case variable(String)
}

/// What kind of token, with its decoded payload.
public enum TokenKind: Hashable, Sendable {
    /// An identifier (`train`, `relu`, `s`) or a digit-led word such as `2d`.
    case word(String)
    case number(NumberLiteral)
    /// A quoted string with escapes decoded.
    case string(String)
    /// `$name`, without the dollar sign.
    case variable(String)
    /// `x20` or `x$depth` directly after a layer or block.
    case repetition(RepeatCount)
    /// A tutorial line `> text`, without the marker and one following space.
    case narrative(String)
    /// `==`, `!=`, `<`, `<=`, `>`, `>=` (in an `if` test or an `expect`).
    case comparison(ComparisonOperator)
    /// `+`, `-`, `*`, `/` (in an `expect`); a `-` before a digit starts a number instead.
    case arithmetic(ArithmeticOperator)
    case equals, comma, semicolon, leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket, tilde, dot
    case newline
    case end
    /// Text the lexer already reported an error for; the parser skips its statement quietly.
    case invalid
}

/// One token: kind, span and the exact source text.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var span: SourceSpan
    public var text: String

    public init(_ kind: TokenKind, span: SourceSpan, text: String) {
        self.kind = kind
        self.span = span
        self.text = text
    }

    /// The identifier, when this is a word token.
    public var word: String? {
        if case .word(let word) = kind { return word }
        return nil
    }

    /// Whether this token ends a statement (newline, `;`, end of input).
    public var endsStatement: Bool {
        switch kind {
        case .newline, .semicolon, .end: return true
        default: return false
        }
    }

    /// How the token is named in "found …" messages.
    public var quoted: String {
        switch kind {
        case .newline: return "end of line"
        case .end: return "end of input"
        case .narrative: return "narrative text"
        default: return "'\(text)'"
        }
    }
}
