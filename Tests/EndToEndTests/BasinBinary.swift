// Where the real `basin` binary is, and scratch directories for a test.
//
// The binary next to this test bundle is preferred (same build configuration: `swift build -c
// release --build-tests` builds both); otherwise `.build/release/basin` under the package
// root found from this file's path. scripts/test.sh builds release before `swift test`.
import Foundation
import Glibc
import TestSupport

enum BasinBinary {
    static let packageRoot: String = {
        // …/Tests/EndToEndTests/BasinBinary.swift → the package root, three levels up.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let path: String = {
        if let bundleDirectory = testExecutableDirectory() {
            let sibling = bundleDirectory + "/basin"
            if access(sibling, X_OK) == 0 { return sibling }
        }
        return packageRoot + "/.build/release/basin"
    }()

    static var exists: Bool { access(path, X_OK) == 0 }

    static let missingHint = "no basin binary at \(path): build it first (swift build -c release), or run scripts/test.sh"

    /// The directory of the running test executable (`/proc/self/exe`).
    static func testExecutableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The bundle may be a directory (`X.xctest/…`) or a plain executable.
        guard let range = exe.range(of: ".xctest") else { return (exe as NSString).deletingLastPathComponent }
        return (String(exe[..<range.lowerBound]) as NSString).deletingLastPathComponent
    }

    /// The argument quoted for `sh -c`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A temporary directory removed when the test ends (call `remove()` in a defer).
struct Scratch {
    let path: String

    init() {
        path = TestDirectories.make("e2e")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
