// Completion: commands, arguments, choices, keywords, layers and workspace names.

import Language
import Testing

struct CompletionCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// The line, with `|` marking the cursor.
    let line: String
    let expected: [String]
    var testDescription: String { name }
}

let workspace = Completer(names: { kind in
    switch kind {
    case .net: return ["a", "big"]
    case .data: return ["d", "m"]
    case .sweep: return ["s"]
    case .variable: return ["width", "lr"]
    case .any: return []
    }
})

let completionCases: [CompletionCase] = [
    CompletionCase(name: "command prefix", line: "tr|", expected: ["train"]),
    CompletionCase(name: "an expect's fields after a net", line: "expect big.v|", expected: ["big.val"]),
    CompletionCase(name: "an expect's metric after a part", line: "expect big.val.a|", expected: ["big.val.acc"]),
    CompletionCase(name: "an expect's names and functions", line: "expect s|", expected: ["s", "sd(", "se("]),
    CompletionCase(
        name: "several commands share a prefix", line: "s|",
        expected: ["save", "schedule", "section", "seed", "sharpness", "show", "split", "step", "sweep"]),
    CompletionCase(name: "argument names of the command being typed", line: "train a ep|", expected: ["epochs="]),
    CompletionCase(name: "used arguments are not offered again", line: "train a epochs=3 e|", expected: ["early=", "every="]),
    CompletionCase(name: "choice values of an argument", line: "landscape a dirs=|", expected: ["pca", "random"]),
    CompletionCase(name: "choice values of a positional slot", line: "opt a ad|", expected: ["adam", "adamw"]),
    CompletionCase(name: "flags", line: "opt a sgd nes|", expected: ["nesterov"]),
    CompletionCase(name: "a data source", line: "data q = spi|", expected: ["spiral"]),
    CompletionCase(
        name: "a data source or a dataset to derive from", line: "data few = m|", expected: ["m", "mnist1d", "modadd", "moons"]),
    CompletionCase(name: "nothing for the name being defined", line: "data sp|", expected: []),
    CompletionCase(name: "keyword slots", line: "train a o|", expected: ["on"]),
    CompletionCase(name: "names after a keyword come from the workspace", line: "train a on |", expected: ["d", "m"]),
    CompletionCase(name: "net names for a net slot", line: "compare a |", expected: ["a", "big"]),
    CompletionCase(name: "layer names in a net spec", line: "net n = dense 3 relu, d|", expected: ["dense", "dropout"]),
    CompletionCase(name: "activation after a layer size", line: "net n = dense 32 r|", expected: ["relu"]),
    CompletionCase(name: "layer arguments", line: "net n = conv 25 p|", expected: ["pad="]),
    CompletionCase(name: "no layer names for a layer argument's value", line: "net n = conv 25 k=|", expected: []),
    CompletionCase(name: "layers inside a residual block", line: "net n = res { f|", expected: ["flatten"]),
    CompletionCase(name: "distributions after '~'", line: "let lr ~ l|", expected: ["log("]),
    CompletionCase(name: "variables after '$'", line: "opt a adam lr=$l|", expected: ["$lr"]),
    CompletionCase(name: "help completes command names", line: "help sha|", expected: ["sharpness"]),
    CompletionCase(name: "a new statement after ';'", line: "train a; pl|", expected: ["plot"]),
    CompletionCase(name: "a statement inside a sweep body", line: "sweep s { tr|", expected: ["train"]),
    CompletionCase(name: "nothing inside a string", line: "export a \"a.c|", expected: []),
    CompletionCase(name: "nothing inside a comment", line: "train a # ep|", expected: []),
    CompletionCase(name: "aliases complete too", line: "ex|", expected: ["exit", "expect", "explain", "export"]),
]

@Suite("Completion")
struct CompletionTests {
    @Test("candidates", arguments: completionCases)
    func candidates(_ testCase: CompletionCase) {
        let cursor =
            testCase.line.utf8.firstIndex(of: UInt8(ascii: "|")).map {
                testCase.line.utf8.distance(from: testCase.line.utf8.startIndex, to: $0)
            } ?? 0
        let line = String(testCase.line.filter { $0 != "|" })
        let completion = workspace.complete(line, cursor: cursor)
        #expect(completion.candidates.map(\.text) == testCase.expected)
    }

    @Test("the replaced range is the partial word before the cursor")
    func replacedRange() {
        let completion = workspace.complete("train a ep", cursor: 10)
        #expect(completion.replaceStart == 8)
        #expect(completion.replaceEnd == 10)
        #expect(completion.prefix == "ep")
        #expect(completion.commonPrefix == "epochs=")
    }

    @Test("common prefix of several candidates")
    func commonPrefix() {
        #expect(workspace.complete("opt a ad", cursor: 8).commonPrefix == "adam")
    }

    @Test("a cursor outside the line is clamped")
    func clampedCursor() {
        #expect(workspace.complete("tr", cursor: 99).candidates.map(\.text) == ["train"])
        #expect(workspace.complete("tr", cursor: -4).candidates.count == standard.commandNames.count)
    }
}
