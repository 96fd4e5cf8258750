// The golden scripts: every `Golden/*.basin` runs in a fresh session (with the files of
// `Golden/fixtures` copied into its directory) and its transcript must equal `Golden/*.out`
// exactly. On a mismatch the test prints a unified diff; `BASIN_UPDATE_GOLDEN=1 swift test …`
// rewrites the `.out` files instead (review the diff in git before committing).
import Foundation
import TestSupport
import Testing

struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["BASIN_UPDATE_GOLDEN"] == "1"

    static var scripts: [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "basin" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func everyGoldenScriptMatchesItsTranscript() throws {
        #expect(!Self.scripts.isEmpty, "no golden scripts in \(Self.directory.path)")
        var failures: [String] = []
        for script in Self.scripts {
            let actual = try transcript(of: script)
            let expectedURL = script.deletingPathExtension().appendingPathExtension("out")
            let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? ""
            guard actual != expected else { continue }
            if Self.updating {
                try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            } else {
                failures.append(
                    unifiedDiff(
                        expected: expected, actual: actual,
                        expectedName: expectedURL.lastPathComponent, actualName: "actual"))
            }
        }
        #expect(
            failures.isEmpty,
            "golden transcripts differ (BASIN_UPDATE_GOLDEN=1 rewrites them):\n\(failures.joined(separator: "\n\n"))")
    }

    /// Runs one script in a fresh temporary directory holding copies of the fixtures.
    func transcript(of script: URL) throws -> String {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("basin-golden-\(getpid())")
            .appendingPathComponent(script.deletingPathExtension().lastPathComponent)
        try? fm.removeItem(at: work)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let fixtures = Self.directory.appendingPathComponent("fixtures")
        for item in (try? fm.contentsOfDirectory(atPath: fixtures.path)) ?? [] {
            try fm.copyItem(at: fixtures.appendingPathComponent(item), to: work.appendingPathComponent(item))
        }
        let text = try String(contentsOf: script, encoding: .utf8)
        return GoldenRunner(name: script.lastPathComponent, text: text, directory: work.path).transcript()
    }
}
