// Whole-file parsing: every error reported, one message per mistake.

import Diagnostics
import Language
import Testing

/// (line, message) of every error in a script.
func errorLines(_ text: String) -> [String] {
    Script.parse(SourceFile(name: "t.basin", text: text)).errors.map { "\($0.span.line): \($0.message)" }
}

@Suite("Error recovery")
struct RecoveryTests {
    @Test("a file with several mistakes reports each once, in order")
    func severalErrors() {
        let script = """
            data d = spiral n=600
            trian a epochs=20
            net a = dense 32 relu, dens 3
            train a epochs=-3 batch=0
            opt a sgd lr=
            plot loss a
            eval a on tset
            """
        #expect(
            errorLines(script) == [
                "2: unknown command 'trian'",
                "3: unknown layer 'dens'",
                "4: epochs expects a positive integer, got -3",
                "4: batch expects a positive integer, got 0",
                "5: expected a value after 'lr=', found end of line",
                "7: 'eval' expects train, val or test, got 'tset'",
            ])
    }

    @Test("an error in a sweep body does not lose the rest of the body or the file")
    func errorInBlock() {
        let script = """
            sweep s method=tpe trials=4 {
              let lr ~ log(1e-4, 1e-1)
              opt t adm lr=$lr
              train t on m epochs=$budget
            }
            trian t
            """
        #expect(errorLines(script) == ["3: 'opt' expects sgd, adam, adamw or rmsprop, got 'adm'", "6: unknown command 'trian'"])
        let body = Script.parse(script).script.statements.first
        guard case .command(let sweep)? = body?.kind else { Issue.record("no sweep"); return }
        #expect(sweep.block?.statements.count == 3)
    }

    @Test("a syntax error in a block's header skips the whole block: one message")
    func errorInBlockHeader() {
        let script = """
            sweep s method= {
              train t
            }
            pause
            """
        #expect(errorLines(script) == ["1: expected a value after 'method=', found '{'"])
        #expect(Script.parse(script).script.statements.count == 1)
    }

    @Test("an unknown command skips its whole line, block included")
    func unknownCommandWithBlock() {
        #expect(errorLines("sweeep s {\n train t\n}\npause") == ["1: unknown command 'sweeep'"])
    }

    @Test("a broken residual block is one message")
    func brokenResidual() {
        #expect(errorLines("net a = res { dense 3 = } x2, dense 3\npause") == ["1: expected '}', found '='"])
    }

    @Test("a stray closing brace is reported and skipped")
    func strayBrace() {
        #expect(errorLines("}\npause") == ["1: unexpected '}' with no block open"])
    }

    @Test("an unclosed block at the end of the file")
    func unclosedBlock() {
        #expect(errorLines("sweep s {\n train t") == ["2: expected '}' to close the block"])
    }

    @Test("semicolons separate statements and errors")
    func semicolons() {
        #expect(
            errorLines("trian a; pause; eval a on tset") == [
                "1: unknown command 'trian'", "1: 'eval' expects train, val or test, got 'tset'",
            ])
        #expect(Script.parse("train a; pause; eval a").script.statements.count == 3)
    }

    @Test("lexical errors suppress the parser's complaint about the same statement")
    func lexicalThenSyntax() {
        #expect(
            errorLines("train a epochs=\"20\ntrain a epochs=@") == [
                "1: unterminated string", "2: unexpected character '@'",
            ])
    }

    @Test("blocks nested too deeply are refused, not recursed into")
    func deepNesting() {
        let deep = String(repeating: "sweep s {\n", count: 200) + String(repeating: "}\n", count: 200)
        let errors = Script.parse(deep).errors
        #expect(errors.contains { $0.message.contains("nested more than") })
        let residual = "net a = " + String(repeating: "res { ", count: 500) + "dense 3" + String(repeating: " }", count: 500)
        #expect(Script.parse(residual).errors.count == 1)
    }
}

@Suite("Incomplete input")
struct IncompleteInputTests {
    /// The one rule every prompt reads: braces left open, outside strings, comments and narrative.
    @Test(
        "a prompt asks for more lines while a block is open",
        arguments: [
            ("sweep s method=tpe {", 1), ("sweep s {\n  train t", 1), ("sweep s {\n train t\n}", 0),
            ("trian a", 0), ("sweep s { if depth > 1 {", 2), ("ask \"what is { ?\"", 0), ("train a  # {", 0),
            ("> a narrative line with {", 0), ("ask \"a \\\" quote {\"", 0), ("}", -1), ("sweep s {\n# }\n", 1),
        ])
    func braceBalance(_ text: String, _ expected: Int) {
        #expect(Script.braceBalance(of: text) == expected, "\(text)")
    }
}
