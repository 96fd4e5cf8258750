// The command reference of docs/language.md, generated from the registry: one section per
// category, one entry per command (summary, usage, arguments with types and defaults, details,
// examples), then the layers. InterpreterTests checks that the file holds exactly this text
// between its markers (BASIN_UPDATE_DOCS=1 rewrites it).
import Language

public struct ReferenceDocs: Sendable {
    public let registry: CommandRegistry
    public static let beginMarker = "<!-- BEGIN GENERATED REFERENCE (swift test; BASIN_UPDATE_DOCS=1 rewrites) -->"
    public static let endMarker = "<!-- END GENERATED REFERENCE -->"

    public init(registry: CommandRegistry = .standard) { self.registry = registry }

    /// The generated Markdown, without the markers.
    public func markdown() -> String {
        var lines: [String] = []
        for (category, commands) in registry.categories {
            lines += ["## \(category)", ""]
            for spec in commands { lines += command(spec) }
        }
        lines += layers()
        return lines.joined(separator: "\n")
    }

    func command(_ spec: CommandSpec) -> [String] {
        var lines = [
            "### \(spec.name)", "", spec.summary.prefix(1).uppercased() + spec.summary.dropFirst() + ".", "",
            "    " + spec.usage, "",
        ]
        if !spec.aliases.isEmpty {
            lines += ["Also written: " + spec.aliases.map { "`\($0)`" }.joined(separator: ", ") + ".", ""]
        }
        lines += table(spec.signature)
        if !spec.details.isEmpty { lines += [spec.details, ""] }
        lines += ["```"] + spec.examples + ["```", ""]
        return lines
    }

    /// Slots and arguments: what is written, the type, the default, the meaning.
    func table(_ signature: Signature) -> [String] {
        guard !signature.slots.isEmpty || !signature.arguments.isEmpty else { return [] }
        var rows = ["| written | accepts | default | meaning |", "|---|---|---|---|"]
        for slot in signature.slots {
            let accepts = slot.type == .flag && slot.keyword != nil ? "the word itself" : slot.type.expectation
            rows.append(row(slot.usage, accepts, "", slot.help))
        }
        for argument in signature.arguments {
            let written = argument.type == .flag ? argument.name : "\(argument.name)=\(argument.type.placeholder)"
            let accepts = argument.type == .flag ? "a flag" : argument.type.expectation
            rows.append(row(written, accepts, argument.isRequired ? "required" : argument.defaultText ?? "", argument.help))
        }
        return rows + [""]
    }

    func row(_ cells: String...) -> String {
        let escaped = cells.enumerated().map { i, cell in
            let text = cell.replacingAll("|", with: "\\|")
            return i == 0 ? "`\(text)`" : text
        }
        return "| " + escaped.joined(separator: " | ") + " |"
    }

    func layers() -> [String] {
        var lines = [
            "## Layers", "", "Written inside `net NAME = …`, separated by commas. `xN` after a layer or a `res { … }`",
            "block repeats it N times.", "",
            "| layer | meaning | example |", "|---|---|---|",
        ]
        for layer in registry.layers where !layer.isActivation {
            lines.append(row(layer.usage, layer.summary, layer.examples.first.map { "`\($0)`" } ?? ""))
        }
        lines.append(
            row(
                "res { … }", "residual block x + f(x); a learned projection when f changes the shape",
                "`res { dense 32 relu, dense 32 } x8`"))
        let activations = registry.layers.filter(\.isActivation)
        lines += ["", "Activations, as a layer of their own or as a trailing word (`dense 32 relu`):", ""]
        lines += activations.map { "- `\($0.name)`: \($0.summary)" }
        return lines + [""]
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        reduce(into: "") { out, ch in if ch == target { out += replacement } else { out.append(ch) } }
    }
}
