// Sweeps through the session's public face: run a sweep, then read its trials back with
// `export SWEEP "trials.csv"`. Tiny nets on a 300-point spiral for a few epochs keep each test
// well under a second.
import Charts
import Foundation
import Interpreter
import TestSupport
import Testing

/// A sweep's exported trials: one dictionary per row, keyed by the CSV header.
func trialRows(_ f: LookingFixture, _ sweep: String) -> [[String: String]] {
    f.run("export \(sweep) \"\(sweep).csv\"")
    guard let text = try? String(contentsOfFile: f.path("\(sweep).csv"), encoding: .utf8) else { return [] }
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
}

let sweepData = "data d = spiral n=300 classes=3"

/// A sweep body over a per-layer MLP; `extra` goes before the train line.
func mlpSweep(_ header: String, extra: String = "") -> String {
    """
    \(header) {
      let lr ~ log(1e-3, 1e-1)
      let depth ~ int(1, 3)
      let w ~ choice(4, 8, 16) per depth
      net t = dense $w relu x$depth, dense 3
      opt t adam lr=$lr
      \(extra)
      train t on d epochs=$budget
    }
    """
}

@Suite("Sweeps")
struct SweepTests {
    @Test("a random sweep runs N trials with distinct configurations and picks the lowest val loss")
    func randomSweep() {
        let f = LookingFixture()
        #expect(f.run(sweepData + "\n" + mlpSweep("sweep s method=random trials=6 budget=2 seed=4")) == .ok)
        let rows = trialRows(f, "s")
        #expect(rows.count == 6)
        #expect(Set(rows.map { "\($0["lr"]!) \($0["depth"]!) \($0["w1"]!)" }).count == 6)
        #expect(rows.allSatisfy { $0["status"] == "done" && Double($0["val_loss"] ?? "") != nil })
        let best = rows.min { Double($0["val_loss"]!)! < Double($1["val_loss"]!)! }!
        #expect(f.recorder.texts.last { $0.hasPrefix("s: 6 trials") }?.contains("at #\(best["trial"]!):") == true)
    }

