// Parser rules for net specs: `net a = dense 32 relu x20, res { dense 32 relu, dense 32 } x8`.

import Diagnostics

extension Parser {
    /// `netStatement → 'net' name '=' layerList`
    mutating func netStatement() throws -> NetworkDefinition {
        let start = advance()
        let name = try self.name(for: "net")
        try expect(.equals, .equals(after: "net \(name)"))
        let layers = try layerList()
        return NetworkDefinition(name: name, layers: layers, span: spanned(from: start))
    }

    /// `layerList → layerItem ( ',' NEWLINE* layerItem )*`
    mutating func layerList() throws -> [LayerItem] {
        var items: [LayerItem] = []
        repeat {
            while current.kind == .newline { advance() }
            if let item = try layerItem() { items.append(item) }
        } while match(.comma) != nil
        return items
    }

    /// `layerItem → ( residual | layer ) REPEAT?` — nil when the layer was reported as unknown.
    mutating func layerItem() throws -> LayerItem? {
        let start = current
        let kind: LayerItem.Kind?
        if current.word == "res" {
            kind = .residual(try residual())
        } else if current.word != nil, peek(1).kind == .leftBracket {
            kind = try borrowed()
        } else {
            kind = try layer().map { .layer($0) }
        }
        var count: Value?
        if case .repetition(let repetition) = current.kind {
            let token = advance()
            count = repeatValue(repetition, token: token)
            if let count, let literal = count.literal, !ValueType.positiveInteger.accepts(literal) {
                record(
                    .typeMismatch(
                        .argument("the repeat count"), expected: .positiveInteger,
                        got: count.shown, suggestion: nil), at: count.span)
            }
        }
        return kind.map { LayerItem($0, repeatCount: count, span: spanned(from: start)) }
    }

    /// `borrowed → NAME '[' (N | A..B) ']'`: layers of another net, with its weights.
    mutating func borrowed() throws -> LayerItem.Kind {
        let nameToken = advance()
        let name = Identifier(nameToken.word ?? "", span: nameToken.span)
        advance()
        let token = current
        let value: Value
        switch token.kind {
        case .number(let n) where ValueType.integerRange.accepts(.number(n.value)):
            advance()
            value = Value(.number(n), span: token.span, text: token.text)
        case .word(let w) where ValueType.integerRange.accepts(.word(w)):
            advance()
            value = Value(.word(w), span: token.span, text: token.text)
        default:
            throw fail(
                .typeMismatch(
                    .argument("the layers of \(name.name)"), expected: .integerRange, got: token.quoted, suggestion: nil),
                at: token.span)
        }
        try expect(.rightBracket, .closingBracket)
        return .borrowed(net: name, layers: value)
    }

    /// `residual → 'res' '{' NEWLINE* layerList NEWLINE* '}'`
    mutating func residual() throws -> [LayerItem] {
        advance()
        let open = try expect(.leftBrace, .openingBrace(after: "res"))
        guard depth < Self.nestingLimit else { throw fail(.nestingTooDeep(limit: Self.nestingLimit), at: open.span) }
        depth += 1
        defer { depth -= 1 }
        openResidualBraces += 1  // left raised on a panic, so recovery skips to the matching '}'
        let items = try layerList()
        while current.kind == .newline { advance() }
        if current.kind == .end { throw fail(.unclosedBlock(opening: open.span), at: current.span) }
        try expect(.rightBrace, .closingBrace)
        openResidualBraces -= 1
        return items
    }

    /// `layer → WORD operand*`, checked against the layer declarations.
    mutating func layer() throws -> Layer? {
        guard let word = current.word else {
            if current.kind == .invalid { throw Panic() }
            throw fail(.expected(.layer, found: current.quoted), at: current.span)
        }
        let nameToken = advance()
        let name = Identifier(word, span: nameToken.span)
        var operands = try self.operands(inLayer: true)
        if let softmax = operands.firstIndex(where: {
            if case .positional(let value) = $0 { value.word == "softmax" } else { false }
        }) {
            record(.softmaxLayer, at: operands[softmax].span)
            operands.remove(at: softmax)
        }
        guard let declaration = registry.layer(named: word) else {
            if word == "softmax" { record(.softmaxLayer, at: name.span); return nil }
            let suggestion = suggest(word, among: registry.layers.map(\.name))
            record(.unknownLayer(word, suggestion: suggestion), at: name.span)
            return nil
        }
        var binder = Binder(declaration.signature, owner: word, usage: declaration.usage, registry: registry)
        binder.bind(operands, end: spanned(from: nameToken).afterEnd)
        errors += binder.errors
        guard binder.errors.isEmpty else { return nil }
        return LayerBuilder.layer(declaration, binder.binding, name: name, span: spanned(from: nameToken))
    }

    /// The count of `x20` or `x$depth` as a value spanning the text after the `x`.
    func repeatValue(_ repetition: RepeatCount, token: Token) -> Value {
        var span = token.span
        span.startOffset += 1
        span.column += 1
        switch repetition {
        case .count(let number): return Value(.number(number), span: span, text: number.text)
        case .variable(let name): return Value(.variable(name), span: span, text: "$" + name)
        }
    }
}
