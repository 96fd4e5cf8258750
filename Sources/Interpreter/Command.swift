// A command is one type: its stored properties are its operands, each declared once (with its
// type, default, range and help) in the type's `declaration`. That declaration builds the
// `CommandSpec` that the parser, `help`, completion, "did you mean" and docs/language.md read,
// and it writes the bound, `$variable`-resolved values into a fresh value of the type, which
// the command's `run` receives. Adding a command: one file with its type, one line in
// `Commands.all` (Commands.swift).
import Diagnostics
import Language

/// A command of the language that the session can run.
protocol RunnableCommand {
    /// A value with every operand at its default (the declaration shows these in `help`).
    init()
    /// The command's name, category, help, and its operands bound to its stored properties.
    static var declaration: Declaration<Self> { get }
    /// Runs the command with its operands in `self`; `c` says where each came from.
    func run(_ s: Session, _ c: Context<Self>) throws(RuntimeError) -> ExecutionStatus
    // What the session needs of any command (the declaration's, by default).
    static var spec: CommandSpec { get }
    static var isReplayable: Bool { get }
    static var runsLong: Bool { get }
}

extension RunnableCommand {
    static var spec: CommandSpec { declaration.spec }
    static var isReplayable: Bool { declaration.isReplayable }
    static var runsLong: Bool { declaration.runsLong }
}

/// The statement a command came from: where each operand was written, the whole command's span,
/// its block and the statement after it.
struct Context<C: RunnableCommand> {
    /// Where each operand that was written appears.
    let spans: [PartialKeyPath<C>: SourceSpan]
    /// The bound command (its block, the name bound by `data NAME =`).
    let syntax: Language.Command
    let source: SourceFile
    /// The statement after this one (a tutorial `pause` offers it).
    let next: String?

    var span: SourceSpan { syntax.span }
    /// Where an operand was written, or the whole command when it was not.
    func span(_ key: PartialKeyPath<C>) -> SourceSpan { spans[key] ?? syntax.span }
    /// Whether an operand was written (a default and a written value can be equal).
    func given(_ key: PartialKeyPath<C>) -> Bool { spans[key] != nil }
    /// The name bound by `data NAME = …`.
    var boundName: String? { syntax.binding?.name }
    /// The source text of the operand as written.
    func text(_ key: PartialKeyPath<C>) -> String? { spans[key].map { source.text(of: $0) } }
}

/// A value an operand can hold: how it reads from the language and how its default is shown.
protocol OperandValue {
    init?(operand: Literal)
    var literal: Literal { get }
}

/// A fixed set of words (`sgd`, `adam`, …); the choices come from the type's cases.
protocol OperandChoice: OperandValue, CaseIterable, RawRepresentable where RawValue == String {}

extension OperandChoice {
    init?(operand: Literal) {
        guard case .word(let word) = operand else { return nil }
        self.init(rawValue: word)
    }
    var literal: Literal { .word(rawValue) }
    static var valueType: ValueType { .oneOf(allCases.map(\.rawValue)) }
}

extension Int: OperandValue {
    init?(operand: Literal) {
        guard case .number(let v) = operand, let i = NumberLiteral(v).integerValue else { return nil }
        self = i
    }
    var literal: Literal { .number(Double(self)) }
}

extension Double: OperandValue {
    init?(operand: Literal) {
        guard case .number(let v) = operand else { return nil }
        self = v
    }
    var literal: Literal { .number(self) }
}

extension String: OperandValue {
    /// A word, a quoted string's text, or a number as written (`export a "1.csv"`, `save 3`).
    init?(operand: Literal) {
        switch operand {
        case .word(let text), .string(let text): self = text
        case .number(let n): self = NumberLiteral.format(n)
        }
    }
    var literal: Literal { .word(self) }
}

/// One operand: where it goes in the statement and how its value reaches the property.
struct Field<C: RunnableCommand> {
    enum Place {
        case slot(Slot), argument(ArgumentSpec)

        /// The operand's name in the language (`net`, `epochs`).
        var name: String {
            switch self {
            case .slot(let s): return s.name
            case .argument(let a): return a.name
            }
        }
    }
    let place: Place
    let key: PartialKeyPath<C>
    /// Writes the written values (none when absent) into the command; `owner` is the command's
    /// name, for messages about its positional operands.
    let assign: (inout C, [Value], any VariableScope, _ owner: String) throws(RuntimeError) -> Void
}

/// Everything declared about a command: its spec (for the language) and its fields.
struct Declaration<C: RunnableCommand> {
    let spec: CommandSpec
    let fields: [Field<C>]
    /// Whether the command belongs in a saved session (state changes do; looking and help do not).
    let isReplayable: Bool
    /// Whether it may run long: the journal syncs before it starts.
    let runsLong: Bool
    /// The nets and datasets a command changes (nil: the current one), for a lesson's `lock`.
    let changes: ((C) -> [Changed])?

