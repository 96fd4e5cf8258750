// Rendered diagnostics, exactly: message, source line, caret run, notes and suggestion.

import Diagnostics
import Language
import TestSupport
import Testing

struct RenderCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let expected: String
    var testDescription: String { name }
}

let renderCases: [RenderCase] = [
    RenderCase(
        name: "unknown command gets the closest command", input: "trian a epochs=20",
        expected: """
            error: unknown command 'trian'
            1 | trian a epochs=20
              | ^^^^^
              = help: did you mean 'train'?
            """),
    RenderCase(
        name: "unknown argument gets the closest argument and the usage line", input: "train a epoch=20",
        expected: """
            error: unknown argument 'epoch' for 'train'
            1 | train a epoch=20
              |         ^^^^^
              = note: usage: train [NET] [on DATA] [epochs=N] [steps=N] [batch=N] [early=N] [every=N] [seeds=N] [cv=N]
              = help: did you mean 'epochs'?
            """),
    RenderCase(
        name: "type error says what was expected", input: "train a epochs=-3",
        expected: """
            error: epochs expects a positive integer, got -3
            1 | train a epochs=-3
              |                ^^
            """),
    RenderCase(
        name: "a wrong choice gets the closest choice", input: "landscape a 2d dirs=pac",
        expected: """
            error: dirs expects random or pca, got 'pac'
            1 | landscape a 2d dirs=pac
              |                     ^^^
              = help: did you mean 'pca'?
            """),
    RenderCase(
        name: "a wrong positional word gets the closest choice", input: "opt a sdg lr=0.1",
        expected: """
            error: 'opt' expects sgd, adam, adamw or rmsprop, got 'sdg'
            1 | opt a sdg lr=0.1
              |       ^^^
              = help: did you mean 'sgd'?
            """),
    RenderCase(
        name: "a missing positional points after the command", input: "fork a",
        expected: """
            error: 'fork' needs the new net's name after 'as'
            1 | fork a
              |       ^
              = note: usage: fork [NET] as NEW [at] [step=N]
            """),
    RenderCase(
        name: "probability out of range", input: "split d train=1.5",
        expected: """
            error: train expects a probability between 0 and 1, got 1.5
            1 | split d train=1.5
              |               ^^^
            """),
    RenderCase(
        name: "unknown layer", input: "net a = dens 32 relu, dense 3",
        expected: """
            error: unknown layer 'dens'
            1 | net a = dens 32 relu, dense 3
              |         ^^^^
              = help: did you mean 'dense'?
            """),
    RenderCase(
        name: "softmax is refused with a reason", input: "net a = dense 3 softmax",
        expected: """
            error: softmax is not a layer
            1 | net a = dense 3 softmax
              |                 ^^^^^^^
              = help: leave it out: the loss applies softmax to the outputs
            """),
    RenderCase(
        name: "unterminated string", input: "run \"lesson.basin",
        expected: """
            error: unterminated string
            1 | run "lesson.basin
              |     ^^^^^^^^^^^^^
              = help: add a closing '"'
            """),
    RenderCase(
        name: "malformed number", input: "step a 1.2.3",
        expected: """
            error: malformed number '1.2.3'
            1 | step a 1.2.3
              |        ^^^^^
              = help: numbers look like 1, 0.5, 1e-3, -2 or 10k
            """),
    RenderCase(
        name: "absurd number does not overflow", input: "train a epochs=1e999",
        expected: """
            error: number '1e999' is too large
            1 | train a epochs=1e999
              |                ^^^^^
              = help: use a smaller number
            """),
    RenderCase(
        name: "stray characters are one error", input: "train a @@ b",
        expected: """
            error: unexpected characters '@@'
            1 | train a @@ b
              |         ^^
            """),
    RenderCase(
        name: "duplicate argument points at both", input: "train a epochs=5 epochs=6",
        expected: """
            error: 'epochs' is given twice
            1 | train a epochs=5 epochs=6
              |                  ^^^^^^
              |         ^^^^^^^^ first given here
            """),
    RenderCase(
        name: "missing value after '='", input: "train a epochs=",
        expected: """
            error: expected a value after 'epochs=', found end of input
            1 | train a epochs=
              |                ^
            """),
    RenderCase(
        name: "unclosed block points at its opening", input: "sweep s {\n  train t",
        expected: """
            error: expected '}' to close the block
            2 |   train t
              |          ^
            1 | sweep s {
              |         ^ the block opened here
              = help: add '}' after the last line of the block
            """),
    RenderCase(
        name: "unknown distribution", input: "sweep s { let lr ~ logg(1e-4, 1e-1) }",
        expected: """
            error: unknown distribution 'logg'
            1 | sweep s { let lr ~ logg(1e-4, 1e-1) }
              |                    ^^^^
              = help: did you mean 'log'?
            """),
    RenderCase(
        name: "sampling outside a sweep", input: "let lr ~ log(1e-4, 1e-1)",
        expected: """
            error: 'let lr ~ …' samples a value; it only works in a sweep body
            1 | let lr ~ log(1e-4, 1e-1)
              |          ^^^^^^^^^^^^^^^
              = help: write 'let lr = VALUE', or put it inside 'sweep NAME { … }'
            """),
    RenderCase(
        name: "help of an unknown command", input: "help trian",
        expected: """
            error: unknown command 'trian'
            1 | help trian
              |      ^^^^^
              = help: did you mean 'train'?
            """),
    RenderCase(
        name: "a flag takes no value", input: "opt a sgd nesterov=1",
        expected: """
            error: nesterov expects no value (write the flag alone), got 1
            1 | opt a sgd nesterov=1
              |                    ^
            """),
    RenderCase(
        name: "tabs and non-ASCII text keep the caret aligned", input: "\tdata d = spïral épochs=3",
        expected: """
            error: unexpected character 'ï'
            1 |  data d = spïral épochs=3
              |             ^
            """),
]

