// Parser: tokens → Script, reporting every syntax and validation error of the whole input.
//
// Recursive descent, one method per rule, named after it:
//
//   script        → statementList END
//   statementList → ( statement? ( ';' | NEWLINE ) )*        (inside a block: up to '}')
//   statement     → narrative | letStatement | netStatement | ifStatement | command
//   ifStatement   → 'if' ifTest block ( 'else' ( ifStatement | block ) )?   ('else' on the '}' line)
//   ifTest        → ifClause ( ( 'and' | 'or' ) ifClause )*       (one joiner per test)
//   ifClause      → value COMPARISON value | value 'in' '(' value ( ',' value )* ')'
//   narrative     → '>' TEXT
//   letStatement  → 'let' name ( '=' value | '~' distribution ( 'per' name )? )
//   netStatement  → 'net' name '=' layerList
//   layerList     → layerItem ( ',' NEWLINE* layerItem )*
//   layerItem     → ( residual | layer ) REPEAT?              (REPEAT: x20 | x$depth)
//   residual      → 'res' '{' NEWLINE* layerList NEWLINE* '}'
//   layer         → WORD operand*
//   command       → WORD ( name '=' )? operand* block?       (name '=' for binding forms: data)
//   operand       → WORD '=' value | value
//   value         → NUMBER | STRING | VARIABLE | reference
//   reference     → WORD ( '.' WORD )*
//   distribution  → WORD '(' ( value ( ',' value )* )? ')'
//   block         → '{' statementList '}'
//   name          → WORD
//
// Panic-mode recovery: a statement with a syntax error is abandoned (`Panic`) and the parser
// skips to the end of its line — past any `{ … }` it opened — so one mistake gives one
// message. Commands and layers are checked against the registry as they are parsed; an
// unknown command abandons its statement too.

import Diagnostics

/// Thrown to abandon a statement whose error has already been recorded.
struct Panic: Error {}

public struct Parser {
    let tokens: [Token]
    /// The text parsed (an expression argument keeps its own text).
    let source: SourceFile
    var index = 0
    let registry: CommandRegistry
    public internal(set) var errors: [LanguageError]
    /// `{` of blocks and residuals currently open, for the nesting limit.
    var depth = 0
    /// `res {` braces open in the current statement, so recovery can skip to their `}`.
    var openResidualBraces = 0
    /// Command blocks (`sweep … { }`) open around the current token: `let x ~ …` needs one.
    var commandBlocks = 0
    static let nestingLimit = 32

    public init(_ source: SourceFile, registry: CommandRegistry) {
        let (tokens, errors) = Lexer.tokenize(source)
        self.tokens = tokens
        self.source = source
        self.errors = errors
        self.registry = registry
    }

    /// Parses the whole input; `errors` then holds every problem found, in source order.
    public mutating func parseScript() -> Script {
        let statements = statementList(inBlock: false)
        errors.sort { $0.span.startOffset < $1.span.startOffset }
        return Script(statements: statements)
    }

    // MARK: Statements

