// Same seed, same numbers on every machine: the README's tour and the scale-out sweep, run by
// the real binary on the AVX-512 path and on the AVX2 path (BASIN_ISA), print the same
// transcript byte for byte — apart from progress lines (printed as time passes) and throughput
// and time figures ("72712 steps/s", seconds), which measure the machine rather than the model
// and are left out before comparing. OPENBLAS_CORETYPE
// is set differently for the two runs too: Basin's results must not depend on it.
import Foundation
import Testing

@Suite("Same numbers on every kernel path")
struct DeterminismTests {
    /// Whether this CPU reports AVX-512F (and so can run both FMA paths).
    static let cpuHasAVX512: Bool = {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("avx512f") }
    }()

    /// The README tour's commands, exactly as the README shows them.
    static func tourScript() throws -> String {
        let readme = try String(contentsOfFile: BasinBinary.packageRoot + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n").filter { $0.hasPrefix("basin> ") }.map { $0.dropFirst(7) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `script` in a fresh directory with `environment` added; returns (status, stdout, stderr).
    func run(_ script: String, _ extra: [String: String]) -> SpawnResult {
        let scratch = Scratch()
        defer { scratch.remove() }
        let file = scratch.file("script.basin", script)
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": scratch.path + "/state"]
        environment.merge(extra) { $1 }
        let command =
            "cd \(BasinBinary.shellQuoted(scratch.path)) && exec \(BasinBinary.shellQuoted(BasinBinary.path)) run script.basin"
        return Spawn.run(["/bin/sh", "-c", command], environment: environment, timeout: 300)
    }

    /// The transcript without its progress lines (printed when time passes, not when steps
    /// do) and with throughput and time figures masked.
    static func masked(_ text: String) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.range(of: #" [0-9]+% "#, options: .regularExpression) == nil }
        var out = kept.joined(separator: "\n")
        let patterns = [#"[0-9][0-9.,]* steps/s"#, #"[0-9][0-9.]*(e-?[0-9]+)? ?(CPU-)?s\b"#, #"[0-9.]+ ms\b"#]
        for pattern in patterns {
            out = out.replacingOccurrences(of: pattern, with: "#", options: .regularExpression)
        }
        return out
    }

    static let paths: [(String, [String: String])] = [
        ("avx512", ["BASIN_ISA": "avx512"]),
        ("avx2", ["BASIN_ISA": "avx2", "OPENBLAS_CORETYPE": "Haswell"]),
    ]

    @Test(
        "the README tour prints the same numbers on the AVX-512 and AVX2 paths",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh, which builds it first"),
        .enabled(if: Self.cpuHasAVX512, "this CPU has no AVX-512: only one FMA path can run here"))
    func readmeTour() throws {
        let script = try Self.tourScript()
        #expect(script.contains("train a on d"), "the README tour was not found")
        try compareAcrossPaths(script)
    }

    @Test(
        "a 27-trial sweep over MNIST-1D picks the same trials with the same losses on both paths",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh, which builds it first"),
        .enabled(if: Self.cpuHasAVX512, "this CPU has no AVX-512: only one FMA path can run here"))
    func scaleOutSweep() throws {
        let script = try String(contentsOfFile: BasinBinary.packageRoot + "/examples/scale-out/sweep.basin", encoding: .utf8)
        try compareAcrossPaths(script)
    }

    func compareAcrossPaths(_ script: String) throws {
        var transcripts: [String] = []
        for (name, environment) in Self.paths {
            let result = run(script, environment)
            #expect(result.status == 0, "\(name): exit \(result.status)\n\(result.error)")
            transcripts.append(Self.masked(result.output))
        }
        #expect(transcripts[0].count > 200, "too little output to compare: \(transcripts[0])")
        if transcripts[0] != transcripts[1] {
            Issue.record(Comment(rawValue: "transcripts differ:\n" + firstDifference(transcripts[0], transcripts[1])))
        }
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false),
            lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] {
            return "line \(i + 1):\n  avx512: \(i < la.count ? la[i] : "<end>")\n  avx2:   \(i < lb.count ? lb[i] : "<end>")"
        }
        return ""
    }

    @Test(
        "BASIN_ISA names a path this CPU has and BASIN_THREADS a count, or basin refuses to start and says what is valid",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh, which builds it first"))
    func badISAIsRefused() {
        let foo = run("data d = moons\n", ["BASIN_ISA": "foo"])
        #expect(foo.status == 64)
        #expect(foo.error.contains("BASIN_ISA='foo' is not a kernel path; use one of: avx512, avx2, baseline"), "\(foo.error)")
        #expect(!foo.output.contains("examples"), "nothing may run under a refused BASIN_ISA")
        let baseline = run("data d = moons\n", ["BASIN_ISA": "baseline"])
        #expect(baseline.status == 0, "\(baseline.error)")
        let threads = run("data d = moons\n", ["BASIN_THREADS": "zero"])
        #expect(threads.status == 64)
        #expect(threads.error.contains("BASIN_THREADS='zero' is not a thread count"), "\(threads.error)")
    }
}

@Suite("Tutorials from any directory")
struct TutorialLookupTests {
    func basin(_ arguments: String, in directory: String) -> SpawnResult {
        let command = "cd \(BasinBinary.shellQuoted(directory)) && exec \(BasinBinary.shellQuoted(BasinBinary.path)) \(arguments)"
        return Spawn.run(
            ["/bin/sh", "-c", command],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": directory + "/state"], timeout: 120)
    }

    @Test(
        "basin tutorial lists the tutorials and runs one, started far from the repository",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh, which builds it first"))
    func fromAnotherDirectory() {
        let scratch = Scratch()
        defer { scratch.remove() }
        let list = basin("tutorial", in: scratch.path)
        #expect(list.status == 0, "\(list.error)")
        #expect(list.output.contains("regularization") && list.output.contains("chapter 9"), "\(list.output)")
        let run = basin("tutorial regularization", in: scratch.path)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("examples"), "\(run.output.prefix(400))")
        let missing = basin("tutorial nosuch", in: scratch.path)
        #expect(missing.status == 64)
        #expect(
            missing.error.contains(
                "no tutorial named 'nosuch' (tutorials: attention, augmentation, capacity, depth, discipline, images, minima, normalization, optimizers, regularization, saddle, search, signals, transfer)"
            ),
            "\(missing.error)")
    }

    @Test(
        "a teacher's lesson file runs as basin tutorial FILE.basin; --section starts at a section, or says which there are",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh, which builds it first"))
    func lessonFiles() {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = scratch.file(
            "week 3.basin", "section \"One\"\n> in one\nexpect 1 > 0\nsection \"Two\"\n> in two\nexpect 2 > 1")
        let whole = basin("tutorial 'week 3.basin'", in: scratch.path)
        #expect(whole.status == 0 && whole.output.contains("in one") && whole.output.contains("in two"), "\(whole.error)")
        let second = basin("tutorial 'week 3.basin' --section 2", in: scratch.path)
        #expect(second.status == 0 && !second.output.contains("in one") && second.output.contains("in two"), "\(second.output)")
        let run = basin("run 'week 3.basin' --section 2", in: scratch.path)
        #expect(run.status == 0 && !run.output.contains("in one"), "\(run.output)")
        let past = basin("run 'week 3.basin' --section 3", in: scratch.path)
        #expect(past.status == 70 && past.error.contains("there is no section 3: the lesson has 2 sections"), "\(past.error)")
        #expect(past.error.contains("the sections: 1 One, 2 Two"))
        let missing = basin("tutorial nosuch.basin", in: scratch.path)
        #expect(missing.status == 64 && missing.error.contains("cannot read 'nosuch.basin': no such lesson file"))
        let bad = basin("tutorial 'week 3.basin' --section 0", in: scratch.path)
        #expect(bad.status == 64 && bad.error.contains("--section needs a section's number"))
    }
}
