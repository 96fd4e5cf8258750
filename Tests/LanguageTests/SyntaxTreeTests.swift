// The AST: net specs, lets, sweeps, members, spans.

import Diagnostics
import Language
import Testing

/// The single statement of a line, or nil (with an issue recorded) if it did not parse.
func onlyStatement(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Statement.Kind? {
    let result = Script.parse(line)
    #expect(result.errors.isEmpty, "\(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return result.script.statements.first?.kind
}

func network(_ line: String) -> NetworkDefinition? {
    guard case .network(let net)? = onlyStatement(line) else { return nil }
    return net
}

/// A compact text form of layer items, for comparing whole specs at a glance.
func outline(_ items: [LayerItem]) -> String {
    items.map { item -> String in
        var text: String
        switch item.kind {
        case .layer(let layer): text = outline(layer)
        case .residual(let body): text = "res{" + outline(body) + "}"
        case .borrowed(let net, let layers): text = "\(net.name)[\(layers.text)]"
        }
        if let count = item.repeatCount { text += " x" + count.text }
        return text
    }.joined(separator: ", ")
}

func outline(_ layer: Layer) -> String {
    var text: String
    switch layer.kind {
    case .dense(let units): text = "dense(\(units.text))"
    case .conv(let channels, let kernel, let stride, let padding, let d):
        text =
            "conv\(d == 2 ? "2d" : "")(\(channels.text) k=\(kernel?.text ?? "-") s=\(stride?.text ?? "-") pad=\(padding?.text ?? "-"))"
    case .pool(let mode, let size, let d): text = "pool\(d == 2 ? "2d" : "")(\(mode.text) \(size.text))"
    case .flatten: text = "flatten"
    case .dropout(let rate): text = "dropout(\(rate.text))"
    case .batchNorm: text = "batchnorm"
    case .layerNorm: text = "layernorm"
    case .embed(let width, let vocabulary): text = "embed(\(width.text) vocab=\(vocabulary?.text ?? "-"))"
    case .attention(let heads, let causal): text = "attention(heads=\(heads?.text ?? "-")\(causal ? " causal" : ""))"
    case .transformer(let heads, let mlp, let causal):
        text = "transformer(heads=\(heads?.text ?? "-") mlp=\(mlp?.text ?? "-")\(causal ? " causal" : ""))"
    case .activation(let activation): text = activation.rawValue
    }
    if let activation = layer.activation { text += " " + activation.text }
    return text
}

struct NetCase: CustomTestStringConvertible, Sendable {
    let name: String
    let line: String
    let outline: String
    var testDescription: String { name }
}

let netCases: [NetCase] = [
    NetCase(
        name: "plain MLP", line: "net a = dense 32 relu, dense 32 relu, dense 3",
        outline: "dense(32) relu, dense(32) relu, dense(3)"),
    NetCase(name: "repetition", line: "net deep = dense 32 relu x20, dense 3", outline: "dense(32) relu x20, dense(3)"),
    NetCase(
        name: "residual blocks", line: "net r = dense 32 relu, res { dense 32 relu, dense 32 } x8, dense 3",
        outline: "dense(32) relu, res{dense(32) relu, dense(32)} x8, dense(3)"),
    NetCase(
        name: "convolutions", line: "net c = conv 25 k=5 s=2 pad=1 relu, pool max 2, flatten, dense 10",
        outline: "conv(25 k=5 s=2 pad=1) relu, pool(max 2), flatten, dense(10)"),
    NetCase(name: "borrowed layers", line: "net b = a[1..4], dense 5", outline: "a[1..4], dense(5)"),
    NetCase(name: "one borrowed layer", line: "net b = a[2], dense 5 relu", outline: "a[2], dense(5) relu"),
    NetCase(
        name: "sequence layers", line: "net t = embed 48, transformer heads=3 x3, attention heads=2 causal, dense 3",
        outline: "embed(48 vocab=-), transformer(heads=3 mlp=-) x3, attention(heads=2 causal), dense(3)"),
    NetCase(
        name: "sequence layers with every setting",
        line: "net t = embed 16 vocab=10, transformer heads=4 mlp=32 causal, dense 10",
        outline: "embed(16 vocab=10), transformer(heads=4 mlp=32 causal), dense(10)"),
    NetCase(
        name: "regularizing layers", line: "net b = dense 100 relu, dropout 0.3, batchnorm, layernorm gelu, dense 10",
        outline: "dense(100) relu, dropout(0.3), batchnorm, layernorm gelu, dense(10)"),
    NetCase(
        name: "activations as layers", line: "net t = dense 8, tanh, dense 8, leaky, linear",
        outline: "dense(8), tanh, dense(8), leaky, linear"),
    NetCase(
        name: "variables in sizes and counts", line: "net v = dense $width relu x$depth, dense 10",
        outline: "dense($width) relu x$depth, dense(10)"),
    NetCase(name: "layers continue after a trailing comma", line: "net m = dense 4,\n  dense 2", outline: "dense(4), dense(2)"),
    NetCase(
        name: "nested residual blocks over lines", line: "net n = res {\n res { dense 4 } x2,\n dense 4\n} x3",
        outline: "res{res{dense(4)} x2, dense(4)} x3"),
]

@Suite("Syntax tree")
struct SyntaxTreeTests {
    @Test("net specs", arguments: netCases)
    func netSpecs(_ testCase: NetCase) {
        #expect(network(testCase.line).map { outline($0.layers) } == testCase.outline)
    }

    @Test("a net's name and spans")
    func netSpans() {
        guard let net = network("net a = dense 32 relu x20") else { Issue.record("the net did not parse"); return }
        #expect(net.name.name == "a")
        #expect(net.name.span.column == 5)
        guard let item = net.layers.first, case .layer(let layer) = item.kind else { Issue.record("no layer"); return }
        #expect(item.span.column == 9 && item.span.endColumn == 26)
        #expect(layer.span.column == 9 && layer.span.endColumn == 22)
        #expect(item.repeatCount?.span.column == 24)
        #expect(net.span.endColumn == 26)
    }

    @Test("let with a value and with each distribution")
    func lets() {
        guard case .variable(let value)? = onlyStatement("let w = 64"),
            case .value(let sixtyFour) = value.binding
        else { Issue.record("let w"); return }
        #expect(value.name.name == "w" && sixtyFour.literal == .number(64))
        let expected: [(String, DistributionKind, Int)] = [
            ("let lr ~ log(1e-4, 1e-1)", .log, 2), ("let p ~ uniform(0, 1)", .uniform, 2),
            ("let d ~ int(1, 4)", .int, 2), ("let w ~ choice(16, 32, 64, 128)", .choice, 4),
            ("let a ~ choice(relu, tanh)", .choice, 2),
        ]
        for (line, kind, count) in expected {
            guard case .command(let sweep)? = onlyStatement("sweep s { \(line) }"),
                case .variable(let statement)? = sweep.block?.statements.first?.kind,
                case .distribution(let distribution) = statement.binding
            else { Issue.record("\(line)"); continue }
            #expect(distribution.kind == kind && distribution.arguments.count == count, "\(line)")
        }
    }

    @Test("'per DEPTH' after a distribution makes it per-layer")
    func perLayerDistribution() {
        guard case .command(let sweep)? = onlyStatement("sweep s { let d ~ int(1, 4); let w ~ choice(16, 32) per d }"),
            let statements = sweep.block?.statements, statements.count == 2,
            case .variable(let first) = statements[0].kind, case .distribution(let depth) = first.binding,
            case .variable(let second) = statements[1].kind, case .distribution(let width) = second.binding
        else { Issue.record("no per-layer let"); return }
        #expect(depth.perLayer == nil)
        #expect(width.perLayer?.name == "d" && width.kind == .choice)
        #expect(width.span.endColumn == second.span.endColumn)
        #expect(errorLines("sweep s { let w ~ int(1, 4) per }").count == 1)
    }

    @Test("a sweep keeps its body as statements")
    func sweepBody() {
        let text =
            "sweep s method=tpe trials=40 {\n  let lr ~ log(1e-4, 1e-1)\n  net t = dense 32 relu, dense 10\n  opt t adam lr=$lr\n}"
        guard case .command(let sweep)? = onlyStatement(text) else { Issue.record("no sweep"); return }
        #expect(sweep.verb.name == "sweep")
        #expect(sweep.block?.statements.count == 3)
        #expect(sweep.block?.span.line == 1 && sweep.block?.span.endLine == 5)
    }

    @Test("if: each comparison, in (…), else, else if, nested blocks")
    func ifStatements() {
        for op in ComparisonOperator.allCases {
            guard case .conditional(let c)? = onlyStatement("if $x \(op.rawValue) 3 { seed 1 }"),
                case .compare(let parsed, let value) = c.test.clauses.first?.relation
            else { Issue.record("if \(op)"); continue }
            #expect(
                parsed == op && value.kind == .number(NumberLiteral(3)) && c.test.clauses.first?.subject.kind == .variable("x"))
            #expect(c.then.statements.count == 1 && c.otherwise == nil)
            #expect(op.negated.negated == op && op.negated != op)
        }
        guard
            case .conditional(let chain)? = onlyStatement(
                "if $a in (sgd, \"adam\") {\n  seed 1\n} else if $b >= 2 { seed 2 } else { seed 3; seed 4 }"),
            case .isOneOf(let values) = chain.test.clauses.first?.relation,
            case .conditional(let nested)? = chain.otherwise?.statements.first?.kind
        else { Issue.record("chain"); return }
        #expect(values.map(\.kind) == [.word("sgd"), .string("adam")])
        #expect(chain.otherwise?.statements.count == 1)
        #expect(nested.otherwise?.statements.count == 2)
        guard case .conditional(let joined)? = onlyStatement("if $a == 1 and $b != x and $c in (2, 3) { seed 1 }") else {
            Issue.record("and"); return
        }
        #expect(joined.test.clauses.count == 3 && joined.test.joiner == .and)
        guard case .conditional(let either)? = onlyStatement("if $a == 1 or $a == 2 { seed 1 }") else {
            Issue.record("or"); return
        }
        #expect(either.test.clauses.count == 2 && either.test.joiner == .or)
        // `>` mid-line is a comparison; at the start of a line it is still narrative.
        #expect(onlyStatement("> if $x > 2 { }") == .narrative("if $x > 2 { }"))
    }

    @Test("if errors: no comparison, no block, else alone, else without a block")
    func ifErrors() {
        #expect(
            errorLines("if $x 3 { seed 1 }") == [
                "1: expected a comparison (==, !=, <, <=, >, >= or in (…)) after 'if $x', found '3'"
            ])
        #expect(errorLines("if $x == 3 seed 1") == ["1: expected '{' after 'if …', found 'seed'"])
        #expect(errorLines("else { seed 1 }") == ["1: 'else' without an 'if' before it"])
        #expect(errorLines("if $x == 3 { seed 1 } else seed 2") == ["1: expected '{' or 'if' after 'else', found 'seed'"])
        #expect(errorLines("if $x in (1, 2 { seed 1 }") == ["1: expected ')', found '{'"])
        #expect(
            errorLines("if $x == 1 and $y == 2 or $z == 3 { seed 1 }") == ["1: a test joins with 'and' or with 'or', not both"])
        #expect(errorLines("if $x == 1 and { seed 1 }") == ["1: expected a value after 'if', found '{'"])
        // Sampling still needs a sweep around it, an `if` is not enough.
        #expect(
            errorLines("if $x == 1 { let y ~ uniform(0, 1) }") == [
                "1: 'let y ~ …' samples a value; it only works in a sweep body"
            ])
        #expect(errorLines("sweep s { if $x == 1 { let y ~ uniform(0, 1) } }").isEmpty)
    }

    @Test("member references and narrative")
    func membersAndNarrative() {
        guard case .command(let eval)? = onlyStatement("eval s.best on test"),
            case .positional(let target)? = eval.operands.first
        else { Issue.record("eval"); return }
        #expect(target.kind == .member(["s", "best"]))
        #expect(onlyStatement("> Watch the loss.") == .narrative("Watch the loss."))
    }

    @Test("a data binding names the dataset")
    func dataBinding() {
        guard case .command(let data)? = onlyStatement("data d = spiral n=600") else { Issue.record("data"); return }
        #expect(data.binding?.name == "d")
        #expect(data.operands.count == 2)
    }

    @Test("statement spans cover their text")
    func statementSpans() {
        let source = SourceFile(text: "pause\ntrain a epochs=3 # go\nquit")
        let statements = Script.parse(source).script.statements
        #expect(statements.map { source.text(of: $0.span) } == ["pause", "train a epochs=3", "quit"])
    }
}