    mutating func statementList(inBlock: Bool) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while current.kind == .newline || current.kind == .semicolon { advance() }
            if current.kind == .end || (inBlock && current.kind == .rightBrace) { return statements }
            if current.kind == .rightBrace {
                record(.unmatchedClosingBrace, at: current.span)
                advance()
                continue
            }
            do {
                statements.append(try statement())
                try endOfStatement(inBlock: inBlock)
            } catch {
                synchronize(inBlock: inBlock)
            }
        }
    }

    mutating func statement() throws -> Statement {
        let start = current
        switch current.kind {
        case .narrative(let text):
            advance()
            return Statement(.narrative(text), span: start.span)
        case .word(let verb):
            switch registry.command(named: verb)?.form {
            case .variable?: return Statement(.variable(try letStatement()), span: spanned(from: start))
            case .network?: return Statement(.network(try netStatement()), span: spanned(from: start))
            case .conditional?: return Statement(.conditional(try ifStatement()), span: spanned(from: start))
            case nil where verb == "else": throw fail(.elseWithoutIf, at: start.span)
            default: return Statement(.command(try command()), span: spanned(from: start))
            }
        default:
            throw fail(.expected(.command, found: current.quoted), at: current.span)
        }
    }

    mutating func endOfStatement(inBlock: Bool) throws {
        if current.endsStatement || (inBlock && current.kind == .rightBrace) { return }
        throw fail(.expected(.endOfStatement, found: current.quoted), at: current.span)
    }

    mutating func letStatement() throws -> LetStatement {
        let start = advance()
        let name = try self.name(for: "variable")
        if match(.equals) != nil {
            let value = try self.value(after: "=")
            return LetStatement(name: name, binding: .value(value), span: spanned(from: start))
        }
        if match(.tilde) != nil {
            var distribution = try self.distribution()
            if current.word == "per" {
                advance()
                let depthName = try self.name(for: "depth parameter")
                distribution.perLayer = depthName
                distribution.span = distribution.span.through(depthName.span)
            }
            if commandBlocks == 0 { record(.distributionOutsideSweep(name.name), at: distribution.span) }
            return LetStatement(name: name, binding: .distribution(distribution), span: spanned(from: start))
        }
        throw fail(.expected(.equalsOrTilde(after: "let \(name)"), found: current.quoted), at: current.span)
    }

    mutating func command() throws -> Command {
        let verbToken = advance()
        let verb = Identifier(verbToken.text, span: verbToken.span)
        guard let spec = registry.command(named: verb.name) else {
            let suggestion = suggest(verb.name, among: registry.commandNames)
            throw fail(.unknownCommand(verb.name, suggestion: suggestion), at: verb.span)
        }
        var binding: Identifier?
        if case .binding(let kind) = spec.form {
            binding = try name(for: kind.noun ?? "name")
            try expect(.equals, .equals(after: "\(verb.name) \(binding?.name ?? "")"))
        }
        let expression = spec.form == .expectation ? try self.expression() : nil
        let operands = try self.operands(of: spec)
        commandBlocks += 1
        defer { commandBlocks -= 1 }
        let block = current.kind == .leftBrace ? try self.block() : nil
        var command = Command(
            verb: verb, binding: binding, operands: operands, block: block,
            span: spanned(from: verbToken))
        command.expression = expression
        // Bound once, here: the interpreter runs the binding the parser checked.
        do { command.bound = try registry.bind(command).binding } catch { errors += error.errors }
        return command
    }

    mutating func ifStatement() throws -> IfStatement {
        advance()
        let test = try ifTest()
        guard current.kind == .leftBrace else {
            throw fail(.expected(.openingBrace(after: "if …"), found: current.quoted), at: current.span)
        }
        let then = try block()
        guard current.word == "else" else { return IfStatement(test: test, then: then, otherwise: nil) }
        advance()
        if current.word == "if" {
            let start = current
            let nested = Statement(.conditional(try ifStatement()), span: spanned(from: start))
            return IfStatement(test: test, then: then, otherwise: Block(statements: [nested], span: nested.span))
        }
        guard current.kind == .leftBrace else { throw fail(.expected(.elseBody, found: current.quoted), at: current.span) }
        return IfStatement(test: test, then: then, otherwise: try block())
    }

    mutating func ifTest() throws -> IfTest {
        var clauses = [try ifClause()]
        var joiner = IfTest.Joiner.and
        while let word = current.word, let next = IfTest.Joiner(rawValue: word) {
            if clauses.count > 1, next != joiner { throw fail(.mixedJoiners, at: current.span) }
            joiner = next
            advance()
            clauses.append(try ifClause())
        }
        return IfTest(clauses: clauses, joiner: joiner, span: clauses[0].span.through(clauses[clauses.count - 1].span))
    }

    mutating func ifClause() throws -> IfClause {
        let subject = try value(after: "if")
        if case .comparison(let op) = current.kind {
            advance()
            let other = try value(after: op.rawValue)
            return IfClause(subject: subject, relation: .compare(op, other), span: subject.span.through(other.span))
        }
        guard current.word == "in" else {
            throw fail(.expected(.comparison(after: "if \(subject.text)"), found: current.quoted), at: current.span)
        }
        advance()
        try expect(.leftParen, .openingParen(after: "in"))
        var values = [try value(after: "(")]
        while match(.comma) != nil { values.append(try value(after: ",")) }
        let close = try expect(.rightParen, .closingParen)
        return IfClause(subject: subject, relation: .isOneOf(values), span: subject.span.through(close.span))
    }

    mutating func block() throws -> Block {
        let open = advance()
        guard depth < Self.nestingLimit else { throw fail(.nestingTooDeep(limit: Self.nestingLimit), at: open.span) }
        depth += 1
        defer { depth -= 1 }
        let statements = statementList(inBlock: true)
        guard current.kind == .rightBrace else {
            record(.unclosedBlock(opening: open.span), at: current.span)
            return Block(statements: statements, span: spanned(from: open))
        }
        advance()
        return Block(statements: statements, span: spanned(from: open))
    }

    /// Skips the rest of an abandoned statement: to the end of its line or `;`, past any
    /// braces opened on the way, stopping before a `}` that closes the enclosing block.
    mutating func synchronize(inBlock: Bool) {
        var braces = openResidualBraces
        openResidualBraces = 0
        while current.kind != .end {
            switch current.kind {
            case .newline where braces == 0, .semicolon where braces == 0: return
            case .leftBrace: braces += 1
            case .rightBrace where braces > 0: braces -= 1
            case .rightBrace: if inBlock { return }
            default: break
            }
            advance()
        }
    }
}
