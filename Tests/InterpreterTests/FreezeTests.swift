// freeze / unfreeze: frozen layers' parameters come out of training bit for bit as they went in —
// under AdamW's decoupled weight decay and gradient clipping too — while the rest trains; seeds
// keep the set; `show` marks it; bad layer lists are refused at the word.
import Charts
import Networks
import TestSupport
import Testing

@testable import Interpreter

@Suite("freeze and unfreeze")
struct FreezeTests {
    static let setup = """
        data d = spiral n=300 classes=3
        net a = dense 16 relu, dense 16 relu, dense 3
        opt a adamw lr=1e-2 wd=0.1
        train a on d epochs=1
        """

    /// The parameters of top-level layer `i` (from 1) of `net`'s run.
    func parameters(_ f: LookingFixture, _ net: String, layer i: Int, replica: Int? = nil) throws -> [Float] {
        var entry = try #require(f.session.workspace.nets[net])
        if let replica { entry = entry.replicas[replica] }
        let network = try #require(entry.currentNetwork)
        let start = network.stack.parameterOffsets[i - 1], count = network.layers[i - 1].parameterCount
        return Array(network.parameters.array[start..<(start + count)])
    }

    @Test("frozen layers do not change at all; the others train")
    func frozenLayersStay() throws {
        let f = LookingFixture()
        #expect(f.run(Self.setup + "\nfreeze a 1..2") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        #expect(f.recorder.texts.last == "a: layers 1–2 frozen (48 parameters)")
        let before = try (1...5).map { try parameters(f, "a", layer: $0) }
        #expect(f.run("train a epochs=3") == .ok)
        let after = try (1...5).map { try parameters(f, "a", layer: $0) }
        #expect(before[0].map(\.bitPattern) == after[0].map(\.bitPattern), "layer 1 moved")
        #expect(before[2] != after[2] && before[4] != after[4], "the unfrozen layers should train")
        #expect(f.run("unfreeze a\ntrain a epochs=1") == .ok)
        #expect(try parameters(f, "a", layer: 1) != after[0], "unfrozen, layer 1 trains again")
        #expect(f.recorder.texts.contains("a: every layer trains"))
    }

    @Test("every seed's copy keeps the frozen layers, and show marks them")
    func seedsAndShow() throws {
        let f = LookingFixture()
        let lines = "data d = spiral n=300 classes=3\nnet a = dense 16 relu, dense 16 relu, dense 3\nfreeze a 3\n"
        #expect(f.run(lines + "train a on d epochs=2 seeds=2") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let before = try parameters(f, "a", layer: 3, replica: 0)
        #expect(f.run("train a epochs=2") == .ok)
        #expect(try parameters(f, "a", layer: 3, replica: 0) == before)
        #expect(f.run("show a") == .ok)
        let table = try #require(f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }.last)
        #expect(table.rows.first { $0.first == "3" }?[2].hasSuffix("· frozen") == true, "\(table.rows)")
        #expect(table.rows.first { $0.first == "1" }?[2].contains("frozen") == false)
    }

    @Test(
        "layer lists past the net, empty ranges and words are refused at the word",
        arguments: [
            ("freeze a 7", "a has 5 layers; 7 goes past them"),
            ("freeze a 2..9", "a has 5 layers; 2..9 goes past them"),
            ("freeze a 3..1", "the range 3..1 is empty"),
            ("freeze a", "freeze needs the layers to keep fixed"),
        ])
    func refusals(_ c: (line: String, message: String)) throws {
        try expectRefused(Self.setup, then: c.line, saying: c.message)
    }
}

@Suite("net b = a[1..4], dense 5")
struct BorrowedLayerTests {
    static let setup = """
        data d = spiral n=300 classes=3
        net a = dense 16 relu, dense 16 relu, dense 3
        opt a adam lr=1e-2
        train a on d epochs=3
        """

    func parameters(_ f: LookingFixture, _ net: String) throws -> [Float] {
        try #require(f.session.workspace.nets[net]?.currentNetwork).parameters.array
    }

