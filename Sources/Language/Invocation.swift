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
            throw LanguageError(
                .typeMismatch(subject, expected: type, got: literal.description, suggestion: suggestion), at: span)
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
}
