// What Tab offers at the prompt, read from the command registry and the workspace.
//
// `LineCompletion` has the shape of Language's `Completer.complete(_:cursor:)` (the part of
// the line to replace, in UTF-8 offsets, and the candidates). Until that completer is merged
// into this branch, `CompletionSource` answers with a small reading of the registry: commands
// at the start of a statement; after a verb its `key=` arguments, flags, keywords, choice
// words and workspace names; after `key=` that argument's choices or workspace names.
// HINT for the merge: replace the body of `complete` with
//   Completer(registry:names:).complete(line, cursor:) mapped to `LineCompletion`.
import Language

/// Candidates for the word before the cursor and the byte range they replace.
public struct LineCompletion: Equatable, Sendable {
    public var start: Int
    public var end: Int
    public var candidates: [String]
}

public struct CompletionSource: Sendable {
    let registry: CommandRegistry
    /// Workspace names (datasets and nets).
    let names: [String]

    public init(registry: CommandRegistry, names: [String]) {
        self.registry = registry
        self.names = names
    }

    /// Candidates for the word ending at `cursor` (a UTF-8 offset, clamped to the line).
    public func complete(_ line: String, cursor: Int) -> LineCompletion {
        let bytes = Array(line.utf8)
        let end = min(max(0, cursor), bytes.count)
        var start = end
        while start > 0, Self.isWordByte(bytes[start - 1]) { start -= 1 }
        let partial = String(decoding: bytes[start..<end], as: UTF8.self)
        let before = Self.statement(before: String(decoding: bytes[..<start], as: UTF8.self))
        let all = candidates(before: before)
        var seen = Set<String>()
        let matching = all.filter { $0.hasPrefix(partial) && seen.insert($0).inserted }.sorted()
        return LineCompletion(start: start, end: end, candidates: matching)
    }

    /// Letters, digits, `_`, `.` (member references) and non-ASCII bytes make up a word.
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return byte >= 0x80
        }
    }

    /// The text of the current statement before the word: after the last `;`, `{` or newline.
    static func statement(before text: String) -> Substring {
        let cut = text.lastIndex { $0 == ";" || $0 == "{" || $0 == "\n" }
        return cut.map { text[text.index(after: $0)...] } ?? text[...]
    }

    func candidates(before: Substring) -> [String] {
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let verb = words.first.map(String.init) else { return registry.commandNames }
        guard !before.contains("\""), let spec = registry.command(named: verb) else { return [] }
        if before.hasSuffix("=") {
            let key = String(words.last?.dropLast() ?? "")
            return spec.signature.argument(named: key).map { values(of: $0.type) } ?? []
        }
        if let previous = words.last.map(String.init),
           let slot = spec.signature.slots.first(where: { $0.keyword == previous && $0.type != .flag }) {
            return values(of: slot.type)
        }
        return operands(of: spec, used: Set(words.map { String($0.split(separator: "=").first ?? "") }))
    }

    /// Everything that may follow the verb and is not written yet.
    func operands(of spec: CommandSpec, used: Set<String>) -> [String] {
        var result: [String] = []
        for argument in spec.signature.arguments where !used.contains(argument.name) {
            result.append(argument.type == .flag ? argument.name : argument.name + "=")
        }
        for slot in spec.signature.slots {
            if let keyword = slot.keyword {
                if !used.contains(keyword) { result.append(keyword) }
            } else {
                result += values(of: slot.type)
            }
        }
        return result
    }

    /// The words a type accepts: its choices, workspace names, or command names.
    func values(of type: ValueType) -> [String] {
        switch type {
        case .oneOf(let choices): return choices
        case .name: return names
        case .commandName: return registry.commandNames + registry.layers.map(\.name)
        default: return []
        }
    }
}
