// ValueType and Literal: what an argument accepts, and what a value is once known.

/// Which kind of workspace object a name refers to (used by completion).
public enum NameKind: String, Hashable, Sendable {
    case net, data, sweep, any
    /// `$name` variables (completion only).
    case variable

    /// "net", "dataset", "sweep", "variable"; nil for any.
    public var noun: String? {
        switch self {
        case .net: return "net"
        case .data: return "dataset"
        case .sweep: return "sweep"
        case .variable: return "variable"
        case .any: return nil
        }
    }
}

/// A value after `$variables` are resolved: a number, a quoted string or a bare word.
public enum Literal: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case word(String)

    /// How the value is shown after "got": `-3`, `"a.csv"`, `'pac'`.
    public var description: String {
        switch self {
        case .number(let value): return NumberLiteral.format(value)
        case .string(let text): return "\"\(text)\""
        case .word(let word): return "'\(word)'"
        }
    }
}

/// The type of a positional slot or a `key=value` argument.
public enum ValueType: Hashable, Sendable {
    case positiveInteger, nonNegativeInteger, integer
    case number, positiveNumber, nonNegativeNumber
    /// A number in [0, 1].
    case probability
    /// A quoted string.
    case string
    /// A bare word or a quoted string (file and column names).
    case text
    /// A workspace name: a word, or a member reference such as `s.best`.
    case name(NameKind)
    /// One of fixed words.
    case oneOf([String])
    /// The name of a command or layer (`help train`).
    case commandName
    /// A bare word that switches something on (`nesterov`, `log`, `plan`).
    case flag
    /// An expression, evaluated when the command runs (`answer=big.train.acc`).
    case expression
    /// A parenthesized list of words: `(big, l2, drop)`.
    case words
    /// Positive integers and ranges of them: `2`, `1..3` (layers of a net).
    case integerRange
    /// One of fixed words, or the name of something in the workspace (`data few = m …`: a
    /// generator, a file format, or a dataset to derive from).
    case choiceOrName([String], NameKind)

    /// How the type is described after "expects": "a positive integer".
    public var expectation: String {
        switch self {
        case .positiveInteger: return "a positive integer"
        case .nonNegativeInteger: return "an integer of 0 or more"
        case .integer: return "an integer"
        case .number: return "a number"
        case .positiveNumber: return "a positive number"
        case .nonNegativeNumber: return "a number of 0 or more"
        case .probability: return "a probability between 0 and 1"
        case .string: return "a quoted string"
        case .text: return "a word or a quoted string"
        case .name(let kind): return kind.noun.map { "the name of a \($0)" } ?? "a name"
        case .oneOf(let choices): return Self.list(choices)
        case .commandName: return "a command name"
        case .flag: return "no value (write the flag alone)"
        case .expression: return "a number or an expression (big.train.acc, most(gap))"
        case .words: return "a list of words in parentheses: (a, b, c)"
        case .integerRange: return "a number or a range: 2, 1..3"
        case .choiceOrName(let choices, let kind): return Self.list(choices) + " or the name of a " + (kind.noun ?? "value")
        }
    }

    /// The placeholder in usage lines: `N`, `X`, `P`, `a|b|c`, `NAME`.
    public var placeholder: String {
        switch self {
        case .positiveInteger, .nonNegativeInteger, .integer: return "N"
        case .number, .positiveNumber, .nonNegativeNumber: return "X"
        case .probability: return "P"
        case .string, .text: return "\"TEXT\""
        case .name: return "NAME"
        case .oneOf(let choices): return choices.joined(separator: "|")
        case .commandName: return "COMMAND"
        case .flag: return ""
        case .expression: return "EXPR"
        case .words: return "(A, B, …)"
        case .integerRange: return "N|A..B"
        case .choiceOrName: return "SOURCE"
        }
    }

    /// The fixed words this type accepts, if any (for completion and suggestions).
    public var choices: [String] {
        switch self {
        case .oneOf(let choices), .choiceOrName(let choices, _): return choices
        default: return []
        }
    }

    /// Whether `literal` is a valid value of this type.
    public func accepts(_ literal: Literal) -> Bool {
        switch (self, literal) {
        case (.positiveInteger, .number(let v)): return Self.isInteger(v) && v >= 1
        case (.nonNegativeInteger, .number(let v)): return Self.isInteger(v) && v >= 0
        case (.integer, .number(let v)): return Self.isInteger(v)
        case (.number, .number(let v)): return v.isFinite
        case (.positiveNumber, .number(let v)): return v.isFinite && v > 0
        case (.nonNegativeNumber, .number(let v)): return v.isFinite && v >= 0
        case (.probability, .number(let v)): return v >= 0 && v <= 1
        case (.string, .string), (.text, .string), (.text, .word), (.name, .word), (.commandName, .word):
            return true
        case (.oneOf(let choices), .word(let word)): return choices.contains(word)
        case (.integerRange, .number(let v)): return Self.isInteger(v) && v >= 1
        case (.integerRange, .word(let word)): return NumberScanner.isIntegerRange(word)
        case (.choiceOrName, .word): return true
        default: return false
        }
    }

    /// Whether a value of this shape clearly belongs to this type (a listed word, a number for
    /// a numeric type, a string for a string type) — used to skip optional slots.
    func clearlyAccepts(_ literal: Literal) -> Bool {
        switch (self, literal) {
        case (.oneOf, .word), (.integerRange, .word): return accepts(literal)
        case (.choiceOrName(let choices, _), .word(let word)): return choices.contains(word)
        case (.integerRange, .number): return true
        case (.string, .string), (.text, .string): return true
        case (_, .number): return isNumeric
        default: return false
        }
    }

    var isNumeric: Bool {
        switch self {
        case .positiveInteger, .nonNegativeInteger, .integer, .number, .positiveNumber,
            .nonNegativeNumber, .probability:
            return true
        default:
            return false
        }
    }

    private static func isInteger(_ value: Double) -> Bool {
        value.isFinite && value.rounded() == value && abs(value) <= 9_007_199_254_740_992
    }

    /// "a, b or c"
    public static func list(_ words: [String], conjunction: String = "or") -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
