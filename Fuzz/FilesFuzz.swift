// libFuzzer target: random bytes → the readers of what users hand Basin: CSV tables, NPY arrays,
// safetensors weights and `basin trial` configs (TestSupport/FileReaderFuzz.swift; the first byte
// picks the reader). Built by `scripts/fuzz.sh files`; any trap, crash or sanitizer report is a
// bug, and an input that takes long (a size check missing) shows as a timeout.
import Foundation
import Networks
import TestSupport

nonisolated(unsafe) let fuzzNetwork = FileReaderFuzz.network()
/// Where a trial config's files resolve: an empty directory (writes are refused anyway).
nonisolated(unsafe) let fuzzDirectory: String = {
    let path = NSTemporaryDirectory() + "basin-files-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func filesFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FileReaderFuzz.exercise(Array(UnsafeBufferPointer(start: data, count: size)), network: fuzzNetwork, directory: fuzzDirectory)
    return 0
}