    @Test("a grid sweep runs every point of the grid once")
    func gridSweep() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                sweep g method=grid points=3 budget=1 {
                  let lr ~ log(1e-3, 1e-1)
                  let w ~ choice(4, 8)
                  net t = dense $w relu, dense 3
                  opt t sgd lr=$lr
                  train t on d epochs=$budget
                }
                """) == .ok)
        let rows = trialRows(f, "g")
        #expect(rows.count == 6)
        #expect(Set(rows.map { "\($0["lr"]!)/\($0["w"]!)" }).count == 6)
        #expect(Set(rows.map { log10(Double($0["lr"]!)!).rounded() }) == [-3, -2, -1])
        #expect(Set(rows.map { $0["w"]! }) == ["4", "8"])
    }

    @Test("per-layer widths are sampled only for layers that exist")
    func conditionalParameters() {
        let f = LookingFixture()
        f.run(sweepData + "\n" + mlpSweep("sweep s method=tpe trials=12 budget=1 seed=2"))
        let rows = trialRows(f, "s")
        #expect(rows.count == 12)
        for row in rows {
            let depth = Int(row["depth"]!)!
            for k in 1...3 { #expect((row["w\(k)"]!.isEmpty) == (k > depth), "\(row)") }
        }
        #expect(Set(rows.map { $0["depth"]! }).count > 1)
    }

    @Test("a failing trial is marked failed and the sweep goes on")
    func failingTrial() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                sweep s method=grid budget=1 {
                  let w ~ choice(0, 4, 8)
                  net t = dense $w relu, dense 3
                  train t on d epochs=$budget
                }
                """) == .ok)
        let rows = trialRows(f, "s")
        #expect(rows.map { $0["status"]! } == ["failed", "done", "done"])
        #expect(rows[0]["failure"]?.contains("positive integer") == true)
    }

    @Test("a body that trains nothing is refused before any trial; a sweep where every trial failed says what to fix")
    func bodiesThatCannotMeasure() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(f.run("sweep s trials=3 budget=1 {\n  let lr ~ log(1e-3, 1e-1)\n  net t = dense 4, dense 3\n}") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "the sweep body trains no net, so a trial has nothing to measure")
        #expect(trialRows(f, "s").isEmpty)
        #expect(
            f.run(
                "sweep u method=grid budget=1 {\n  let w ~ choice(0, -1)\n  net t = dense $w relu, dense 3\n  train t on d epochs=$budget\n}"
            ) == .ok)
        let summary = f.recorder.texts.last { $0.hasPrefix("u: 2 trials (2 failed)") } ?? ""
        #expect(
            summary.contains(
                "next: fix the body: the last failed with \"layer 1: dense width must be a positive integer, got -1\""),
            "\(summary)")
    }

    @Test("the test part is never read during a sweep; eval s.best on test is the one peek")
    func testPartIsLocked() {
        let f = LookingFixture()
        f.run(sweepData + "\n" + mlpSweep("sweep s method=random trials=3 budget=1"))
        f.run("show d")
        // `show d` lists "test peeks N" once the peek log holds anything.
        #expect(!renderedLines(f).contains { $0.hasPrefix("test peeks") })
        #expect(f.run("eval s.best on test") == .ok)
        #expect(f.recorder.texts.last?.hasPrefix("peek 1 at d's locked test part") == true)
        #expect(
            f.run(sweepData + "\n" + mlpSweep("sweep u method=random trials=2 budget=1", extra: "eval t on test"))
                == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "a sweep body may not look at the test part")
    }

    @Test("the same seed gives the same trials")
    func determinism() {
        func run() -> [String] {
            let f = LookingFixture()
            f.run(sweepData + "\n" + mlpSweep("sweep s method=tpe trials=4 budget=1 seed=9"))
            return trialRows(f, "s").map { row in row.filter { $0.key != "seconds" }.sorted { $0.key < $1.key }.description }
        }
        let first = run()
        #expect(first.count == 4)
        #expect(first == run())
    }

    @Test("plan prints the hyperband schedule and runs nothing")
    func hyperbandPlan() {
        let f = LookingFixture()
        #expect(f.run("sweep h method=hyperband max=81 eta=3 plan") == .ok)
        let text = f.recorder.texts.last ?? ""
        #expect(text.hasPrefix("hyperband max=81 eta=3: 5 brackets, 143 configurations"))
        #expect(text.contains("s=4          0       81            1"))
        #expect(f.run("show h") == .runtimeError)
    }

    @Test("hyperband gives each job its budget, prunes losers and promotes the rest")
    func hyperbandRun() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                "sweep h method=hyperband max=4 eta=2 seed=1 {\n let lr ~ log(1e-3, 1e-1)\n net t = dense 4 relu, dense 3\n"
                    + " opt t adam lr=$lr\n train t on d epochs=$budget\n}") == .ok)
        let rows = trialRows(f, "h")
        #expect(rows.count == 4 + 2 + 1 + 3 + 1 + 3)
        #expect(Set(rows.map { $0["status"]! }) == ["done", "pruned"])
        // Promoted jobs continue their configuration's net: brackets 4×1 → 2×2 → 1×4, 3×2 → 1×4
        // and 3×4 cost 4+2+2 + 6+2 + 12 = 28 epochs, not the 34 of retraining from scratch.
        let epochs = rows.map { Double($0["epochs"]!)! }, budgets = rows.map { Double($0["budget"]!)! }
        #expect(epochs.reduce(0, +) == 28)
        #expect(zip(epochs, budgets).allSatisfy { $0 <= $1 })
        #expect(zip(epochs, budgets).filter { $0 < $1 }.count == 2 + 1 + 1)
        // `show h` ranks the final-round (done) jobs first: a pruned job's objective is at a smaller budget.
        #expect(f.run("show h") == .ok)
        let table = f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }.last {
            $0.title?.hasPrefix("sweep h") == true
        }
        let statuses = table?.rows.compactMap { $0.count > 3 ? $0[3] : nil } ?? []
        #expect(statuses.prefix(5).allSatisfy { $0 == "done" } && statuses.count > 5, "\(statuses)")
    }

    @Test("a promoted job continues exactly as one longer run would")
    func hyperbandContinues() {
        // Successive halving with one configuration: its 4-epoch job must end where a single
        // 4-epoch training of the same net, seed and data ends (the same val loss, bit for bit).
        let body = " let lr ~ log(1e-2, 1e-2)\n net t = dense 4 relu, dense 3\n opt t adam lr=$lr\n train t on d epochs=$budget\n"
        let f = LookingFixture()
        f.run(sweepData)
        #expect(f.run("sweep h method=halving max=4 eta=2 seed=1 {\n\(body)}") == .ok)
        let rows = trialRows(f, "h")
        guard let last = rows.last, let seed = last["seed"] else { Issue.record("no trials"); return }
        #expect(last["budget"] == "4" && last["epochs"].flatMap(Double.init) == 2)
        let g = LookingFixture()
        g.run(sweepData)
        #expect(
            g.run(
                "seed \(seed)\nnet t = dense 4 relu, dense 3\nopt t adam lr=0.01\ntrain t on d epochs=4\nexport t metrics \"t.csv\""
            ) == .ok)
        let metrics = (try? String(contentsOfFile: g.path("t.csv"), encoding: .utf8)) ?? ""
        let lastRow = metrics.split(separator: "\n").last?.split(separator: ",").map(String.init) ?? []
        #expect(lastRow.first == "28" && lastRow.count == 6, "\(metrics)")
        #expect(lastRow.count == 6 && lastRow[4] == last["val_loss"], "\(lastRow) vs \(last)")
    }

    @Test("objective=branin searches the built-in function without training")
    func builtinObjective() {
        let f = LookingFixture()
        #expect(f.run("sweep b method=tpe objective=branin trials=30 seed=3") == .ok)
        let line = f.recorder.texts.last ?? ""
        #expect(line.hasPrefix("b: tpe on branin, 30 trials, seed 3 · best "), "\(line)")
        let best = line.split(separator: " ").drop { $0 != "best" }.dropFirst().first.flatMap { Double($0) }
        #expect(best.map { $0 >= 0.397887 && $0 < 5 } == true, "\(line)")
    }

    @Test("Ctrl-C stops the sweep after the current trial's step and keeps finished trials")
    func cancellation() {
        // The host sees trial #2's progress a moment after the trial reports it (trials run on a
        // worker thread), so #2 itself may finish before the Ctrl-C lands: #0, #1 and maybe #2.
        let (rows, texts) = sweepCancelled("sweep s method=random trials=6 budget=2 workers=1", atTrial: 2)
        #expect(rows.count == 2 || rows.count == 3, "\(rows)")
        #expect(rows.allSatisfy { $0.contains(",done,") }, "\(rows)")
        #expect(texts.contains { $0.contains("stopped by Ctrl-C; the finished trials are kept") })
    }
}

