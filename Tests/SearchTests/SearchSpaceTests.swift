// Search spaces: validation errors, sampling ranges and log scaling, and conditional parameters
// (a parameter whose layer does not exist is never sampled).
import Foundation
import Kernels
import Search
import Testing

struct SearchSpaceTests {
    static let invalid: [(String, Parameter, SearchError)] = [
        ("inverted uniform", .uniform("a", 2, 1), .invertedRange(parameter: "a", low: 2, high: 1)),
        ("inverted int", .int("n", 5, 4), .invertedRange(parameter: "n", low: 5, high: 4)),
        ("zero log bound", .log("lr", 0, 1), .nonPositiveLogBound(parameter: "lr", low: 0)),
        ("negative log bound", .log("lr", -1, 1), .nonPositiveLogBound(parameter: "lr", low: -1)),
        ("log int from 0", .int("w", 0, 8, log: true), .nonPositiveLogBound(parameter: "w", low: 0)),
        ("infinite bound", .uniform("a", 0, .infinity), .nonFiniteBound(parameter: "a")),
        ("NaN bound", .uniform("a", .nan, 1), .nonFiniteBound(parameter: "a")),
        ("empty choice", .choice("act", []), .emptyChoice(parameter: "act")),
        ("repeated choice", .choice("w", [.number(16), .number(16)]), .duplicateChoice(parameter: "w", value: .number(16))),
        ("unknown parent", .uniform("d", 0, 1, when: [.atLeast("depth", 2)]), .unknownParent(parameter: "d", parent: "depth")),
        ("huge int range", .int("n", Int.min, Int.max), .nonFiniteBound(parameter: "n")),
    ]

    @Test(arguments: invalid.indices)
    func rejectsInvalidParameters(_ i: Int) {
        let (name, parameter, expected) = Self.invalid[i]
        #expect(throws: expected, "\(name)") { try SearchSpace([parameter]) }
    }