    @Test("borrowed layers start with the source's trained weights, keep them when the source trains on, and come back on reset")
    func copiesTrainedWeights() throws {
        let f = LookingFixture()
        #expect(f.run(Self.setup + "\nnet b = a[1..4], dense 3") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let a = try parameters(f, "a"), b = try parameters(f, "b")
        let body = 2 * 16 + 16 + 16 * 16 + 16  // layers 1–4: dense 16 (48), relu, dense 16 (272), relu
        #expect(Array(b[0..<body]) == Array(a[0..<body]))
        #expect(Array(b[body...]) != Array(a[body...]), "the new head is drawn fresh")
        #expect(f.run("train a epochs=2\nreset b") == .ok)
        #expect(Array(try parameters(f, "b")[0..<body]) == Array(a[0..<body]), "reset puts the borrowed weights back")
        #expect(f.run("show b") == .ok)
        let table = try #require(f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }.last)
        #expect(table.rows.first { $0.first == "3" }?[2].hasSuffix("· from a[3]") == true, "\(table.rows)")
    }

    @Test(
        "a net without weights, a range past it and a repeat are refused",
        arguments: [
            ("net u = dense 7\nnet b = u[1], dense 3", "u has no weights yet"),
            ("net b = a[2..8], dense 3", "a has 5 layers; 2..8 goes past them"),
            ("net b = a[1..2] x2, dense 3", "can be borrowed once, not repeated"),
            ("net b = res { a[1] }, dense 3", "borrowed layers go at the top level"),
        ])
    func refusals(_ c: (line: String, message: String)) throws {
        try expectRefused(Self.setup, then: c.line, saying: c.message)
    }
}

/// Runs `setup`, then `line`, which must fail with a message containing `message`.
func expectRefused(
    _ setup: String, then line: String, saying message: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let f = LookingFixture()
    f.run(setup)
    #expect(f.run(line) != .ok, sourceLocation: sourceLocation)
    let d = try #require(f.recorder.diagnostics.last, sourceLocation: sourceLocation)
    #expect(d.message.contains(message), "\(d.message)", sourceLocation: sourceLocation)
}

@Suite("data few = m classes=A..B n=N")
struct DerivedDataTests {
    @Test("a class subset keeps each part's examples of those classes, relabelled from 0, and never peeks at the test part")
    func classSubset() throws {
        let f = LookingFixture()
        #expect(
            f.run("data m = mnist1d n=2000\ndata few = m classes=5..9 n=60") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let m = try #require(f.session.workspace.datasets["m"]), few = try #require(f.session.workspace.datasets["few"])
        #expect(few.parts.train.count == 60 && few.full.classCount == 5)
        let sourceVal = (m.parts.validation.labels ?? []).filter { $0 >= 5 }.map { $0 - 5 }
        #expect(few.parts.validation.labels == sourceVal)
        #expect(few.parts.testCount > 0 && few.parts.testCount < m.parts.testCount)
        #expect(m.parts.peeks.isEmpty && few.parts.peeks.isEmpty, "deriving must not count as a look at the test part")
        // The first training examples of the subset are the source's first of those classes.
        let f40 = m.full.featureCount
        let firstSource = try #require((m.parts.train.labels ?? []).firstIndex { $0 >= 5 })
        #expect(
            Array(few.parts.train.inputs[0..<f40]) == Array(m.parts.train.inputs[firstSource * f40..<(firstSource + 1) * f40]))
    }

    @Test(
        "bad subsets are refused with what would work",
        arguments: [
            ("data few = m classes=8..12", "classes=8..12 is not allowed: expected a range within 0..9"),
            ("data few = m n=100", "keeps some of its classes: say which"),
            ("data few = mm classes=0..4", "'mm' is neither a source nor a dataset"),
            ("data s = spiral classes=0..2", "classes=0..2 keeps classes of a dataset"),
        ])
    func refusals(_ c: (line: String, message: String)) throws {
        try expectRefused("data m = mnist1d n=500", then: c.line, saying: c.message)
    }
}
