// HelpText: `help` and `help COMMAND` as text, read from the registry (docs generation
// uses the same functions).

public struct HelpText: Sendable {
    public let registry: CommandRegistry

    public init(registry: CommandRegistry) { self.registry = registry }

    /// Every command by category, one line each.
    public func overview() -> String {
        let width = (registry.commands.map(\.name.count).max() ?? 0) + 2
        var lines: [String] = []
        for (category, commands) in registry.categories {
            lines.append(category)
            for spec in commands {
                lines.append("  " + spec.name.padded(to: width) + spec.summary)
            }
        }
        lines.append("")
        lines.append("help COMMAND shows a command's arguments and examples; help dense shows a layer.")
        return lines.joined(separator: "\n")
    }

    /// One command or layer in full, or nil if there is no such topic.
    public func topic(_ name: String) -> String? {
        if let spec = registry.command(named: name) { return command(spec) }
        if let layer = registry.layer(named: name) { return self.layer(layer) }
        return nil
    }

    public func command(_ spec: CommandSpec) -> String {
        var lines = ["\(spec.name) — \(spec.summary)", "usage: \(spec.usage)"]
        if !spec.aliases.isEmpty { lines.append("also: " + spec.aliases.joined(separator: ", ")) }
        lines += table(spec.signature)
        if !spec.details.isEmpty { lines += ["", spec.details] }
        lines += ["", "examples:"] + spec.examples.flatMap { $0.split(separator: "\n").map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }

    public func layer(_ layer: LayerDeclaration) -> String {
        var lines = ["\(layer.name) — \(layer.summary)", "usage: net NAME = … \(layer.usage) …"]
        lines += table(layer.signature)
        lines += ["", "examples:"] + layer.examples.map { "  net a = \($0)" }
        return lines.joined(separator: "\n")
    }

    /// Two columns: what is written, what it means.
    private func table(_ signature: Signature) -> [String] {
        var rows: [(String, String)] = signature.slots.map { slot in
            (slot.usage, slot.defaultValue.map { "\(slot.help) (default \($0))" } ?? slot.help)
        }
        for argument in signature.arguments {
            let meaning = argument.help + Self.typeAndDefault(argument)
            rows.append((argument.type == .flag ? argument.name : "\(argument.name)=\(argument.type.placeholder)", meaning))
        }
        guard !rows.isEmpty else { return [] }
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        return [""] + rows.map { "  " + $0.0.padded(to: width) + $0.1 }
    }
}

extension HelpText {
    /// " (a positive integer; default 10)": the type when the placeholder does not already say
    /// it, and the default. Empty when there is nothing to add.
    static func typeAndDefault(_ argument: ArgumentSpec) -> String {
        var extra: [String] = []
        switch argument.type {
        case .flag, .oneOf, .name, .commandName, .positiveInteger, .positiveNumber: break
        default: extra.append(argument.type.expectation)
        }
        if let text = argument.defaultText { extra.append("default: " + text) }
        if argument.isRequired { extra.append("required") }
        return extra.isEmpty ? "" : " (" + extra.joined(separator: "; ") + ")"
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
