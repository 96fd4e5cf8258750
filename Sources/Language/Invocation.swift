// Invocation: a command bound to its declaration, and run-time value resolution.
//
// The interpreter gets an `Invocation` from `CommandRegistry.bind(_:)` and reads typed values
// through it. `$variables` are looked up in a caller-supplied `VariableScope` and checked
// against the slot's or argument's type then, so a sweep body can run again with new values.

import Diagnostics

/// Where `$variables` get their values (the workspace, or a sweep trial's sample).
public protocol VariableScope {
    func value(of variable: String) -> Literal?
    /// Every defined variable, for "did you mean".
    var variableNames: [String] { get }
}

/// A fixed set of variables (tests, or a trial's sampled values).
public struct VariableTable: VariableScope, Sendable {
    public var values: [String: Literal]

    public init(_ values: [String: Literal] = [:]) { self.values = values }

    public func value(of variable: String) -> Literal? { values[variable] }
    public var variableNames: [String] { values.keys.sorted() }
}

extension Value {
    /// The value with `$variables` looked up, checked against `type`.
    public func resolved(in scope: any VariableScope, as type: ValueType, subject: Subject) throws(LanguageError) -> Literal {
        let literal: Literal
        if case .variable(let name) = kind {
            guard let found = scope.value(of: name) else {
                throw LanguageError(.undefinedVariable(name, suggestion: suggest(name, among: scope.variableNames)), at: span)
            }
            literal = found
        } else if let own = self.literal {
            literal = own
        } else {
            throw LanguageError(.typeMismatch(subject, expected: type, got: text, suggestion: nil), at: span)
        }
        guard type.accepts(literal) else {
            let suggestion: String? = if case .word(let word) = literal { suggest(word, among: type.choices) } else { nil }
            throw LanguageError(.typeMismatch(subject, expected: type, got: literal.description, suggestion: suggestion), at: span)
        }
        return literal
    }
}

/// A command matched to its declaration: slots, arguments and flags by name.
public struct Invocation: Hashable, Sendable {
    public let spec: CommandSpec
    public let command: Command
    public let binding: Binding

    public init(spec: CommandSpec, command: Command, binding: Binding) {
        self.spec = spec
        self.command = command
        self.binding = binding
    }

    /// The command's canonical name (aliases resolved).
    public var name: String { spec.name }

    /// The name bound by `data NAME = …`.
    public var boundName: String? { command.binding?.name }

    /// The raw value of a slot (its first value) or of a `key=` argument.
    public func value(_ key: String) -> Value? {
        binding.slots[key]?.first ?? binding.arguments[key]
    }

    /// Every value of a (variadic) slot.
    public func values(_ slot: String) -> [Value] { binding.slots[slot] ?? [] }

    /// Whether a flag (`nesterov`) or marker word (`at`) was written.
    public func isSet(_ flag: String) -> Bool { binding.flags[flag] != nil }

    /// The resolved, type-checked value of a slot or argument, its declared default when
    /// absent, or nil when absent without a default.
    public func literal(_ key: String, in scope: any VariableScope = VariableTable()) throws(LanguageError) -> Literal? {
        let argument = spec.signature.argument(named: key)
        let slot = spec.signature.slots.first { $0.name == key }
        guard let type = argument?.type ?? slot?.type else { return nil }
        guard let value = value(key) else { return argument?.defaultValue ?? slot?.defaultValue }
        let subject: Subject = argument != nil ? .argument(key) : .positional(of: spec.name)
        return try value.resolved(in: scope, as: type, subject: subject)
    }

    /// An integer value (types that accept only integers guarantee one).
    public func integer(_ key: String, in scope: any VariableScope = VariableTable()) throws(LanguageError) -> Int? {
        guard case .number(let number)? = try literal(key, in: scope) else { return nil }
        return NumberLiteral(number).integerValue
    }

    public func number(_ key: String, in scope: any VariableScope = VariableTable()) throws(LanguageError) -> Double? {
        guard case .number(let number)? = try literal(key, in: scope) else { return nil }
        return number
    }

    /// A word, a quoted string's text, or a member reference as dotted text.
    public func text(_ key: String, in scope: any VariableScope = VariableTable()) throws(LanguageError) -> String? {
        switch try literal(key, in: scope) {
        case .word(let text)?, .string(let text)?: return text
        case .number(let number)?: return NumberLiteral.format(number)
        case nil: return nil
        }
    }
}
