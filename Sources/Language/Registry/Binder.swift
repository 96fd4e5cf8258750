// Binder: matches a command's (or layer's) operands to its signature.
//
// `key=value` arguments go by name. A bare word that names a flag sets it. A word that is a
// slot's keyword (`on`, `as`) directs the next value to that slot. Any other positional value
// fills the next slot it fits; an optional slot is skipped when the value clearly belongs to
// a later one (`hist weights` skips the optional net name because `weights` is a listed
// choice of the next slot; `plot s` skips the optional list of plots because `s` is none of
// them and a name slot follows). Literal values are type-checked here; `$variables` are checked
// when the interpreter resolves them.

import Diagnostics

/// The operands of one command or layer, sorted into slots, arguments and flags.
public struct Binding: Hashable, Sendable {
    /// Positional values by slot name (one value unless the slot is variadic).
    public var slots: [String: [Value]] = [:]
    /// `key=value` arguments by key.
    public var arguments: [String: Value] = [:]
    /// Flags that were written, with where.
    public var flags: [String: SourceSpan] = [:]

    public init() {}
}

struct Binder {
    let signature: Signature
    /// The command or layer name, for messages.
    let owner: String
    let usage: String
    let registry: CommandRegistry
    var binding = Binding()
    var errors: [LanguageError] = []
    private var argumentSpans: [String: SourceSpan] = [:]

    init(_ signature: Signature, owner: String, usage: String, registry: CommandRegistry) {
        self.signature = signature
        self.owner = owner
        self.usage = usage
        self.registry = registry
    }

    /// Binds the operands; `end` is where a missing value would go.
    mutating func bind(_ operands: [Operand], end: SourceSpan) {
        var cursor = 0
        var pendingKeyword: Int?
        for operand in operands {
            switch operand {
            case .argument(let argument):
                bindArgument(argument)
            case .positional(let value):
                if let slot = pendingKeyword {
                    assign(value, to: slot)
                    pendingKeyword = nil
                } else if let word = value.word, signature.argument(named: word)?.type == .flag {
                    setFlag(word, at: value.span)
                } else if let word = value.word, let slot = keywordSlot(word) {
                    if signature.slots[slot].isMarker { binding.flags[word] = value.span } else { pendingKeyword = slot }
                } else {
                    place(value, cursor: &cursor)
                }
            }
        }
        if let slot = pendingKeyword {
            errors.append(LanguageError(.missingPositional(signature.slots[slot], command: owner, usage: usage), at: end))
        }
        checkRequired(end: end)
    }

    private func keywordSlot(_ word: String) -> Int? {
        signature.slots.indices.first { signature.slots[$0].keyword == word && binding.slots[signature.slots[$0].name] == nil }
    }

    /// Puts a positional value into the first slot from `cursor` that it fits.
    private mutating func place(_ value: Value, cursor: inout Int) {
        var index = cursor
        while index < signature.slots.count {
            let slot = signature.slots[index]
            if slot.keyword != nil { index += 1; continue }
            if fits(value, slot, at: index) || slot.isRequired {
                assign(value, to: index)
                cursor = slot.isVariadic ? index : index + 1
                return
            }
            index += 1
        }
        errors.append(LanguageError(.extraOperand(value.text, command: owner, usage: usage), at: value.span))
    }

    /// Whether `value` should go to the slot at `index` rather than a later one.
    private func fits(_ value: Value, _ slot: Slot, at index: Int) -> Bool {
        guard let literal = value.literal else { return true }
        if slot.type.clearlyAccepts(literal) { return true }
        // An optional list of words given some other word, with a name slot after it: the word
        // is that name (`plot s x=w` names the sweep s; `plot loss s` still chooses loss).
        // A near miss of a choice (`plot lsos a`) stays here, to be refused with "did you mean".
        if case .oneOf(let choices) = slot.type, case .word(let word) = literal, !slot.isRequired,
            suggest(word, among: choices) == nil,
            signature.slots[(index + 1)...].contains(where: { later in
                if later.keyword == nil, case .name = later.type { return true } else { return false }
            })
        {
            return false
        }
        guard Self.shapeFits(value, slot.type) else { return false }
        let later = signature.slots[(index + 1)...].filter { $0.keyword == nil }
        return !later.contains { $0.type.clearlyAccepts(literal) }
    }

    /// Whether the value has the right shape for the type, before its content is checked.
    static func shapeFits(_ value: Value, _ type: ValueType) -> Bool {
        switch (type, value.kind) {
        case (.name, .word), (.name, .member), (.oneOf, .word), (.choiceOrName, .word), (.commandName, .word), (.text, .word),
            (.text, .string), (.string, .string):
            return true
        case (.expression, _), (.words, .list): return true
        case (_, .number): return type.isNumeric
        default: return false
        }
    }

    private mutating func assign(_ value: Value, to index: Int) {
        let slot = signature.slots[index]
        binding.slots[slot.name, default: []].append(value)
        check(value, slot.type, subject: .positional(of: owner))
    }

    private mutating func bindArgument(_ argument: Argument) {
        let key = argument.key.name
        guard let spec = signature.argument(named: key) else {
            let suggestion = suggest(key, among: signature.arguments.map(\.name))
            errors.append(
                LanguageError(
                    .unknownArgument(key, command: owner, suggestion: suggestion, usage: usage),
                    at: argument.key.span))
            return
        }
        if let first = argumentSpans[key] ?? binding.flags[key] {
            errors.append(LanguageError(.duplicateArgument(key, first: first), at: argument.key.span))
            return
        }
        argumentSpans[key] = argument.span
        binding.arguments[key] = argument.value
        check(argument.value, spec.type, subject: .argument(key))
    }

    private mutating func setFlag(_ word: String, at span: SourceSpan) {
        if let first = binding.flags[word] ?? argumentSpans[word] {
            errors.append(LanguageError(.duplicateArgument(word, first: first), at: span))
        }
        binding.flags[word] = span
    }

    /// Type-checks a literal value; `$variables` wait for run time.
    private mutating func check(_ value: Value, _ type: ValueType, subject: Subject) {
        guard let literal = value.literal else { return }
        if type == .commandName, case .word(let word) = literal {
            if registry.command(named: word) != nil || registry.layer(named: word) != nil || ["res", "layers"].contains(word) {
                return
            }
            let suggestion = suggest(word, among: registry.commandNames + registry.layers.map(\.name))
            errors.append(LanguageError(.unknownCommand(word, suggestion: suggestion), at: value.span))
            return
        }
        guard !type.accepts(literal) else { return }
        let suggestion = value.word.flatMap { suggest($0, among: type.choices) }
        errors.append(
            LanguageError(
                .typeMismatch(subject, expected: type, got: value.shown, suggestion: suggestion),
                at: value.span))
    }

    private mutating func checkRequired(end: SourceSpan) {
        for slot in signature.slots where slot.isRequired && binding.slots[slot.name] == nil {
            errors.append(LanguageError(.missingPositional(slot, command: owner, usage: usage), at: end))
        }
        for argument in signature.arguments where argument.isRequired && binding.arguments[argument.name] == nil {
            errors.append(LanguageError(.missingArgument(argument.name, command: owner, usage: usage), at: end))
        }
    }
}
