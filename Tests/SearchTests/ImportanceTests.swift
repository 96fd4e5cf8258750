import Kernels
import Search
import Testing

// fANOVA-lite importance: a parameter the objective ignores scores near 0, the one that drives
// it scores high, and a choice's effect is found through its values.
#if canImport(Glibc)
import Glibc
#endif

struct ImportanceTests {
    @Test func findsTheParameterThatMatters() throws {
        let space = try SearchSpace([
            .log("lr", 1e-4, 1e-1), .uniform("noise", 0, 1), .choice("act", [.word("relu"), .word("tanh")]),
        ])
        var sampler = RandomSampler(space: space, seed: 3)
        var rng = RNG(seed: 4)
        // Loss: a valley in log lr at 1e-2, a small effect of act, nothing from `noise`.
        let trials = runTrials(&sampler, trials: 200) { c in
            let lr = c.number("lr")!
            return abs(log10(lr) + 2) + (c.word("act") == "tanh" ? 0.3 : 0) + 0.05 * rng.normalDouble()
        }
        let importance = Importance.of(space, trials: trials)
        #expect(importance.map(\.name) == ["lr", "act", "noise"])
        #expect(importance[0].share > 0.6)
        #expect(importance[2].share < 0.05)
        #expect(importance.allSatisfy { $0.trials == 200 })
    }

    @Test func tooFewTrialsGiveZero() throws {
        let space = try SearchSpace([.uniform("x", 0, 1)])
        let trials = [Trial(number: 0, configuration: ["x": .number(0.5)], objective: 1)]
        #expect(Importance.of(space, trials: trials).first?.share == 0)
        #expect(Importance.of(space, trials: []).first?.trials == 0)
    }
}
