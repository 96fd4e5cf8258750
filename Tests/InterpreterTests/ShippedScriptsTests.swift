// Every tutorial and saved session that ships with Basin runs to the end in batch mode.
import Foundation
import Interpreter
import Testing

@Suite("Shipped scripts")
struct ShippedScriptsTests {
    /// The repository root, from this file's path (Tests/InterpreterTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static var scripts: [String] {
        ["tutorials", "sessions"].flatMap { dir -> [String] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + dir)) ?? []
            return files.filter { $0.hasSuffix(".basin") }.sorted().map { dir + "/" + $0 }
        }
    }

    @Test("there are tutorials to run")
    func tutorialsExist() {
        #expect(Self.scripts.filter { $0.hasPrefix("tutorials/") }.count >= 2)
    }

    @Test("each runs without an error", arguments: scripts)
    func runs(_ path: String) throws {
        let text = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
        let host = RecordingHost()
        let scratch = NSTemporaryDirectory() + "basin-shipped-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let session = Session(host: host, settings: SessionSettings(directory: Self.root, sessionsDirectory: scratch))
        let status = session.execute(text, file: path)
        #expect(status == .ok, "\(path):\n\(host.lines.suffix(12).joined(separator: "\n"))")
    }
}
