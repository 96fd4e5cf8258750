// The syntax tree. Every node carries the span of the text it came from.
//
// Commands stay generic here (verb, optional `NAME =`, operands, optional block); the
// registry binds them to their declaration (`CommandRegistry.bind`) to give an `Invocation`
// with named slots, arguments and flags. Net specs are typed (`Layer`, `LayerKind`) because
// their grammar is their own. Values may be `$variables`, resolved at run time: a sweep body
// runs again with new values each trial.

import Diagnostics

/// A parsed script, a cell or a typed line.
public struct Script: Hashable, Sendable {
    public var statements: [Statement]

    public init(statements: [Statement]) { self.statements = statements }
}

/// One statement: a command, a net, a `let`, or tutorial narrative.
public struct Statement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case command(Command)
        case network(NetworkDefinition)
        case variable(LetStatement)
        /// `> text` in a tutorial.
        case narrative(String)
        /// `if TEST { … } [else { … }]`.
        case conditional(IfStatement)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A name as written, with its span.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var span: SourceSpan

    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }

    public var description: String { name }
}

/// A value as written: literal, word, member reference or `$variable`.
public struct Value: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case number(NumberLiteral)
        case string(String)
        /// A bare word: a name (`a`), a choice (`sgd`), a flag (`nesterov`).
        case word(String)
        /// A member reference `s.best`: `["s", "best"]`.
        case member([String])
        /// `$name`, resolved at run time.
        case variable(String)
        /// An expression, where the argument takes one (`ask … answer=big.train.acc`).
        case expression(Expression)
        /// A parenthesized list of words (`ask … choices=(big, l2, drop)`).
        case list([Value])
    }

    public var kind: Kind
    public var span: SourceSpan
    /// The source text, for messages ("got -3").
    public var text: String

    public init(_ kind: Kind, span: SourceSpan, text: String) {
        self.kind = kind
        self.span = span
        self.text = text
    }

    /// The value as a literal, or nil for a `$variable` (members become dotted words).
    public var literal: Literal? {
        switch kind {
        case .number(let number): return .number(number.value)
        case .string(let text): return .string(text)
        case .word(let word): return .word(word)
        case .member(let parts): return .word(parts.joined(separator: "."))
        case .variable, .expression, .list: return nil
        }
    }

    /// How the value is quoted after "got": `-3`, `"a.csv"`, `'pac'`, `$w`.
    public var shown: String {
        switch kind {
        case .word, .member: return "'\(text)'"
        default: return text
        }
    }

    /// The bare word, when the value is one.
    public var word: String? {
        if case .word(let word) = kind { return word }
        return nil
    }
}

/// `key=value`.
public struct Argument: Hashable, Sendable {
    public var key: Identifier
    public var value: Value
    public var span: SourceSpan { key.span.through(value.span) }

    public init(key: Identifier, value: Value) {
        self.key = key
        self.value = value
    }
}

/// One thing after a verb or layer name: a positional value or a `key=value` argument.
public enum Operand: Hashable, Sendable {
    case positional(Value)
    case argument(Argument)

    public var span: SourceSpan {
        switch self {
        case .positional(let value): return value.span
        case .argument(let argument): return argument.span
        }
    }
}

/// `VERB [NAME =] operand… [{ … }]`, e.g. `train a on d epochs=50` or `data d = spiral n=600`.
public struct Command: Hashable, Sendable {
    public var verb: Identifier
    /// The name bound by `data NAME = …`.
    public var binding: Identifier?
    public var operands: [Operand]
    public var block: Block?
    public var span: SourceSpan
    /// The operands matched to the command's declaration, once the parser has checked them
    /// (nil for a command built by hand, or one with errors).
    public var bound: Binding?
    /// The expression of a command whose form is `.expectation` (`expect EXPR`).
    public var expression: Expression?

    public init(
        verb: Identifier, binding: Identifier? = nil, operands: [Operand], block: Block? = nil,
        span: SourceSpan
    ) {
        self.verb = verb
        self.binding = binding
        self.operands = operands
        self.block = block
        self.span = span
    }
}

/// `{ statements }`, e.g. a sweep body.
public struct Block: Hashable, Sendable {
    public var statements: [Statement]
    public var span: SourceSpan

