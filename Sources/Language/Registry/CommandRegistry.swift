// CommandRegistry: the one table of commands and layers.
//
// The interpreter builds `CommandRegistry.standard` from every command's declaration (its
// type, Interpreter/Commands.swift), the grammar's statements (Statements.swift) and every
// layer (Layers.swift). The parser checks commands against it, `help` and generated
// docs read its summaries, usage lines and examples, completion reads its slots and
// arguments, and "did you mean" reads its names.

import Diagnostics

public struct CommandRegistry: Sendable {
    public let commands: [CommandSpec]
    public let layers: [LayerDeclaration]
    private let commandIndex: [String: Int]
    private let layerIndex: [String: Int]

    public init(commands: [CommandSpec], layers: [LayerDeclaration]) {
        self.commands = commands
        self.layers = layers
        var index: [String: Int] = [:]
        for (position, spec) in commands.enumerated() {
            for name in [spec.name] + spec.aliases where index[name] == nil { index[name] = position }
        }
        self.commandIndex = index
        self.layerIndex = Dictionary(layers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The command with this name or alias.
    public func command(named name: String) -> CommandSpec? {
        commandIndex[name].map { commands[$0] }
    }

    public func layer(named name: String) -> LayerDeclaration? {
        layerIndex[name].map { layers[$0] }
    }

    /// Command names and aliases, for suggestions and completion.
    public var commandNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// Categories in declaration order, each with its commands (for `help` and docs).
    public var categories: [(name: String, commands: [CommandSpec])] {
        var order: [String] = []
        var grouped: [String: [CommandSpec]] = [:]
        for spec in commands {
            if grouped[spec.category] == nil { order.append(spec.category) }
            grouped[spec.category, default: []].append(spec)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }

    /// Validation errors of a parsed command: unknown command or argument, type errors,
    /// missing values, blocks where none belong.
    public func check(_ command: Command) -> [LanguageError] {
        guard let spec = self.command(named: command.verb.name) else {
            let suggestion = suggest(command.verb.name, among: commandNames)
            return [LanguageError(.unknownCommand(command.verb.name, suggestion: suggestion), at: command.verb.span)]
        }
        return binder(for: spec, command).errors + blockErrors(spec, command)
    }

    /// The command bound to its declaration, or every error found.
    public func bind(_ command: Command) throws(LanguageErrors) -> Invocation {
        guard let spec = self.command(named: command.verb.name) else { throw LanguageErrors(check(command)) }
        if let bound = command.bound { return Invocation(spec: spec, command: command, binding: bound) }
        let binder = binder(for: spec, command)
        let errors = binder.errors + blockErrors(spec, command)
        guard errors.isEmpty else { throw LanguageErrors(errors) }
        return Invocation(spec: spec, command: command, binding: binder.binding)
    }

    private func binder(for spec: CommandSpec, _ command: Command) -> Binder {
        var binder = Binder(spec.signature, owner: spec.name, usage: spec.usage, registry: self)
        let end = (command.operands.last?.span ?? command.binding?.span ?? command.verb.span).afterEnd
        binder.bind(command.operands, end: end)
        return binder
    }

    private func blockErrors(_ spec: CommandSpec, _ command: Command) -> [LanguageError] {
        switch (spec.block, command.block) {
        case (.none, let block?):
            var first = block.span
            (first.endLine, first.endColumn, first.endOffset) = (first.line, first.column + 1, first.startOffset + 1)
            return [LanguageError(.unexpectedBlock(command: spec.name), at: first)]
        case (.required, nil):
            return [LanguageError(.missingBlock(command: spec.name), at: command.span.afterEnd)]
        default:
            return []
        }
    }
}
