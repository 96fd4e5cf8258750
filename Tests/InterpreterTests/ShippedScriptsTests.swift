// Every tutorial and saved session that ships with Basin runs to the end in batch mode.
import Foundation
import Interpreter
import TestSupport
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
        let scratch = TestDirectories.make("shipped")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let session = Session(host: host, settings: SessionSettings(directory: Self.root, sessionsDirectory: scratch))
        let status = session.execute(text, file: path)
        #expect(status == .ok, "\(path):\n\(host.lines.suffix(12).joined(separator: "\n"))")
        let failed = host.lines.filter { $0.hasPrefix("FAILED: expect") }
        #expect(failed.isEmpty, "\(path): \(failed.joined(separator: "\n"))")
    }

    static var tutorials: [String] { scripts.filter { $0.hasPrefix("tutorials/") } }

    /// A lesson states only what its own run shows: each claim is an `expect`, and it must hold
    /// whatever the seed. The suite runs seeds 1–3 (and the default, above); `scripts/lessons.sh`
    /// runs 1–5, which the lessons' headers promise, and prints the README's table.
    @Test("each tutorial's claims are expects that hold for seeds 1 to 3", arguments: tutorials)
    func claimsHoldOverSeeds(_ path: String) throws {
        let text = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
        #expect(
            !text.split(separator: "\n").contains { $0.hasPrefix("seed ") }, "\(path) fixes its seed: --seed N would not reach it"
        )
        for seed in 1...3 {
            let host = RecordingHost()
            let scratch = TestDirectories.make("claims")
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let session = Session(host: host, settings: SessionSettings(directory: Self.root, sessionsDirectory: scratch))
            session.execute("seed \(seed)")
            #expect(session.execute(text, file: path) == .ok, "\(path) seed \(seed)")
            let verdicts = host.lines.filter { $0.hasPrefix("ok: expect") || $0.hasPrefix("FAILED: expect") }
            #expect(!verdicts.isEmpty, "\(path) makes no claim it checks")
            let failed = verdicts.filter { $0.hasPrefix("FAILED") }
            #expect(failed.isEmpty, "\(path) seed \(seed): \(failed.joined(separator: "\n"))")
        }
    }
}

@Suite("README")
struct ReadmeTests {
    /// The commands of the README's tour: every `basin> ` line of its code blocks, comments kept
    /// (they are comments in the language too).
    static func tourCommands() throws -> [String] {
        let text = try String(contentsOfFile: ShippedScriptsTests.root + "/README.md", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("basin> ") ? String(line.dropFirst("basin> ".count)) : nil
        }
    }

    @Test("the tour in the README runs as written")
    func tourRuns() throws {
        let commands = try Self.tourCommands()
        #expect(commands.count >= 8)
        let host = RecordingHost()
        let scratch = TestDirectories.make("readme")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let session = Session(host: host, settings: SessionSettings(directory: scratch))
        for command in commands {
            let status = session.execute(command)
            #expect(status == .ok, "README: \(command)\n\(host.lines.suffix(8).joined(separator: "\n"))")
        }
        #expect(FileManager.default.fileExists(atPath: scratch + "/sessions/lesson1.basin"))
    }
}