    public init(statements: [Statement], span: SourceSpan) {
        self.statements = statements
        self.span = span
    }
}

/// The search-space distributions of a sweep body.
public enum DistributionKind: String, Hashable, Sendable, CaseIterable {
    /// `log(a, b)`: log-uniform on [a, b].
    case log
    /// `uniform(a, b)`.
    case uniform
    /// `int(a, b)`: integers a…b inclusive.
    case int
    /// `choice(v1, v2, …)`.
    case choice
}

/// `log(1e-4, 1e-1)`, `choice(16, 32, 64)`, `int(16, 128) per depth`.
public struct Distribution: Hashable, Sendable {
    public var kind: DistributionKind
    public var arguments: [Value]
    /// `per DEPTH`: one value per layer, `NAME1 … NAMEk`, the k-th sampled only when DEPTH ≥ k.
    public var perLayer: Identifier?
    public var span: SourceSpan

    public init(kind: DistributionKind, arguments: [Value], perLayer: Identifier? = nil, span: SourceSpan) {
        self.kind = kind
        self.arguments = arguments
        self.perLayer = perLayer
        self.span = span
    }
}

/// `let NAME = value` or `let NAME ~ distribution`.
public struct LetStatement: Hashable, Sendable {
    public enum Binding: Hashable, Sendable {
        case value(Value)
        case distribution(Distribution)
    }

    public var name: Identifier
    public var binding: Binding
    public var span: SourceSpan

    public init(name: Identifier, binding: Binding, span: SourceSpan) {
        self.name = name
        self.binding = binding
        self.span = span
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
/// `+`, `-`, `*`, `/` in an `expect`'s expression.
public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
    case plus = "+", minus = "-", times = "*", divide = "/"

    /// Binding strength: `*` and `/` before `+` and `-`.
    public var precedence: Int { self == .times || self == .divide ? 2 : 1 }
}

/// An `expect`'s expression: numbers, `$variables`, values of nets, sweeps and datasets by path
/// (`big.val.acc`, `s.best.width`, `d.train`), function calls (`se(x)`, `abs(x)`), arithmetic,
/// comparisons and `and`/`or`. Names are looked up when it runs.
public struct Expression: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case number(Double)
        case variable(String)
        /// A name and its fields: `big.val.acc` is `[big, val, acc]`.
        case path([Identifier])
        case call(Identifier, [Expression])
        case negate(Expression)
        case arithmetic(ArithmeticOperator, Expression, Expression)
        case comparison(ComparisonOperator, Expression, Expression)
        case logical(IfTest.Joiner, Expression, Expression)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// The operator that holds exactly when this one does not (for an `else` branch).
    public var negated: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }

    /// Whether it orders (numbers only) rather than tests equality.
    public var orders: Bool { self != .equal && self != .notEqual }
}

/// The test of an `if`: clauses joined by `and` or by `or` (not both: nest ifs for that).
public struct IfTest: Hashable, Sendable {
    public enum Joiner: String, Hashable, Sendable { case and, or }

    public var clauses: [IfClause]
    public var joiner: Joiner
    public var span: SourceSpan

    public init(clauses: [IfClause], joiner: Joiner = .and, span: SourceSpan) {
        self.clauses = clauses
        self.joiner = joiner
        self.span = span
    }
}

/// One comparison of an `if` test: `$x OP value` or `$x in (v1, v2, …)`.
public struct IfClause: Hashable, Sendable {
    public enum Relation: Hashable, Sendable {
        case compare(ComparisonOperator, Value)
        case isOneOf([Value])
    }

    public var subject: Value
    public var relation: Relation
    public var span: SourceSpan

    public init(subject: Value, relation: Relation, span: SourceSpan) {
        self.subject = subject
        self.relation = relation
        self.span = span
    }
}

/// `if TEST { … } [else { … } | else if …]`; an `else if` is an `otherwise` block holding one
/// nested `if`.
public struct IfStatement: Hashable, Sendable {
    public var test: IfTest
    public var then: Block
    public var otherwise: Block?

    public init(test: IfTest, then: Block, otherwise: Block?) {
        self.test = test
        self.then = then
        self.otherwise = otherwise
    }
}
