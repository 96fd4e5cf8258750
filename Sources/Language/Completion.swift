// Completion: candidates for the word under the cursor, read from the registry.
//
// At the start of a statement: commands. After a verb: its unused `key=` arguments, flags,
// keywords (`on`, `as`) and the values its next slots accept (choices, and workspace names
// from the caller's provider). After `key=`: that argument's choices or names. In a net spec:
// layer names, then the layer's activation words and arguments. After `let NAME ~`:
// distributions. After `$`: variables.

import Diagnostics

/// One completion candidate.
public struct CompletionCandidate: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case command, argument, flag, keyword, value, name, layer, distribution, variable
    }

    /// The text that replaces the partial word (`epochs=`, `train`, `$width`).
    public var text: String
    public var kind: Kind
    /// A short description for menus (may be empty).
    public var detail: String

    public init(_ text: String, _ kind: Kind, detail: String = "") {
        self.text = text
        self.kind = kind
        self.detail = detail
    }
}

/// The candidates and the part of the line they replace (UTF-8 offsets).
public struct Completion: Hashable, Sendable {
    public var replaceStart: Int
    public var replaceEnd: Int
    /// The partial word being completed.
    public var prefix: String
    /// Sorted by text, without duplicates.
    public var candidates: [CompletionCandidate]

    /// The longest text every candidate starts with (what Tab inserts when several match).
    public var commonPrefix: String {
        guard var common = candidates.first?.text else { return prefix }
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate.text).prefix { $0 == $1 }.map(\.0))
        }
        return common
    }
}

public struct Completer: Sendable {
    public let registry: CommandRegistry
    /// Workspace names of a kind (nets, datasets, sweeps, variables), supplied by the caller.
    public let names: @Sendable (NameKind) -> [String]

    public init(registry: CommandRegistry, names: @escaping @Sendable (NameKind) -> [String] = { _ in [] }) {
        self.registry = registry
        self.names = names
    }

    /// Candidates for the word that ends at `cursor` (a UTF-8 offset into `line`, clamped).
    public func complete(_ line: String, cursor: Int) -> Completion {
        let bytes = Array(line.utf8)
        let end = min(max(0, cursor), bytes.count)
        var start = end
        while start > 0, Self.isPartialWordByte(bytes[start - 1]) { start -= 1 }
        let partial = String(decoding: bytes[start..<end], as: UTF8.self)
        let before = String(decoding: bytes[..<start], as: UTF8.self)
        var candidates = candidates(before: before, partial: partial)
        candidates = candidates.filter { $0.text.hasPrefix(partial) }
        var seen = Set<String>()
        candidates = candidates.sorted { $0.text < $1.text }.filter { seen.insert($0.text).inserted }
        return Completion(replaceStart: start, replaceEnd: end, prefix: partial, candidates: candidates)
    }

    private static func isPartialWordByte(_ byte: UInt8) -> Bool {
        isWordPart(byte) || byte == ascii(".") || byte == ascii("$") || byte >= 0x80
    }

    private func candidates(before: String, partial: String) -> [CompletionCandidate] {
        if partial.hasPrefix("$") {
            return names(.variable).map { CompletionCandidate("$" + $0, .variable) }
        }
        guard let tokens = statementTokens(before) else { return [] }
        guard let first = tokens.first else { return commandCandidates() }
        guard let verb = first.word else { return [] }
        guard let spec = registry.command(named: verb) else { return [] }
        switch spec.form {
        case .network: return networkCandidates(tokens)
        case .variable: return tokens.last?.kind == .tilde ? distributionCandidates() : []
        case .plain: return commandArgumentCandidates(spec, tokens)
        case .binding:
            // `data NAME = …`: the operands start after the `=` (nothing to offer for the name).
            guard tokens.count >= 3, tokens[2].kind == .equals else { return [] }
            return commandArgumentCandidates(spec, [tokens[0]] + tokens.dropFirst(3))
        case .conditional: return []
        case .expectation: return expressionCandidates(partial: partial)
        }
    }

    /// The tokens of the statement the cursor is in, or nil inside a string, comment or
    /// narrative line.
    private func statementTokens(_ before: String) -> [Token]? {
        let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        if LineScan(lastLine).endsInsideTextOrComment { return nil }
        let tokens = Array(Lexer.tokenize(SourceFile(text: before)).tokens.dropLast())
        let lineStart = (tokens.lastIndex { $0.kind == .newline || $0.kind == .semicolon } ?? -1) + 1
        var statement = Array(tokens[lineStart...])
        if let word = statement.first?.word, registry.command(named: word)?.form == .network { return statement }
        // Elsewhere `{` and `}` start a block's statements (`sweep s { train …`).
        if let brace = statement.lastIndex(where: { $0.kind == .leftBrace || $0.kind == .rightBrace }) {
            statement = Array(statement[(brace + 1)...])
        }
        return statement
    }

}