/// Runs the sweep `header` over `mlpSweep`, pressing Ctrl-C when trial `atTrial`'s progress shows;
/// the exported trial rows and every text the sweep printed.
func sweepCancelled(_ header: String, atTrial: Int) -> (rows: [Substring], texts: [String]) {
    let host = CancellingHost()
    let directory = TestDirectories.make("sweep")
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let session = Session(host: host, settings: SessionSettings(directory: directory))
    // The first update of trial `atTrial` or any later one (under load a trial's updates can all be
    // superseded before it is shown, so "exactly #N" may never come).
    host.cancelOn = { update in
        if let number = update.title.split(separator: "#").last.flatMap({ Int($0) }), number >= atTrial { session.cancel() }
    }
    // Under heavy load every update of the later trials can be superseded before it is shown; the
    // table line a finished trial prints ("#3 …") always comes, so it stops the sweep too.
    host.cancelOnText = { text in
        if text.hasPrefix("#"), let number = Int(text.dropFirst().prefix { $0.isNumber }), number >= atTrial {
            session.cancel()
        }
    }
    session.execute(sweepData + "\n" + mlpSweep(header))
    session.execute("export s \"s.csv\"")
    let rows = ((try? String(contentsOfFile: directory + "/s.csv", encoding: .utf8)) ?? "").split(separator: "\n").dropFirst()
    return (Array(rows), host.texts)
}

