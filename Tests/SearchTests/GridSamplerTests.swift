// Grid search: points per range (log-spaced for log parameters), odometer order with the last
// parameter fastest, size, conditional parameters deduplicated, and refusal of huge grids.
import Search
import Testing

struct GridSamplerTests {
    @Test func orderAndSize() throws {
        let space = try SearchSpace([
            .choice("act", [.word("relu"), .word("tanh")]), .log("lr", 1e-3, 1e-1), .uniform("m", 0, 1),
        ])
        var grid = try GridSampler(space: space, pointsPerRange: 3)
        #expect(grid.size == 18)
        var seen: [String] = []
        while let c = grid.propose(history: []) { seen.append(space.formatted(c)) }
        #expect(seen.count == 18)
        #expect(
            Array(seen.prefix(4)) == [
                "act=relu lr=0.001 m=0", "act=relu lr=0.001 m=0.5", "act=relu lr=0.001 m=1",
                "act=relu lr=0.01 m=0",
            ])
        #expect(seen[9] == "act=tanh lr=0.001 m=0")
        #expect(seen.last == "act=tanh lr=0.1 m=1")
    }

    @Test func integersUseEveryValueOrSpreadPoints() throws {
        let small = try GridSampler(space: try SearchSpace([.int("n", 1, 3)]), pointsPerRange: 5)
        #expect(small.configurations.map { $0.number("n")! } == [1, 2, 3])
        let wide = try GridSampler(space: try SearchSpace([.int("w", 8, 128, log: true)]), pointsPerRange: 5)
        #expect(wide.configurations.map { $0.number("w")! } == [8, 16, 32, 64, 128])
        let one = try GridSampler(space: try SearchSpace([.uniform("x", 0, 10)]), pointsPerRange: 1)
        #expect(one.configurations.map { $0.number("x")! } == [5])
    }

    @Test func conditionalGridHasEachConfigurationOnce() throws {
        let space = try SearchSpace(
            [.int("depth", 1, 2)] + Parameter.perLayer("w", count: 2, depth: "depth", .choice([.number(8), .number(16)])))
        let grid = try GridSampler(space: space, pointsPerRange: 2)
        // depth 1: w1 ∈ {8, 16}; depth 2: 2 × 2.
        #expect(grid.size == 6)
        #expect(grid.configurations.allSatisfy(space.contains))
    }

    @Test func refusesHugeGridsAndZeroPoints() throws {
        let space = try SearchSpace((1...8).map { .uniform("x\($0)", 0, 1) })
        #expect(throws: SearchError.gridTooLarge(size: 390_625, limit: GridSampler.limit)) {
            try GridSampler(space: space, pointsPerRange: 5)
        }
        #expect(throws: SearchError.gridPoints(0)) { try GridSampler(space: space, pointsPerRange: 0) }
    }
}
