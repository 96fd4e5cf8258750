// `basin-bench grid`: placeholder until the landscape engine lands (issue 5 builds the fast path).
import ArgumentParser

struct GridBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grid", abstract: "Time a 51×51 grid of training losses of the trained MLP.")
    @Option var data: String?
    @Option var res = 51
    func run() throws {
        throw BenchError(description: "grid: not built yet")
    }
}