/// workers=N: trials run at once, results identical to one worker whatever order trials finish in.
@Suite("Sweeps on several workers")
struct ParallelSweepTests {
    /// The trials as exported (without their seconds), and every line the sweep printed.
    func run(_ header: String) -> (rows: [String], printed: [String]) {
        let f = LookingFixture()
        #expect(f.run(sweepData + "\n" + mlpSweep(header)) == .ok)
        let rows = trialRows(f, "s").map { row in row.filter { $0.key != "seconds" }.sorted { $0.key < $1.key }.description }
        return (rows, f.recorder.texts)
    }

    /// Trials of different sizes (depth 1–3, widths 4–16) finish out of order on 2 or 3 workers.
    @Test(
        "2 and 3 workers give the same trials, table and best as one",
        arguments: [
            "method=random trials=9 budget=2", "method=grid points=2 budget=1", "method=tpe trials=13 budget=1",
            "method=bayes trials=12 budget=1", "method=hyperband max=9 eta=3", "method=bohb max=9 eta=3",
        ])
    func sameAsOneWorker(_ method: String) {
        let one = run("sweep s \(method) seed=5 workers=1")
        #expect(one.rows.count >= 8, "\(one.printed)")
        for workers in [2, 3] {
            let many = run("sweep s \(method) seed=5 workers=\(workers)")
            #expect(many.rows == one.rows, "workers=\(workers): the trials differ")
            #expect(many.printed == one.printed, "workers=\(workers): what the sweep printed differs")
        }
    }

    @Test("Ctrl-C stops every running trial and keeps each one that finished")
    func cancellation() {
        let (rows, texts) = sweepCancelled("sweep s method=random trials=12 budget=3 workers=2", atTrial: 3)
        #expect(rows.count >= 3 && rows.count < 12, "\(rows)")
        #expect(rows.allSatisfy { $0.contains(",done,") }, "\(rows)")
        #expect(texts.contains { $0.contains("stopped by Ctrl-C; the finished trials are kept") })
    }

