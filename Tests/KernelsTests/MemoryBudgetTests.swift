// BASIN_MEMORY: sizes as a classroom writes them, and the refusals of unusable ones.
import Kernels
import Testing

@Suite("Memory budget (BASIN_MEMORY)")
struct MemoryBudgetTests {
    static let sizes: [(text: String, bytes: Int)] = [
        ("512M", 536_870_912), ("512MiB", 536_870_912), ("2G", 2_147_483_648), ("1.5GB", 1_610_612_736),
        ("800k", 819_200), ("1048576", 1_048_576), (" 64 m ", 67_108_864),
    ]

    @Test("sizes parse with k, M, G and their variants", arguments: sizes)
    func parses(_ c: (text: String, bytes: Int)) {
        #expect(MemoryBudget.parse(c.text) == c.bytes)
    }

    @Test("what is not a size, or too small, is refused with how to write it", arguments: ["lots", "-1G", "0", "1e30G", "M"])
    func refuses(_ text: String) {
        #expect(MemoryBudget.parse(text) == nil)
        #expect(MemoryBudget.problem(environment: ["BASIN_MEMORY": text])?.contains("write it as 512M") == true)
    }

    @Test("a budget under 64M is refused; unset or empty is fine")
    func minimum() {
        #expect(MemoryBudget.problem(environment: ["BASIN_MEMORY": "16M"])?.contains("below 64M") == true)
        #expect(MemoryBudget.problem(environment: [:]) == nil && MemoryBudget.problem(environment: ["BASIN_MEMORY": ""]) == nil)
        #expect(MemoryBudget.problem(environment: ["BASIN_MEMORY": "512M"]) == nil)
    }
}
