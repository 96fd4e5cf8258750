// The files fuzzer's corpus (Fuzz/corpus-files: CSV, NPY, safetensors and trial-config inputs,
// the seeds and what `scripts/fuzz.sh files` found and merged) replayed through the same readers:
// every input returns (a crash or a trap fails the suite), and the seeds are read as the valid
// files they are.
import Foundation
import Networks
import TestSupport
import Testing

@Suite("Files fuzzer corpus")
struct FilesFuzzCorpusTests {
    static let directory = ShippedScriptsTests.root + "/Fuzz/corpus-files"

    func input(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + name)))
    }

    @Test("the seeds are valid files of each kind, and a hostile config is refused")
    func seeds() throws {
        let network = FileReaderFuzz.network()
        let scratch = TestDirectories.make("files-fuzz")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for (name, reader, accepted) in [
            ("seed-csv", FileReaderFuzz.Reader.csv, true), ("seed-npy-f4", .npy, true), ("seed-npy-i8", .npy, true),
            ("seed-npy-fortran", .npy, true), ("seed-safetensors", .safetensors, true), ("seed-trial", .trialConfig, true),
            ("seed-trial-bad", .trialConfig, false),
        ] {
            let result = FileReaderFuzz.exercise(try input(name), network: network, directory: scratch)
            #expect(result?.0 == reader && result?.accepted == accepted, "\(name): \(String(describing: result))")
        }
    }

    @Test("every input of the corpus returns")
    func replay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory).sorted()
        #expect(names.count > 100, "the corpus holds the merged inputs")
        let network = FileReaderFuzz.network()
        let scratch = TestDirectories.make("files-fuzz")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var kinds = Set<Int>()
        for name in names {
            if let (reader, _) = FileReaderFuzz.exercise(try input(name), network: network, directory: scratch) {
                kinds.insert(reader.rawValue)
            }
        }
        #expect(kinds.count == FileReaderFuzz.Reader.allCases.count, "every reader is exercised")
    }
}