    @Test func rejectsSpaceLevelMistakes() {
        #expect(throws: SearchError.emptySpace) { try SearchSpace([]) }
        #expect(throws: SearchError.duplicateParameter("lr")) { try SearchSpace([.log("lr", 1e-3, 1), .uniform("lr", 0, 1)]) }
        #expect(throws: SearchError.parentDeclaredLater(parameter: "w", parent: "w")) {
            try SearchSpace([.int("w", 1, 2, when: [.atLeast("w", 1)])])
        }
        #expect(throws: SearchError.orderingOnWords(parameter: "k", parent: "act")) {
            try SearchSpace([.choice("act", [.word("relu"), .word("tanh")]), .uniform("k", 0, 1, when: [.atLeast("act", 1)])])
        }
    }

    @Test func samplesStayInRangeAndLogScaleIsLogUniform() throws {
        let space = try SearchSpace([
            .uniform("u", -2, 3), .log("lr", 1e-4, 1e-1), .int("n", 1, 4), .int("w", 8, 256, log: true),
            .choice("act", [.word("relu"), .word("tanh"), .word("gelu")]),
        ])
        var rng = RNG(seed: 7)
        let draws = (0..<4000).map { _ in space.sample(using: &rng) }
        #expect(draws.allSatisfy(space.contains))
        let lrs = draws.map { $0.number("lr")! }.sorted()
        // Log-uniform on [1e-4, 1e-1]: median √(1e-4·1e-1) ≈ 3.16e-3 and a quarter below 10^-3.25.
        #expect(lrs[2000] > 2.5e-3 && lrs[2000] < 4e-3, "median \(lrs[2000])")
        let quarter = Double(lrs.filter { $0 < 5.62e-4 }.count) / 4000
        #expect(abs(quarter - 0.25) < 0.03)
        // Integers: both ends reached, each about a quarter of the time.
        let counts = (1...4).map { k in draws.filter { $0.number("n") == Double(k) }.count }
        #expect(counts.allSatisfy { abs(Double($0) / 4000 - 0.25) < 0.03 }, "\(counts)")
        let widths = draws.map { $0.number("w")! }
        #expect(widths.min() == 8 && widths.max() == 256)
        #expect(widths.filter { $0 < 45.25 }.count > 1700)  // log-spaced: about half below √(8·256)
        #expect(Set(draws.map { $0.word("act")! }).count == 3)
    }

    /// depth ~ int(1, 4); w1…w4 per layer; dropout only when act == relu.
    static func layeredSpace() throws -> SearchSpace {
        try SearchSpace(
            [.int("depth", 1, 4), .choice("act", [.word("relu"), .word("tanh")])]
                + Parameter.perLayer("w", count: 4, depth: "depth", .choice([16, 32, 64].map(ParameterValue.number)))
                + [
                    .uniform("drop", 0, 0.5, when: [.equals("act", .word("relu"))]),
                    .log("decay", 1e-5, 1e-2, when: [.equals("act", .word("relu")), .atLeast("depth", 3)]),
                ])
    }

    @Test func conditionalSpacesNeverSampleInactiveParameters() throws {
        let space = try Self.layeredSpace()
        var rng = RNG(seed: 11)
        for _ in 0..<2000 {
            let c = space.sample(using: &rng)
            let depth = Int(c.number("depth")!)
            for k in 1...4 { #expect((c["w\(k)"] != nil) == (k <= depth)) }
            #expect((c["drop"] != nil) == (c.word("act") == "relu"))
            #expect((c["decay"] != nil) == (c.word("act") == "relu" && depth >= 3))
            #expect(space.contains(c))
        }
    }

    @Test func containsRejectsExtraMissingAndOutOfRangeValues() throws {
        let space = try Self.layeredSpace()
        let ok: Configuration = ["depth": .number(1), "act": .word("tanh"), "w1": .number(16)]
        #expect(space.contains(ok))
        var extra = ok; extra["w2"] = .number(16)
        var missing = ok; missing["w1"] = nil
        var outside = ok; outside["w1"] = .number(17)
        #expect(!space.contains(extra) && !space.contains(missing) && !space.contains(outside))
        #expect(space.formatted(ok) == "depth=1 act=tanh w1=16")
    }

    @Test func samplingIsDeterministicFromTheSeed() throws {
        let space = try Self.layeredSpace()
        var a = RandomSampler(space: space, seed: 5), b = RandomSampler(space: space, seed: 5),
            c = RandomSampler(space: space, seed: 6)
        let xs = (0..<20).map { _ in a.propose(history: [])! }
        #expect(xs == (0..<20).map { _ in b.propose(history: [])! })
        #expect(xs != (0..<20).map { _ in c.propose(history: [])! })
    }

    /// Every stratum of every numeric range is used exactly once; each of a choice's k values is
    /// used n/k times, give or take the two strata its edges cut (10/3 → 2…4 here); every
    /// configuration is valid for the (conditional) space.
    @Test func latinHypercubeUsesEveryStratumOnce() throws {
        let space = try SearchSpace([
            .uniform("x", -5, 10), .log("lr", 1e-4, 1e-1), .int("units", 1, 100),
            .choice("act", [.word("relu"), .word("tanh"), .word("gelu")]),
            .uniform("drop", 0, 0.5, when: [.equals("act", .word("relu"))]),
        ])
        let n = 10
        var rng = RNG(seed: 4)
        let design = space.latinHypercube(n, using: &rng)
        #expect(design.count == n)
        #expect(design.allSatisfy(space.contains))
        func strata(_ name: String, _ toUnit: (Double) -> Double) -> [Int] {
            design.map { Int(toUnit($0.number(name)!) * Double(n)) }.sorted()
        }
        #expect(strata("x") { ($0 + 5) / 15 } == Array(0..<n))
        #expect(strata("lr") { log($0 / 1e-4) / log(1e3) } == Array(0..<n))
        let acts = design.map { $0.word("act")! }
        #expect(["relu", "tanh", "gelu"].allSatisfy { a in (2...4).contains(acts.filter { $0 == a }.count) })
        #expect(design.allSatisfy { ($0["drop"] != nil) == ($0.word("act") == "relu") })
        var again = RNG(seed: 4)
        #expect(space.latinHypercube(n, using: &again) == design)
        #expect(space.latinHypercube(0, using: &again).isEmpty)
    }
}