    init(
        _ name: String, aliases: [String] = [], category: String, summary: String, form: CommandForm = .plain,
        block: BlockUse = .none, replayable: Bool = true, runsLong: Bool = false, changes: ((C) -> [Changed])? = nil,
        examples: [String], details: String = "", _ fields: Field<C>...
    ) {
        var slots: [Slot] = [], arguments: [ArgumentSpec] = []
        for field in fields {
            switch field.place {
            case .slot(let s): slots.append(s)
            case .argument(let a): arguments.append(a)
            }
        }
        spec = CommandSpec(
            name, aliases: aliases, category: category, summary: summary, form: form, slots: slots,
            arguments: arguments, block: block, examples: examples, details: details)
        self.fields = fields
        self.isReplayable = replayable
        self.runsLong = runsLong
        self.changes = changes
    }

    /// The command's value from its bound operands, `$variables` resolved in `scope`.
    func make(
        _ binding: Binding, syntax: Language.Command, scope: any VariableScope, source: SourceFile, next: String?
    )
        throws(RuntimeError) -> (C, Context<C>)
    {
        var value = C()
        var spans: [PartialKeyPath<C>: SourceSpan] = [:]
        for field in fields {
            let written: [Value]
            switch field.place {
            case .slot(let slot) where slot.type == .flag:
                written = binding.flags[slot.name].map { [Value(.word(slot.name), span: $0, text: slot.name)] } ?? []
            case .slot(let slot):
                written = binding.slots[slot.name] ?? []
            case .argument(let argument) where argument.type == .flag:
                written = binding.flags[argument.name].map { [Value(.word(argument.name), span: $0, text: argument.name)] } ?? []
            case .argument(let argument):
                written = binding.arguments[argument.name].map { [$0] } ?? []
            }
            if let first = written.first {
                spans[field.key] = written.dropFirst().reduce(first.span) { $0.through($1.span) }
            }
            try field.assign(&value, written, scope, spec.name)
        }
        return (value, Context(spans: spans, syntax: syntax, source: source, next: next))
    }
}

// MARK: - Declaring operands

extension Field {
    /// Resolves one written value against its type and converts it (types are checked already
    /// for literals; `$variables` are checked here).
    private static func convert<V: OperandValue>(
        _ value: Value, _ type: ValueType, _ subject: Subject,
        in scope: any VariableScope
    ) throws(RuntimeError) -> V {
        let literal: Literal
        do { literal = try value.resolved(in: scope, as: type, subject: subject) } catch { throw RuntimeError(error) }
        guard let converted = V(operand: literal) else {
            throw RuntimeError(OperandRefusal.notAValue(text: value.text, expectation: type.expectation), at: value.span)
        }
        return converted
    }

    /// An operand holding at most one value: written, it is resolved, converted, checked against
    /// `limit` (integers) and handed to `set`; absent, the property keeps its initial value.
    private static func single<V: OperandValue>(
        _ place: Place, _ key: PartialKeyPath<C>, _ type: ValueType, _ limit: Int?,
        set: @escaping (inout C, V) -> Void
    ) -> Field {
        let name = place.name
        return Field(place: place, key: key) { (command: inout C, written, scope, owner) throws(RuntimeError) in
            guard let value = written.first else { return }
            let subject: Subject = if case .slot = place { .positional(of: owner) } else { .argument(name) }
            let v: V = try convert(value, type, subject, in: scope)
            if let limit, let n = v as? Int, n > limit {
                throw RuntimeError(OperandRefusal.tooLarge(name: name, value: n, limit: limit), at: value.span)
            }
            set(&command, v)
        }
    }

    /// A positional operand holding at most one value; absent leaves the property as it is.
    static func slot<V: OperandValue>(
        _ key: WritableKeyPath<C, V?>, _ name: String, _ type: ValueType,
        keyword: String? = nil, required: Bool = false, placeholder: String? = nil,
        max limit: Int? = nil, help: String
    ) -> Field {
        let slot = Slot(name, type, keyword: keyword, required: required, placeholder: placeholder, help: help)
        return single(.slot(slot), key, type, limit) { $0[keyPath: key] = $1 }
    }

    /// A positional operand that must be written, or one with a default: the property's
    /// initial value, shown in `help`.
    static func slot<V: OperandValue>(
        _ key: WritableKeyPath<C, V>, _ name: String, _ type: ValueType,
        keyword: String? = nil, required: Bool = false, placeholder: String? = nil,
        max limit: Int? = nil, help: String
    ) -> Field {
        let slot = Slot(
            name, type, keyword: keyword, required: required, placeholder: placeholder,
            default: required ? nil : C()[keyPath: key].literal, help: help)
        return single(.slot(slot), key, type, limit) { $0[keyPath: key] = $1 }
    }

    /// A positional choice from a fixed set of words, with no default.
    static func slot<V: OperandChoice>(
        _ key: WritableKeyPath<C, V?>, _ name: String, keyword: String? = nil,
        required: Bool = false, placeholder: String? = nil, help: String
    ) -> Field {
        slot(key, name, V.valueType, keyword: keyword, required: required, placeholder: placeholder, help: help)
    }

