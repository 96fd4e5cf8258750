// Parser rules for operands and values, and the token-stream helpers.

import Diagnostics

extension Parser {
    // MARK: Rules

    /// `name → WORD` (an `x1`-shaped word counts as a name too).
    mutating func name(for what: String) throws -> Identifier {
        switch current.kind {
        case .word(let word):
            return Identifier(word, span: advance().span)
        case .repetition(.count):
            let token = advance()
            return Identifier(token.text, span: token.span)
        case .invalid:
            throw Panic()
        default:
            throw fail(.expected(.name(for: what), found: current.quoted), at: current.span)
        }
    }

    /// `operand*`: stops at anything that cannot start an operand (and, in a layer, at the
    /// `x20` that repeats it).
    mutating func operands(inLayer: Bool = false, of spec: CommandSpec? = nil) throws -> [Operand] {
        var operands: [Operand] = []
        while true {
            switch current.kind {
            case .word(let key) where peek(1).kind == .equals:
                let keyToken = advance()
                advance()
                let value: Value
                switch spec?.signature.argument(named: key)?.type {
                case .expression?:
                    let start = current
                    let e = try expression()
                    value = Value(.expression(e), span: e.span, text: source.text(of: spanned(from: start)))
                case .words? where current.kind == .leftParen:
                    value = try wordList()
                default:
                    value = try self.value(after: "\(key)=")
                }
                operands.append(.argument(Argument(key: Identifier(key, span: keyToken.span), value: value)))
            case .repetition where inLayer:
                return operands
            case .word, .number, .string, .variable, .repetition, .invalid:
                operands.append(.positional(try value(after: previous.text)))
            default:
                return operands
            }
        }
    }

    /// `( WORD (, WORD)* )`: the words of a list argument (`choices=(big, l2, drop)`).
    mutating func wordList() throws -> Value {
        let open = advance()
        var words: [Value] = []
        repeat {
            guard current.word != nil else {
                throw fail(.expected(.name(for: "choice"), found: current.quoted), at: current.span)
            }
            words.append(reference())
        } while match(.comma) != nil
        try expect(.rightParen, .closingParen)
        let span = spanned(from: open)
        return Value(.list(words), span: span, text: source.text(of: span))
    }

    /// `value → NUMBER | STRING | VARIABLE | reference`
    mutating func value(after context: String) throws -> Value {
        let token = current
        switch token.kind {
        case .number(let number): advance(); return Value(.number(number), span: token.span, text: token.text)
        case .string(let text): advance(); return Value(.string(text), span: token.span, text: token.text)
        case .variable(let name): advance(); return Value(.variable(name), span: token.span, text: token.text)
        case .word: return reference()
        case .repetition(.count): advance(); return Value(.word(token.text), span: token.span, text: token.text)
        case .repetition(.variable):
            throw fail(.repetitionOutsideNetwork(token.text), at: token.span)
        case .invalid: throw Panic()
        default:
            throw fail(.expected(.value(after: context), found: token.quoted), at: token.span)
        }
    }

    /// `reference → WORD ( '.' WORD )*`
    mutating func reference() -> Value {
        let first = advance()
        var parts = [first.text]
        while current.kind == .dot, let member = peek(1).word {
            advance()
            advance()
            parts.append(member)
        }
        let span = spanned(from: first)
        if parts.count == 1 { return Value(.word(first.text), span: span, text: first.text) }
        return Value(.member(parts), span: span, text: parts.joined(separator: "."))
    }

    /// `distribution → WORD '(' ( value ( ',' value )* )? ')'`
    mutating func distribution() throws -> Distribution {
        let start = current
        guard let word = current.word else {
            throw fail(.expected(.distribution, found: current.quoted), at: current.span)
        }
        guard let kind = DistributionKind(rawValue: word) else {
            let suggestion = suggest(word, among: DistributionKind.allCases.map(\.rawValue))
            throw fail(.unknownDistribution(word, suggestion: suggestion), at: current.span)
        }
        advance()
        try expect(.leftParen, .openingParen(after: word))
        var arguments: [Value] = []
        if current.kind != .rightParen {
            arguments.append(try value(after: "("))
            while match(.comma) != nil { arguments.append(try value(after: ",")) }
        }
        try expect(.rightParen, .closingParen)
        let distribution = Distribution(kind: kind, arguments: arguments, span: spanned(from: start))
        let arityOK = kind == .choice ? !arguments.isEmpty : arguments.count == 2
        if !arityOK { record(.distributionArity(kind, got: arguments.count), at: distribution.span) }
        return distribution
    }

    // MARK: Token stream

    var current: Token { tokens[min(index, tokens.count - 1)] }

    /// The last token consumed (the first token when nothing was consumed yet).
    var previous: Token { tokens[max(0, min(index, tokens.count) - 1)] }

    func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    /// Consumes and returns the current token (never moves past `.end`).
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ expectation: Expectation) throws -> Token {
        if let token = match(kind) { return token }
        if current.kind == .invalid { throw Panic() }
        throw fail(.expected(expectation, found: current.quoted), at: current.span)
    }

    /// The span from `start` through the last consumed token.
    func spanned(from start: Token) -> SourceSpan {
        previous.span.endOffset >= start.span.startOffset ? start.span.through(previous.span) : start.span
    }

    mutating func record(_ kind: LanguageError.Kind, at span: SourceSpan) {
        errors.append(LanguageError(kind, at: span))
    }

    /// Records an error and returns the `Panic` that abandons the statement.
    mutating func fail(_ kind: LanguageError.Kind, at span: SourceSpan) -> Panic {
        record(kind, at: span)
        return Panic()
    }
}
