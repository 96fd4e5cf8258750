// Nothing a user loads may trap: thousands of seeded random mutations of valid CSV and NPY
// files (byte flips, truncations, insertions) must each load or throw a DataError.

import Datasets
import Kernels
import Testing

@Suite struct MutationTests {
    /// `count` mutants of `original`: each flips, deletes or inserts a few bytes, or truncates.
    func mutants(of original: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in
            var bytes = original
            for _ in 0..<(1 + rng.int(below: 4)) where !bytes.isEmpty {
                let i = rng.int(below: bytes.count)
                switch rng.int(below: 4) {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
                default: bytes = Array(bytes[0..<i])
                }
            }
            return bytes
        }
    }

    /// True if `body` returns, false if it throws a DataError; any other error is a failure.
    func loads(_ body: () throws -> Dataset) -> Bool {
        do {
            _ = try body()
            return true
        } catch is DataError {
            return false
        } catch {
            Issue.record("unexpected error \(error)")
            return false
        }
    }

    @Test func mutatedNPYNeverTraps() throws {
        let original = try NPY.encode(float32: (0..<24).map(Float.init), shape: [2, 3, 4])
        var decoded = 0
        for bytes in mutants(of: original, count: 5000, seed: 1) {
            do {
                _ = try bytes.withUnsafeBufferPointer { (b) throws(NPYProblem) -> NPYArray in try NPY.decode(b) }
                decoded += 1
            } catch {}
        }
        #expect(decoded < 5000)  // most mutants are rejected, none trapped
        // A few through the file loader too, paired with labels.
        let dir = try ScratchDirectory()
        let labels = try dir.file("y.npy", bytes: NPY.encode(int64: [0, 1], shape: [2]))
        for (k, bytes) in mutants(of: original, count: 100, seed: 3).enumerated() {
            let path = try dir.file("m\(k).npy", bytes: bytes)
            _ = loads { try Dataset.loadNPY(inputs: path, targets: labels) }
        }
    }

    @Test func mutatedCSVNeverTraps() throws {
        let original = Array("a,b,label\n0.5,1e-3,0\n-2,3.25,1\n7,8,2\n".utf8)
        var loaded = 0
        for bytes in mutants(of: original, count: 5000, seed: 2) {
            if loads({ try CSV.dataset(CSV.parse(bytes, path: "m.csv"), target: "label", path: "m.csv") }) { loaded += 1 }
        }
        #expect(loaded > 0 && loaded < 5000)
    }
}
