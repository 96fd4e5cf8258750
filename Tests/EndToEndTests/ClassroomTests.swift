// A classroom on one server: 30 students run the same lesson at once with BASIN_THREADS=1 and
// BASIN_MEMORY=512M on this machine (2 cores in CI). Every run must finish, exit 0, and print the
// numbers a solo run prints (progress lines, which depend on timing, are left out of the
// comparison).
import Foundation
import TestSupport
import Testing

@Suite("Classroom")
struct ClassroomTests {
    static let students = 30
    static let lesson = BasinBinary.packageRoot + "/tutorials/transfer.basin"

    static func run(_ state: String) -> SpawnResult {
        Spawn.run(
            [BasinBinary.path, "run", lesson, "--seed", "2"],
            environment: [
                "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": state, "BASIN_THREADS": "1",
                "BASIN_MEMORY": "512M",
            ], timeout: 600)
    }

    /// The output without progress lines (their steps/s and milestones depend on timing).
    static func numbers(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { !$0.contains("batch loss") }
    }

    @Test(
        "30 concurrent runs of a lesson all finish with a solo run's numbers",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func thirtyStudents() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let solo = Self.run(scratch.path + "/solo")
        #expect(solo.status == 0, "\(solo.error)")
        let expected = Self.numbers(solo.output)
        #expect(expected.count > 20, "the lesson printed its results")
        let collected = Collected()
        let group = DispatchGroup()
        let start = Date()
        for i in 0..<Self.students {
            group.enter()
            Thread.detachNewThread {
                let r = Self.run(scratch.path + "/student\(i)")
                collected.append(r)
                group.leave()
            }
        }
        group.wait()
        let seconds = Date().timeIntervalSince(start)
        let results = collected.all
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print(
            "30 concurrent runs of transfer.basin: \(Int(seconds.rounded())) s wall, peak RSS of a run \(usage.ru_maxrss / 1024) MiB"
        )
        #expect(results.count == Self.students)
        for (i, r) in results.enumerated() {
            #expect(r.status == 0 && !r.timedOut, "run \(i): status \(r.status)\n\(r.error.suffix(400))")
            #expect(Self.numbers(r.output) == expected, "run \(i) printed other numbers")
        }
        #expect(usage.ru_maxrss < 512 * 1024, "no run went past BASIN_MEMORY=512M: \(usage.ru_maxrss) KiB")
    }
}

/// Results gathered from the runs' threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [SpawnResult] = []
    func append(_ r: SpawnResult) { lock.withLock { results.append(r) } }
    var all: [SpawnResult] { lock.withLock { results } }
}
