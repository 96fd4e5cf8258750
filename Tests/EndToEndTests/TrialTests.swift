// `basin trial --config FILE|-` end to end: every stdout line is one JSON object (one per
// evaluation, then the final metrics), and the exit code says how the trial ended:
// 0 done, 70 failed, 64 an unusable config or arguments.
import Foundation
import Testing

@Suite("basin trial: one sweep trial as JSON lines")
struct TrialTests {
    static let sweep = """
        data d = spiral n=300 classes=3
        sweep s method=random trials=5 {
          let lr ~ log(1e-3, 1e-1)
          let depth ~ int(1, 3)
          let w ~ choice(8, 16, 32) per depth
          net t = dense $w relu x$depth, dense 3
          opt t adam lr=$lr
          train t on d epochs=$budget
        }
        """

    /// basin started in `directory` (a trial is confined to the directory it runs in).
    func basin(_ arguments: [String], in directory: String = "/", stdin: String = "/dev/null") -> SpawnResult {
        let command =
            "cd \(BasinBinary.shellQuoted(directory)) && exec "
            + ([BasinBinary.path] + arguments).map(BasinBinary.shellQuoted).joined(separator: " ")
        return Spawn.run(
            ["/bin/sh", "-c", command], environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
            stdinPath: stdin, timeout: 60)
    }

    /// Every stdout line parsed as a JSON object (nil if any line is not one).
    func objects(_ output: String) -> [[String: Any]]? {
        var out: [[String: Any]] = []
        for line in output.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            out.append(object)
        }
        return out
    }

    @Test("a good config prints one line per evaluation and the final metrics, and exits 0")
    func goodTrial() throws {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let file = scratch.file("sweep.basin", Self.sweep)
        let config = scratch.file(
            "trial.json",
            """
            {"file": "\((file as NSString).lastPathComponent)", "sweep": "s", "values": {"lr": 0.01, "depth": 2, "w1": 16, "w2": 32}, "budget": 3, "seed": 7}
            """)
        let result = basin(["trial", "--config", config], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.error)")
        let lines = try #require(objects(result.output), "not JSON lines: \(result.output)")
        #expect(lines.count == 3 + 1)
        #expect(lines.dropLast().map { ($0["epoch"] as? NSNumber)?.intValue } == [1, 2, 3])
        #expect(lines.dropLast().allSatisfy { $0["step"] is NSNumber && $0["val_loss"] is NSNumber })
        #expect(lines.last?["status"] as? String == "done")
        #expect((lines.last?["objective"] as? NSNumber)?.doubleValue == (lines[2]["val_loss"] as? NSNumber)?.doubleValue)
    }

    @Test("a trial that fails prints a final line with the error and exits 70")
    func failedTrial() throws {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let config = scratch.file(
            "trial.json",
            """
            {"script": "data d = spiral n=300 classes=3\\nlet w ~ choice(0, 8)\\nnet t = dense $w relu, dense 3\\ntrain t on d epochs=$budget",
             "values": {"w": 0}, "budget": 1}
            """)
        let result = basin(["trial", "--config", "-"], stdin: config)
        #expect(result.status == 70, "stderr: \(result.error)")
        let lines = try #require(objects(result.output), "not JSON lines: \(result.output)")
        #expect(lines.count == 1)
        #expect(lines.first?["status"] as? String == "failed")
        #expect((lines.first?["error"] as? String)?.contains("dense width") == true)
    }

    @Test("values for a layer that does not exist, or a missing config, exit 64")
    func unusableConfig() {
        guard EndToEnd.requireBinary() else { return }
        let scratch = Scratch()
        defer { scratch.remove() }
        let file = scratch.file("sweep.basin", Self.sweep)
        let config = scratch.file(
            "trial.json",
            """
            {"file": "\((file as NSString).lastPathComponent)", "values": {"lr": 0.01, "depth": 1, "w1": 16, "w2": 32}}
            """)
        let inactive = basin(["trial", "--config", config], in: scratch.path)
        #expect(inactive.status == 64)
        #expect(inactive.output.isEmpty)
        #expect(
            inactive.error.contains("'w2' is not an active parameter")
                && inactive.error.contains("it exists only when depth >= 2"))
        #expect(basin(["trial", "--config", scratch.path + "/none.json"]).status == 64)
        #expect(basin(["trial"]).status == 64)
    }
}

/// The Optuna example as docs/scale-out.md runs it: two workers on one journal file. Needs
/// Python with optuna (BASIN_TEST_PYTHON names the interpreter; default python3).
@Suite("Optuna workers")
struct OptunaWorkerTests {
    static let python = ProcessInfo.processInfo.environment["BASIN_TEST_PYTHON"] ?? "python3"
    static let hasOptuna = Spawn.run([python, "-c", "import optuna"], timeout: 60).status == 0

    @Test(
        "two workers share one study, propose different trials, and follow the sweep's direction",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"),
        .enabled(if: hasOptuna, "no Python with optuna (pip install optuna, or set BASIN_TEST_PYTHON)"))
    func twoWorkersOnAJournal() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let worker = BasinBinary.packageRoot + "/examples/scale-out/optuna_worker.py"
        // The example's sweep, maximizing val_acc.
        let sweep = try String(contentsOfFile: BasinBinary.packageRoot + "/examples/scale-out/sweep.basin", encoding: .utf8)
            .replacingOccurrences(of: "  train t on m", with: "  report val_acc maximize\n  train t on m")
        let file = scratch.file("sweep.basin", sweep)
        let environment = ["PATH": "/usr/bin:/bin:/usr/local/bin", "BASIN": BasinBinary.path, "HOME": scratch.path]
        let pids = (0..<2).compactMap { w in
            Spawn.start(
                [
                    Self.python, worker, "--trials", "2", "--budget", "1", "--seed", "1", "--worker", "\(w)",
                    "--file", file, "--storage", "journal:\(scratch.path)/study.log",
                ],
                environment: environment, stdinPath: "/dev/null",
                outPath: scratch.path + "/w\(w).out", errPath: scratch.path + "/w\(w).err")
        }
        #expect(pids.count == 2)
        for pid in pids { #expect(Spawn.wait(pid, timeout: 300).0 == 0) }
        let outputs = (0..<2).map { (try? String(contentsOfFile: scratch.path + "/w\($0).out", encoding: .utf8)) ?? "" }
        let trials = outputs.flatMap { $0.split(separator: "\n").filter { $0.hasPrefix("trial ") } }
        #expect(trials.count == 4, "\(outputs)")
        // Four different trial numbers, and four different configurations.
        #expect(Set(trials.map { $0.split(separator: ":")[0] }).count == 4, "\(trials)")
        #expect(Set(trials.map { $0.split(separator: "{").dropFirst().first ?? "" }).count == 4, "\(trials)")
        #expect(outputs.allSatisfy { $0.contains("val_acc") && $0.contains("(maximize)") }, "\(outputs)")
    }
}
