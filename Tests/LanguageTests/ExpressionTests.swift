// The expression of `expect`: precedence, paths, calls, subtraction after a value, and the
// errors the parser finds before anything runs.
import Diagnostics
import Language
import Testing

/// The expression of a one-line `expect`, or the parse errors.
private func expression(_ line: String) throws -> Expression {
    let result = Script.parse(line)
    guard result.errors.isEmpty, case .command(let command)? = result.script.statements.first?.kind,
        let expression = command.expression
    else { throw LanguageErrors(result.errors) }
    return expression
}

/// A fully parenthesized rendering, to read precedence off.
private func shape(_ e: Expression) -> String {
    switch e.kind {
    case .number(let v): return NumberLiteral.format(v)
    case .variable(let name): return "$" + name
    case .path(let path): return path.map(\.name).joined(separator: ".")
    case .call(let name, let arguments): return name.name + "(" + arguments.map(shape).joined(separator: ", ") + ")"
    case .negate(let inner): return "-(" + shape(inner) + ")"
    case .arithmetic(let op, let a, let b): return "(\(shape(a)) \(op.rawValue) \(shape(b)))"
    case .comparison(let op, let a, let b): return "[\(shape(a)) \(op.rawValue) \(shape(b))]"
    case .logical(let joiner, let a, let b): return "{\(shape(a)) \(joiner.rawValue) \(shape(b))}"
    }
}

@Suite("Expressions")
struct ExpressionTests {
    @Test(
        "precedence: * before +, arithmetic before comparison, and before or",
        arguments: [
            ("expect a.val.acc - b.val.acc > 2 * se(a.val.acc)", "[(a.val.acc - b.val.acc) > (2 * se(a.val.acc))]"),
            ("expect a.gap > b.gap and b.gap > c.gap or $x == 1", "{{[a.gap > b.gap] and [b.gap > c.gap]} or [$x == 1]}"),
            ("expect -a.gap < (1 + 2) * 3", "[-(a.gap) < ((1 + 2) * 3)]"),
            ("expect a.val.acc -0.1 > b.val.acc", "[(a.val.acc - 0.1) > b.val.acc]"),
            ("expect max(a.val.acc, b.val.acc, 0.5) >= 0.5", "[max(a.val.acc, b.val.acc, 0.5) >= 0.5]"),
            ("expect s.best.width / 2 >= 16", "[(s.best.width / 2) >= 16]"),
        ])
    func precedence(_ line: String, _ expected: String) throws {
        #expect(shape(try expression(line)) == expected)
    }

    @Test("an unknown function is refused before anything runs, with the one suggestion")
    func unknownFunction() {
        let result = Script.parse("expect sdd(a.val.acc) > 0")
        #expect(result.errors.first?.diagnostic.message == "unknown function 'sdd'")
        #expect(result.errors.first?.diagnostic.help == "did you mean 'sd'?")
        #expect(result.errors.first?.span.column == 8)
    }

    @Test("a function's argument count is checked")
    func arity() {
        let result = Script.parse("expect abs(1, 2) > 0")
        #expect(result.errors.first?.diagnostic.message == "abs takes 1 value, got 2")
    }

    @Test("a claim needs a value after an operator, and a message is an optional string")
    func shapeErrors() throws {
        #expect(
            Script.parse("expect a.val.acc >").errors.first?.diagnostic.message.hasPrefix("expected a value after '>'") == true)
        #expect(Script.parse("expect a.val.acc > 0.5 and").errors.isEmpty == false)
        guard case .command(let c)? = Script.parse("expect a.steps > 0 \"trained\"").script.statements.first?.kind else {
            Issue.record("no command")
            return
        }
        #expect(c.bound?.slots["message"]?.first?.text == "\"trained\"")
    }
}