    @Test("workers= takes 1 to 64, with a caret on anything else")
    func badWorkerCounts() {
        for (value, message) in [("0", "expects a positive integer"), ("-2", ""), ("65", "workers=65 is too large")] {
            let f = LookingFixture()
            let status = f.run(sweepData + "\n" + mlpSweep("sweep s method=random trials=2 budget=1 workers=\(value)"))
            #expect(status != .ok, "workers=\(value) was accepted")
            let diagnostic = f.recorder.diagnostics.last
            #expect(diagnostic != nil, "workers=\(value): no diagnostic")
            if !message.isEmpty { #expect(diagnostic?.message.contains(message) == true, "\(diagnostic?.message ?? "")") }
        }
    }
}

/// Every line of every chart the fixture's recorder holds, rendered in plain text.
func renderedLines(_ f: LookingFixture) -> [String] {
    f.recorder.charts.flatMap { chart in
        chart.rendered(width: 80, profile: RenderProfile(glyphs: .ascii, colors: .none)).text.split(separator: "\n")
            .map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}

/// A host that presses Ctrl-C when a progress update matches.
final class CancellingHost: SessionHost {
    var cancelOn: (LiveUpdate) -> Void = { _ in }
    var cancelOnText: (String) -> Void = { _ in }
    var texts: [String] = []
    var width: Int { 80 }
    func emit(_ output: Output) {
        if case .text(let t) = output {
            texts.append(t)
            cancelOnText(t)
        }
    }
    func progress(_ update: LiveUpdate) { cancelOn(update) }
    func finishedProgress(_ update: LiveUpdate) { cancelOn(update) }
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}

@Suite("if")
struct IfTests {
    @Test("if runs the branch its test chooses; else if chains; words compare by text")
    func topLevel() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                let depth = 3
                let act = relu
                if $depth >= 3 { net deep = dense 4 relu, dense 3 } else { net shallow = dense 4, dense 3 }
                if $act == "tanh" { net b1 = dense 3 } else if $act in (gelu, relu) { net b2 = dense 3 } else { net b3 = dense 3 }
                if $depth < 3 { net c = dense 3 }
                """) == .ok)
        let names = Set(f.session.workspaceNames)
        #expect(names.isSuperset(of: ["deep", "b2"]))
        #expect(names.isDisjoint(with: ["shallow", "b1", "b3", "c"]))
    }

    @Test("and / or: every clause must hold / one is enough, read left to right and stopping early")
    func joinedTests() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                let depth = 3
                let act = relu
                if $depth >= 3 and $act == relu { net both = dense 3 }
                if $depth >= 4 and $act == relu { net neither = dense 3 }
                if $depth >= 4 or $act in (relu, gelu) { net one = dense 3 }
                if $depth == 3 or $undefined == 1 { net early = dense 3 }
                """) == .ok)
        let names = Set(f.session.workspaceNames)
        #expect(names.isSuperset(of: ["both", "one", "early"]) && !names.contains("neither"))
        // `or` stops at its first true clause, so `$undefined` above was never read; here it is.
        #expect(f.run("if $depth == 1 or $undefined == 1 { net late = dense 3 }") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "undefined variable '$undefined'")
    }

    @Test("in a sweep, 'and' is a conjunction of conditions; 'or' on one parameter becomes one 'in'")
    func joinedConditionsInSweeps() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                sweep s method=random trials=24 budget=1 seed=5 {
                  let opt ~ choice(sgd, adam, rmsprop)
                  let depth ~ int(1, 3)
                  if $opt == sgd and $depth >= 2 {
                    let momentum ~ uniform(0, 0.9)
                  }
                  if $opt == adam or $opt == rmsprop {
                    let decay ~ log(1e-5, 1e-2)
                  } else {
                    let nesterov ~ choice(on, off)
                  }
                  net t = dense 4 relu x$depth, dense 3
                  train t on d epochs=$budget
                }
                """) == .ok)
        let rows = trialRows(f, "s")
        #expect(rows.count == 24)
        for row in rows {
            let sgd = row["opt"] == "sgd", deep = Int(row["depth"] ?? "") ?? 0 >= 2
            #expect(row["momentum"]!.isEmpty == !(sgd && deep), "\(row)")
            #expect(row["decay"]!.isEmpty == sgd, "\(row)")
            #expect(row["nesterov"]!.isEmpty == !sgd, "\(row)")
        }
        #expect(
            rows.contains { !$0["momentum"]!.isEmpty } && rows.contains { !$0["decay"]!.isEmpty }
                && rows.contains { !$0["nesterov"]!.isEmpty })
        // The else of an 'and' on two parameters would be an 'or': refused when it samples.
        #expect(
            f.run(
                """
                sweep u trials=2 budget=1 {
                  let opt ~ choice(sgd, adam)
                  let depth ~ int(1, 3)
                  if $opt == sgd and $depth >= 2 { let m ~ uniform(0, 1) } else { let k ~ uniform(0, 1) }
                  net t = dense 4, dense 3
                  train t on d epochs=$budget
                }
                """) == .runtimeError)
        #expect(
            f.recorder.diagnostics.last?.message
                == "the 'else' of an 'and' test is an 'or' of conditions, which a search space cannot hold")
    }

    @Test("a failing test stops the script with its position; nothing in the branch runs")
    func errors() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(f.run("let act = relu\nif $act > 2 { net a = dense 3 }") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "'>' orders numbers, but $act is 'relu'")
        #expect(f.run("if $nothing == 2 { net a = dense 3 }") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "undefined variable '$nothing'")
        #expect(!f.session.workspaceNames.contains("a"))
    }

    @Test("in a sweep, a let inside an if is sampled only in trials where the test holds")
    func conditionalSweep() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                let wide = 0
                sweep s method=tpe trials=14 budget=1 seed=3 {
                  let opt ~ choice(sgd, adam)
                  if $opt == sgd {
                    let momentum ~ uniform(0, 0.95)
                  } else {
                    let beta1 ~ uniform(0.8, 0.95)
                  }
                  if $wide == 1 { let never ~ uniform(0, 1) }
                  let lr ~ log(1e-3, 1e-1)
                  net t = dense 8 relu, dense 3
                  if $opt == sgd {
                    opt t sgd lr=$lr momentum=$momentum
                  } else {
                    opt t adam lr=$lr b1=$beta1
                  }
                  train t on d epochs=$budget
                }
                """) == .ok)
        let rows = trialRows(f, "s")
        #expect(rows.count == 14)
        #expect(rows.first.map { $0["never"] == nil } == true)  // a branch no trial can take samples nothing
        for row in rows {
            #expect(row["status"] == "done", "\(row)")
            #expect(row["momentum"]!.isEmpty == (row["opt"] != "sgd"), "\(row)")
            #expect(row["beta1"]!.isEmpty == (row["opt"] != "adam"), "\(row)")
        }
        #expect(Set(rows.map { $0["opt"]! }) == ["sgd", "adam"])
    }

    @Test("an if that samples nothing may test anything a trial knows, such as $budget")
    func ifOnBudget() {
        let f = LookingFixture()
        f.run(sweepData)
        #expect(
            f.run(
                """
                sweep h method=halving max=4 eta=2 seed=1 {
                  let lr ~ log(1e-3, 1e-1)
                  net t = dense 4 relu, dense 3
                  if $budget >= 4 { opt t adam lr=$lr } else { opt t sgd lr=$lr }
                  train t on d epochs=$budget
                }
                """) == .ok)
        let rows = trialRows(f, "h")
        #expect(rows.count == 4 + 2 + 1 && rows.allSatisfy { $0["status"] != "failed" })
        // The 4-epoch job changes optimizer, so it cannot continue the 2-epoch net: from scratch.
        #expect(rows.last?["epochs"].flatMap(Double.init) == 4)
    }

    @Test("a sweep refuses an if on a later parameter, a parameter sampled in both branches, and order on words")
    func sweepErrors() {
        let f = LookingFixture()
        f.run(sweepData)
        let cases = [
            (
                "if $later == 1 { let a ~ uniform(0, 1) }\n  let later ~ int(1, 2)",
                "an 'if' in a sweep body tests a parameter sampled on an earlier line"
            ),
            (
                "let o ~ choice(sgd, adam)\n  if $o == sgd { let lr ~ uniform(0, 1) } else { let lr ~ log(1e-3, 1) }",
                "'lr' is sampled twice in this sweep body"
            ),
            ("let o ~ choice(sgd, adam)\n  if $o > 1 { let lr ~ uniform(0, 1) }", "'>' orders numbers, but $o takes words"),
            ("let o ~ choice(sgd, adam)\n  if $o == sgd { eval t on test }", "a sweep body may not look at the test part"),
        ]
        for (body, message) in cases {
            #expect(f.run("sweep s trials=2 budget=1 {\n  \(body)\n}") == .runtimeError)
            #expect(
                f.recorder.diagnostics.last?.message.hasPrefix(message) == true, "\(f.recorder.diagnostics.last?.message ?? "")")
        }
    }
}

