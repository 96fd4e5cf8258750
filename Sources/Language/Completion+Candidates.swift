// Completion candidates per context: commands, a command's operands, net specs, distributions.

import Diagnostics

extension Completer {
    func commandCandidates() -> [CompletionCandidate] {
        registry.commands.flatMap { spec in
            ([spec.name] + spec.aliases).map { CompletionCandidate($0, .command, detail: spec.summary) }
        }
    }

    func distributionCandidates() -> [CompletionCandidate] {
        DistributionKind.allCases.map { CompletionCandidate($0.rawValue + "(", .distribution) }
    }

    /// After a verb: values for `key=`, for a keyword's slot, or everything still unused.
    func commandArgumentCandidates(_ spec: CommandSpec, _ tokens: [Token]) -> [CompletionCandidate] {
        if spec.signature.slots.contains(where: { $0.type == .commandName }) {
            return commandCandidates() + registry.layers.map { CompletionCandidate($0.name, .layer, detail: $0.summary) }
        }
        return operandCandidates(spec.signature, tokens: Array(tokens.dropFirst()))
    }

    /// Candidates for the next operand of a signature, given the operand tokens so far.
    func operandCandidates(_ signature: Signature, tokens: [Token]) -> [CompletionCandidate] {
        if tokens.last?.kind == .equals, tokens.count >= 2, let key = tokens[tokens.count - 2].word {
            return signature.argument(named: key).map { values(of: $0.type) } ?? []
        }
        if let keyword = tokens.last?.word, let slot = signature.slots.first(where: { $0.keyword == keyword && !$0.isMarker }) {
            return values(of: slot.type)
        }
        let used = Set(tokens.compactMap(\.word))
        var candidates: [CompletionCandidate] = []
        for argument in signature.arguments where !used.contains(argument.name) {
            let text = argument.type == .flag ? argument.name : argument.name + "="
            candidates.append(CompletionCandidate(text, argument.type == .flag ? .flag : .argument, detail: argument.help))
        }
        for slot in signature.slots {
            if let keyword = slot.keyword {
                if !used.contains(keyword) { candidates.append(CompletionCandidate(keyword, .keyword, detail: slot.help)) }
            } else {
                candidates += values(of: slot.type)
            }
        }
        return candidates
    }

    /// The words a type accepts: its choices, or workspace names.
    func values(of type: ValueType) -> [CompletionCandidate] {
        switch type {
        case .oneOf(let choices): return choices.map { CompletionCandidate($0, .value) }
        case .choiceOrName(let choices, let kind):
            return choices.map { CompletionCandidate($0, .value) } + names(kind).map { CompletionCandidate($0, .name) }
        case .name(let kind):
            let kinds: [NameKind] = kind == .any ? [.net, .data, .sweep] : [kind]
            return kinds.flatMap { names($0) }.map { CompletionCandidate($0, .name) }
        case .commandName: return commandCandidates()
        default: return []
        }
    }

    /// In `net NAME = …`: layer names at the start of an item, else the current layer's
    /// activation words and arguments.
    func networkCandidates(_ tokens: [Token]) -> [CompletionCandidate] {
        guard let equals = tokens.firstIndex(where: { $0.kind == .equals }) else { return [] }
        let separators: [TokenKind] = [.comma, .leftBrace, .newline]
        let itemStart = max(tokens.lastIndex { separators.contains($0.kind) } ?? equals, equals) + 1
        let item = Array(tokens[itemStart...])
        guard let layerName = item.first?.word, let layer = registry.layer(named: layerName) else {
            if item.isEmpty {
                return registry.layers.map { CompletionCandidate($0.name, .layer, detail: $0.summary) }
                    + [CompletionCandidate("res", .layer, detail: "residual block: res { … }")]
            }
            return []
        }
        return operandCandidates(layer.signature, tokens: Array(item.dropFirst()))
    }
}

extension Completer {
    /// In an `expect`: within `NAME.…` (the partial word holds the dots), the fields that may
    /// follow, as whole paths; else the workspace's names and the functions.
    func expressionCandidates(partial: String) -> [CompletionCandidate] {
        guard let dot = partial.lastIndex(of: ".") else {
            return (names(.net) + names(.sweep) + names(.data)).map { CompletionCandidate($0, .name) }
                + ExpressionVocabulary.functions.map { CompletionCandidate($0.name + "(", .value, detail: $0.help) }
        }
        let head = String(partial[..<dot])
        let previous = head.split(separator: ".").last.map(String.init) ?? head
        let inner = head.contains(".")
        let fields =
            inner && ["train", "val"].contains(previous)
            ? ExpressionVocabulary.partFields
            : inner && ["grads", "weights"].contains(previous)
                ? ExpressionVocabulary.layerFields
                : ExpressionVocabulary.netFields + ExpressionVocabulary.sweepFields + ExpressionVocabulary.dataFields
        var seen = Set<String>()
        return fields.filter { seen.insert($0.name).inserted }.map {
            CompletionCandidate(head + "." + $0.name, .value, detail: $0.help)
        }
    }
}
