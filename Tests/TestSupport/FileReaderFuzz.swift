// What the files fuzzer (Fuzz/FilesFuzz.swift, `scripts/fuzz.sh files`) feeds each input to, shared
// with the test that replays its corpus: the first byte picks the reader, the rest is the file —
// a CSV table, an NPY array, safetensors weights, or a `basin trial` config.
import Datasets
import Foundation
import Interpreter
import Lab
import Networks

public enum FileReaderFuzz {
    /// The readers, by the input's first byte modulo their count.
    public enum Reader: Int, CaseIterable, Sendable { case csv, npy, safetensors, trialConfig }

    /// A small net for the safetensors reader to check tensors against.
    public static func network() -> Network {
        // Valid by construction: three inputs, two dense layers with a norm between.
        try! Network(inputShape: [3], layers: [.dense(units: 4), .activation(.relu), .batchnorm, .dense(units: 2)])
    }

    /// Feeds `input` to the reader its first byte names; returns which, and whether it was accepted.
    @discardableResult
    public static func exercise(_ input: [UInt8], network: Network, directory: String) -> (Reader, accepted: Bool)? {
        guard let first = input.first else { return nil }
        let reader = Reader(rawValue: Int(first) % Reader.allCases.count) ?? .csv
        let bytes = Array(input.dropFirst())
        switch reader {
        case .csv:
            guard let table = try? CSV.parse(bytes, path: "fuzz.csv") else { return (reader, false) }
            return (reader, (try? CSV.dataset(table, target: table.columns.last ?? "y", path: "fuzz.csv")) != nil)
        case .npy:
            return bytes.withUnsafeBufferPointer { b in
                let raw = try? NPY.decode(b, asFloats: false)
                _ = try? NPY.decode(b, asFloats: true)
                return (reader, raw != nil)
            }
        case .safetensors:
            guard let (tensors, _) = try? Safetensors.decode(bytes, expecting: network) else { return (reader, false) }
            return (reader, (try? Safetensors.load(tensors, into: Network(stack: network.stack))) != nil)
        case .trialConfig:
            let status = ScaleOut.runTrial(config: Data(bytes), directory: directory, line: { _ in }, error: { _ in })
            return (reader, status == ExitCode.ok)
        }
    }
}