/// Ctrl-C stops the whole command a user typed, not only the run inside it.
@Suite("Ctrl-C across statements")
struct InterruptTests {
    @Test("the lines after an interrupted train do not run, and the status says so")
    func laterLinesDoNotRun() {
        let host = CancellingHost()
        let session = Session(host: host, settings: SessionSettings(directory: TestDirectories.make("interrupt")))
        host.cancelOn = { [weak session] _ in session?.cancel() }
        let status = session.execute(
            "data d = spiral n=300 classes=3\nnet a = dense 8 relu, dense 3\ntrain a on d epochs=50\nnet later = dense 4, dense 3"
        )
        #expect(status == .interrupted)
        #expect(!session.workspaceNames.contains("later"))
        #expect(host.texts.contains("stopped by Ctrl-C: the 1 line after it did not run"), "\(host.texts)")
        // The next command starts afresh: the earlier Ctrl-C does not stop it.
        host.cancelOn = { _ in }
        #expect(session.execute("net later = dense 4, dense 3\ntrain later on d epochs=2") == .ok)
        #expect(session.workspaceNames.contains("later"))
    }
}

@Suite("Sweeps over seeds")
struct SeededSweepTests {
    /// Each trial's objective is the mean of its body run on seeds s, s+1, s+2 — checked against
    /// the same body run by hand with those seeds — and the same on 1 and 2 workers.
    @Test func objectiveIsTheMeanOverSeeds() throws {
        var exported: [[[String: String]]] = []
        for workers in [1, 2] {
            let f = LookingFixture()
            #expect(
                f.run(sweepData + "\n" + mlpSweep("sweep s method=random trials=3 budget=2 seeds=3 seed=4 workers=\(workers)"))
                    == .ok)
            exported.append(trialRows(f, "s"))
        }
        let withoutTimes = exported.map { rows in rows.map { $0.filter { $0.key != "seconds" } } }
        #expect(exported[0].count == 3 && withoutTimes[0] == withoutTimes[1])
        let rows = exported[0]
        for row in rows {
            let seeds = (0..<3).compactMap { Double(row["objective_seed\($0)"] ?? "") }
            #expect(seeds.count == 3, "\(row)")
            let mean = seeds.reduce(0, +) / 3
            #expect(abs(mean - Double(row["objective"]!)!) < 1e-12, "\(row)")
            #expect(Double(row["objective_sd"] ?? "") != nil)
        }
        // Trial 0's first seed by hand: the body with its sampled values and its seed.
        let row = rows[0]
        let f = LookingFixture()
        f.run(sweepData)
        let depth = row["depth"]!, widths = (1...Int(Double(depth)!)).map { row["w\($0)"]! }
        f.run(
            "seed \(row["seed"]!)\nnet t = " + widths.map { "dense \($0) relu" }.joined(separator: ", ")
                + ", dense 3\nopt t adam lr=\(row["lr"]!)\ntrain t on d epochs=2")
        let line = f.recorder.texts.last { $0.hasPrefix("t: step") } ?? ""
        let val = line.components(separatedBy: "val loss ").last?.split(separator: " ").first.flatMap { Double($0) }
        let first = Double(row["objective_seed0"]!)!
        #expect(val.map { abs($0 - first) <= 5e-4 * max(1, first) } == true, "by hand \(line) vs seed 0 \(first)")
    }

    @Test func hyperbandRefusesSeeds() {
        let f = LookingFixture()
        #expect(f.run(sweepData + "\n" + mlpSweep("sweep h method=hyperband max=9 seeds=2")) == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message.contains("hyperband promotes one net per configuration") == true)
    }
}

