// LanguageError: the data of every lexical, syntax and validation error (and of the few
// run-time resolution errors the interpreter raises through this module). The wording lives
// in LanguageError+Wording.swift.

import Diagnostics

/// What the parser was looking for when it found something else.
public enum Expectation: Hashable, Sendable {
    case command
    /// A name for what is being defined ("net", "variable", "dataset").
    case name(for: String)
    /// `=` after the name being defined (`net a`).
    case equals(after: String)
    /// `=` or `~` after `let NAME`.
    case equalsOrTilde(after: String)
    /// A value after `key=` or `(`.
    case value(after: String)
    case layer
    case distribution
    case closingBrace
    case closingParen
    case closingBracket
    case openingParen(after: String)
    case openingBrace(after: String)
    case endOfStatement
    /// `==`, `!=`, `<`, `<=`, `>`, `>=` or `in (…)` after an `if`'s subject.
    case comparison(after: String)
    /// `{` or `if` after `else`.
    case elseBody
}

/// Who expected a value of some type: a `key=` argument or a command's positional word.
public enum Subject: Hashable, Sendable {
    case argument(String)
    case positional(of: String)
}

/// An error in the command language: its data and span.
public struct LanguageError: Error, Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        // Lexical
        case unterminatedString
        case invalidEscape(String)
        case malformedNumber(String)
        case numberOutOfRange(String)
        case unexpectedCharacter(String)
        case missingVariableName
        case misplacedNarrative
        // Syntax
        case expected(Expectation, found: String)
        case unclosedBlock(opening: SourceSpan)
        case unmatchedClosingBrace
        case repetitionOutsideNetwork(String)
        case distributionOutsideSweep(String)
        case nestingTooDeep(limit: Int)
        case elseWithoutIf
        case mixedJoiners
        // Validation against the registry
        case unknownCommand(String, suggestion: String?)
        case unknownArgument(String, command: String, suggestion: String?, usage: String)
        case unknownLayer(String, suggestion: String?)
        case softmaxLayer
        case unknownDistribution(String, suggestion: String?)
        case unknownFunction(String, suggestion: String?)
        case functionArity(String, expected: ClosedRange<Int>, got: Int)
        case distributionArity(DistributionKind, got: Int)
        case typeMismatch(Subject, expected: ValueType, got: String, suggestion: String?)
        case missingPositional(Slot, command: String, usage: String)
        case missingArgument(String, command: String, usage: String)
        case duplicateArgument(String, first: SourceSpan)
        case extraOperand(String, command: String, usage: String)
        case unexpectedBlock(command: String)
        case missingBlock(command: String)
        // Run time (raised while resolving values)
        case undefinedVariable(String, suggestion: String?)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, at span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// Several errors at once (a whole file, or one command with two bad arguments).
public struct LanguageErrors: Error, Hashable, Sendable {
    public var errors: [LanguageError]

    public init(_ errors: [LanguageError]) { self.errors = errors }

    public var diagnostics: [Diagnostic] { errors.map(\.diagnostic) }
}