    /// A positional choice that must be written, or with a default (the property's initial value).
    static func slot<V: OperandChoice>(
        _ key: WritableKeyPath<C, V>, _ name: String, required: Bool = false,
        placeholder: String? = nil, help: String
    ) -> Field {
        slot(key, name, V.valueType, required: required, placeholder: placeholder, help: help)
    }

    /// A positional operand taking every remaining value (`compare a b c`).
    static func slots<V: OperandValue>(
        _ key: WritableKeyPath<C, [V]>, _ name: String, _ type: ValueType,
        placeholder: String? = nil, help: String
    ) -> Field {
        let slot = Slot(name, type, variadic: true, placeholder: placeholder, help: help)
        return Field(place: .slot(slot), key: key) { (command: inout C, written, scope, owner) throws(RuntimeError) in
            var values: [V] = []
            for value in written { values.append(try convert(value, type, .positional(of: owner), in: scope)) }
            command[keyPath: key] = values
        }
    }

    /// A filler word (`at`, `to`) that may be written and is otherwise ignored.
    static func marker(_ word: String) -> Field {
        Field(place: .slot(.marker(word)), key: \C.self) { (_: inout C, _, _, _) throws(RuntimeError) in }
    }

    /// A `key=value` argument with no fixed default; `defaultText` says what happens without it.
    static func option<V: OperandValue>(
        _ key: WritableKeyPath<C, V?>, _ name: String, _ type: ValueType,
        required: Bool = false, max limit: Int? = nil, default defaultText: String? = nil,
        help: String
    ) -> Field {
        let argument = ArgumentSpec(name, type, required: required, defaultText: defaultText, help: help)
        return single(.argument(argument), key, type, limit) { $0[keyPath: key] = $1 }
    }

    /// A `key=value` argument that must be written, or one whose default is the property's
    /// initial value.
    static func option<V: OperandValue>(
        _ key: WritableKeyPath<C, V>, _ name: String, _ type: ValueType,
        required: Bool = false, max limit: Int? = nil, help: String
    ) -> Field {
        let argument = ArgumentSpec(
            name, type, default: required ? nil : C()[keyPath: key].literal, required: required,
            help: help)
        return single(.argument(argument), key, type, limit) { $0[keyPath: key] = $1 }
    }

    /// A `key=WORD` choice with no fixed default.
    static func option<V: OperandChoice>(
        _ key: WritableKeyPath<C, V?>, _ name: String, default defaultText: String? = nil,
        help: String
    ) -> Field {
        option(key, name, V.valueType, default: defaultText, help: help)
    }

    /// A `key=WORD` choice whose default is the property's initial value.
    static func option<V: OperandChoice>(_ key: WritableKeyPath<C, V>, _ name: String, help: String) -> Field {
        option(key, name, V.valueType, help: help)
    }

    /// An expression argument (`answer=big.train.acc`), kept to be evaluated when the command runs;
    /// a plain number is an expression too.
    static func expression(_ key: WritableKeyPath<C, Language.Expression?>, _ name: String, help: String) -> Field {
        Field(place: .argument(ArgumentSpec(name, .expression, help: help)), key: key) {
            (command: inout C, written, _, _) throws(RuntimeError) in
            guard let value = written.first else { return }
            guard case .expression(let e) = value.kind else {
                throw RuntimeError(OperandRefusal.notAnExpression(name: name, shown: value.shown), at: value.span)
            }
            command[keyPath: key] = e
        }
    }

    /// A list of words in parentheses (`choices=(big, l2, drop)`).
    static func words(_ key: WritableKeyPath<C, [String]>, _ name: String, help: String) -> Field {
        Field(place: .argument(ArgumentSpec(name, .words, help: help)), key: key) {
            (command: inout C, written, _, _) throws(RuntimeError) in
            guard let value = written.first else { return }
            guard case .list(let items) = value.kind else {
                throw RuntimeError(OperandRefusal.notAList(name: name), at: value.span)
            }
            command[keyPath: key] = items.map(\.text)
        }
    }

    /// A bare word that switches something on (`nesterov`, `log`, `plan`).
    static func flag(_ key: WritableKeyPath<C, Bool>, _ name: String, help: String) -> Field {
        Field(place: .argument(ArgumentSpec(name, .flag, help: help)), key: key) {
            (command: inout C, written, _, _) throws(RuntimeError) in
            if !written.isEmpty { command[keyPath: key] = true }
        }
    }
}

// MARK: - Operands many commands share

extension Field {
    /// `NET`: the net (default: the current net).
    static func net(_ key: WritableKeyPath<C, String?>, help: String = "the net (default: the current net)") -> Field {
        slot(key, "net", .name(.net), placeholder: "NET", help: help)
    }

    /// `DATA`: the dataset (default: the current dataset).
    static func data(_ key: WritableKeyPath<C, String?>) -> Field {
        slot(key, "data", .name(.data), placeholder: "DATA", help: "the dataset (default: the current dataset)")
    }

    /// `seed=N`: this command's random seed (default: the global seed).
    static func seed(_ key: WritableKeyPath<C, Int?>) -> Field {
        option(key, "seed", .nonNegativeInteger, default: "the global seed", help: "random seed for this command")
    }
}