@Suite("plot SWEEP x=PARAM")
struct SweepAgainstTests {
    @Test("train and val against a parameter: one point per value, mean over seeds, log axis when wide")
    func againstWidth() throws {
        let f = LookingFixture()
        #expect(
            f.run(
                sweepData + """

                    sweep s method=grid seeds=2 budget=2 {
                      let w ~ choice(2, 8, 64)
                      net t = dense $w relu, dense 3
                      opt t adam lr=1e-2
                      train t on d epochs=$budget
                    }
                    plot s x=w
                    """) == .ok)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no chart"); return }
        #expect(chart.series.map(\.name) == ["train loss", "val loss", "val ± sd"])
        #expect(chart.xLabel == "log10 w")
        let xs = chart.series[1].points.map(\.x)
        #expect(xs.count == 3 && zip(xs, [2.0, 8, 64].map(log10)).allSatisfy { abs($0 - $1) < 1e-12 }, "\(xs)")
        // Each val point is the mean of its trial's two seeds, as export writes them.
        let rows = trialRows(f, "s").sorted { Double($0["w"]!)! < Double($1["w"]!)! }
        for (point, row) in zip(chart.series[1].points, rows) {
            let seeds = [row["objective_seed0"], row["objective_seed1"]].compactMap { $0.flatMap(Double.init) }
            #expect(abs(point.y - seeds.reduce(0, +) / 2) < 1e-9, "\(point) vs \(row)")
        }
        #expect(f.run("plot s x=params") == .ok)
        #expect(f.run("plot s x=width") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "sweep s has no parameter 'width'")
    }
}