@Suite("Diagnostics rendering")
struct DiagnosticTests {
    @Test("rendered diagnostic", arguments: renderCases)
    func rendered(_ testCase: RenderCase) {
        let source = SourceFile(text: testCase.input)
        let result = Script.parse(source)
        expectRendered(Array(result.diagnostics.prefix(1)), source: source, testCase.expected)
    }

    @Test("a named file gets a location line and a wider gutter past line 9")
    func locationLine() {
        let text = String(repeating: "\n", count: 11) + "trian a"
        let source = SourceFile(name: "lesson.basin", text: text)
        expectRendered(
            Script.parse(source).diagnostics, source: source,
            """
            error: unknown command 'trian'
              --> lesson.basin:12:1
            12 | trian a
               | ^^^^^
               = help: did you mean 'train'?
            """)
    }

    @Test("colour is a decorator around the same text")
    func colourDecorator() {
        let source = SourceFile(text: "trian")
        let diagnostic = Script.parse(source).diagnostics[0]
        let coloured = DiagnosticRenderer(style: ANSIStyle()).render(diagnostic, source: source)
        let stripped = coloured.replacing(#/\u{1B}\[[0-9;]*m/#, with: "")
        #expect(stripped == DiagnosticRenderer().render(diagnostic, source: source))
        #expect(coloured.contains("\u{1B}[1;31merror:"))
    }

    @Test("unknown command carries a fix-it replacing the verb")
    func fixIt() {
        let diagnostic = Script.parse("trian a").diagnostics[0]
        #expect(diagnostic.fixIt?.replacement == "train")
        #expect(diagnostic.fixIt?.span.startOffset == 0)
        #expect(diagnostic.fixIt?.span.endOffset == 5)
    }

    @Test("without a source only message, notes and help are printed")
    func withoutSource() {
        let diagnostic = Diagnostic.error(
            "shapes do not match: [32, 10] × [3, 32]", at: .start(of: ""),
            notes: [DiagnosticNote("layer 2 expects 32 inputs")], help: "check the data's width")
        #expect(
            DiagnosticRenderer().render(diagnostic, source: nil) == """
                error: shapes do not match: [32, 10] × [3, 32]
                  = note: layer 2 expects 32 inputs
                  = help: check the data's width
                """)
    }
}

/// A long source line is shown as a window around the span, with the caret still under it.
@Suite struct LongLineDiagnosticTests {
    @Test func longLinesAreClippedAroundTheSpan() {
        let text = String(repeating: "a", count: 500) + " trian " + String(repeating: "b", count: 500)
        let source = SourceFile(name: "long.basin", text: text)
        let span = SourceSpan(
            file: "long.basin", line: 1, column: 502, endLine: 1, endColumn: 507, startOffset: 501, endOffset: 506)
        let rendered = DiagnosticRenderer(style: PlainStyle()).render(.error("unknown command 'trian'", at: span), source: source)
        let lines = rendered.split(separator: "\n").map(String.init)
        let code = lines.first { $0.hasPrefix("1 |") } ?? ""
        let caret = lines.first { $0.contains("^") } ?? ""
        #expect(code.count < DiagnosticRenderer.maxShownColumns + 10, "\(code.count)")
        #expect(code.hasPrefix("1 | …") && code.hasSuffix("…"), "\(code)")
        // The caret sits under "trian" in the window shown.
        let at = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
        let word = code.range(of: "trian").map { code.distance(from: code.startIndex, to: $0.lowerBound) } ?? -2
        #expect(at == word, "caret at \(at), word at \(word)")
        #expect(caret.filter { $0 == "^" }.count == 5)
    }
}
