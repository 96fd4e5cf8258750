// How commands flow through the notebook: a submitted line becomes a running cell, outputs
// land in it, a finished run leaves its dashboard there, Ctrl-C cancels, errors mark the cell,
// tutorials ask and pause, `clear` and `quit` do what they say, and the summary remembers.
import Charts
import Interpreter
import Notebook
import Testing

struct NotebookFlowTests {
    @Test func enterRunsTheCommandInANewCell() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        let effects = type(&s, "data d = moons n=400\n")
        #expect(effects == [.saveHistory, .run("data d = moons n=400")])
        #expect(s.isRunning && s.cells.count == 1 && s.cells[0].running)
        #expect(s.history.entries == ["data d = moons n=400"])
        s.handle(.output(.text("d: 400 examples")))
        s.handle(.finished(.init(status: .ok, currentData: "d")))
        #expect(!s.isRunning && !s.cells[0].running && s.cells[0].outputs.count == 1)
        #expect(s.frame().lines().prefix(2) == ["[1] data d = moons n=400", "  d: 400 examples"])
    }

    @Test func aFailedCommandIsMarked() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        run(&s, "trian a", [typoDiagnostic()], status: .syntaxError)
        #expect(s.cells[0].failed)
        #expect(s.frame().lines()[1] == "  error: unknown command 'trian'")
    }

    @Test func controlCWhileTrainingCancelsAndKeepsTheDashboard() {
        var s = NotebookState(width: 100, height: 30, profile: .ascii)
        type(&s, "train a steps=400\n")
        s.handle(.progress(sampleRun(done: 100, planned: 400)))
        #expect(s.handle(.key(.control("c"))) == [.cancel])
        #expect(s.frame().lines().last?.hasPrefix(" stopping after the current step") == true)
        s.handle(.progressFinished(sampleRun(done: 101, planned: 400)))
        s.handle(.finished(.init(status: .ok)))
        guard case .dashboard(let model) = s.cells[0].outputs.first else { Issue.record("no dashboard"); return }
        #expect(model.finished && model.step == 101)
        #expect(s.summary.trained.map(\.name) == ["a"])
    }

    @Test func commandsEnteredWhileRunningWaitTheirTurn() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "train a\n")
        #expect(type(&s, "show a\n") == [.saveHistory])
        #expect(s.queued == ["show a"] && s.cells.count == 1 && s.input.isEmpty)
        #expect(s.frame().lines().last?.hasPrefix(" * running . 1 queued") == true)
        #expect(s.handle(.finished(.init(status: .ok))) == [.run("show a")])
        #expect(s.cells.count == 2 && s.cells[1].running && s.queued.isEmpty)
    }

    @Test func typingAheadSurvivesAQueuedCommandStarting() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "data d = moons\nnet a = dense 4\ntrain a")
        s.handle(.finished(.init(status: .ok)))
        #expect(s.input.text == "train a" && s.cells.count == 2)
    }

    @Test func controlCDropsQueuedCommands() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "train a\nshow a\n")
        #expect(s.handle(.interrupt) == [.cancel])
        #expect(s.queued.isEmpty && s.handle(.finished(.init(status: .ok))) == [])
    }

    @Test func askWaitsForAnAnswer() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "run \"lesson.basin\"\n")
        s.handle(.ask("How many parameters?"))
        #expect(s.frame().lines()[22] == "answer >")
        #expect(type(&s, "42\n") == [.answer("42")])
        let lines = s.frame().lines()
        #expect(lines[0].hasPrefix("[1] run \"lesson.basin\"") && lines[0].hasSuffix("running"))
        #expect(lines[1...2] == ["  How many parameters?", "  > 42"])
    }

    @Test func pauseOffersTheNextCommand() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "run \"lesson.basin\"\n")
        s.handle(.output(.narrative("> A wider net fits faster.")))
        s.handle(.pause(next: "train a epochs=5"))
        #expect(s.input.text == "train a epochs=5")
        #expect(s.frame().lines()[22] == "next > train a epochs=5")
        #expect(s.handle(.key(.enter)) == [.resume])
        #expect(
            s.cells.map(\.kind) == [
                .command(number: 1, input: "run \"lesson.basin\""), .narrative,
                .command(number: 2, input: "train a epochs=5"),
            ])
    }

    @Test func anEditedCommandAtAPauseRunsFirst() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        type(&s, "run \"lesson.basin\"\n")
        s.handle(.pause(next: "train a epochs=5"))
        send(&s, [.key(.backspace), .key(.character("9"))])
        #expect(s.handle(.key(.enter)) == [.saveHistory, .runAtPause("train a epochs=9")])
    }

    /// Training the status line never saw (hidden or skipped lesson lines, reset) must not leave
    /// the step of the last progress it did see.
    @Test func theStatusLineTakesTheStepFromTheSessionWhenACommandEnds() {
        var s = NotebookState(width: 100, height: 24, profile: .ascii)
        type(&s, "train a epochs=5\n")
        s.handle(.progress(sampleRun(done: 200)))
        s.handle(.finished(.init(status: .ok, currentNet: "a", currentData: "d", currentStep: 200)))
        #expect(s.frame().lines()[23].contains("step 200"))
        type(&s, "lesson again\n")
        s.handle(.finished(.init(status: .interrupted, currentNet: "a", currentData: "d", currentStep: 57)))
        #expect(s.frame().lines()[23].contains("step 57") && !s.frame().lines()[23].contains("step 200"))
        type(&s, "reset a\n")
        s.handle(.finished(.init(status: .ok, currentNet: "a", currentData: "d", currentStep: nil)))
        #expect(!s.frame().lines()[23].contains("step"), "\(s.frame().lines()[23])")
    }

    @Test func f8AndF7AtAPauseMoveBetweenSections() {
        var s = NotebookState(width: 100, height: 24, profile: .ascii)
        type(&s, "run \"lesson.basin\"\n")
        s.handle(.pause(next: "train a epochs=5"))
        #expect(s.frame().lines()[23].contains("F8 next section, F7 back"))
        #expect(s.handle(.key(.function(8))) == [.saveHistory, .runAtPause("lesson next")])
        s.handle(.pause(next: "train a epochs=5"))
        #expect(s.handle(.key(.function(7))) == [.saveHistory, .runAtPause("lesson back")])
        #expect(s.handle(.key(.function(8))) == [], "no pause, no move: F8 does nothing")
    }

    @Test func clearEmptiesTheNotebookAndQuitEndsIt() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        run(&s, "data d = moons", [.text("d: 400 examples")])
        type(&s, "clear\n")
        s.handle(.output(.clear))
        #expect(s.cells.isEmpty)
        s.handle(.finished(.init(status: .ok)))
        type(&s, "quit\n")
        #expect(s.handle(.finished(.init(status: .quit))) == [.quit])
    }

    @Test func pageUpScrollsAndPageDownFollowsAgain() {
        var s = NotebookState(width: 40, height: 12, profile: .ascii)
        for i in 1...8 { run(&s, "let x\(i) = \(i)", [.text("x\(i) = \(i)")]) }
        #expect(s.frame().lines()[9] == "  x8 = 8")
        s.handle(.key(.pageUp))
        #expect(s.frame().lines()[0] == "[1] let x1 = 1")
        s.handle(.key(.pageDown))
        #expect(s.frame().lines()[9] == "  x8 = 8")
    }

    @Test func tooSmallRecoversOnResize() {
        var s = sampleSession(width: 20, height: 6, profile: .ascii)
        #expect(s.frame().lines()[2].contains("need 30x8"))
        s.handle(.resize(width: 80, height: 24))
        #expect(s.frame().lines().last?.hasPrefix(" net a . data d") == true)
    }

    @Test func summaryListsTrainedNetsAndSaves() {
        var s = sampleSession(width: 80, height: 24)
        run(&s, "save demo", [.text("saved sessions/demo.basin (5 commands)")])
        #expect(
            s.summary.lines == [
                "basin: 5 commands this session",
                "  a: step 200 · train loss 0.125 · val loss 0.1902 · val acc 89.3%",
                "  saved sessions/demo.basin (5 commands)",
            ])
    }

    @Test func framesNeverUseMoreColoursThanTheProfileHas() {
        for profile in [RenderProfile(glyphs: .unicode, colors: .basic8), .monochrome, .standard] {
            var s = sampleSession(width: 100, height: 30, profile: profile)
            training(&s)
            let used = s.frame().cells.flatMap { [$0.foreground.index, $0.background.index] }.compactMap { $0 }
            #expect(used.allSatisfy { $0 < max(1, profile.colors.rawValue) }, "\(profile)")
        }
    }
}

/// A trial of a sweep: the dashboard trades the layer views for the sweep's best-so-far curves.
@Suite("Sweep dashboard")
struct SweepDashboardTests {
    func sweepTrial(width: Int, height: Int) -> String {
        var s = NotebookState(width: width, height: height, profile: .monochrome)
        type(&s, "sweep s method=random trials=8 { … }\n")
        var model = sampleRun(done: 150, planned: 400)
        let best = LineChart(
            title: "best val loss so far, by trial",
            series: [.init(name: "best so far", points: [0.9, 0.7, 0.7].enumerated().map { .init(x: Double($0), y: $1) })])
        var epochs = best
        epochs.title = "best val loss so far, by total epochs"
        model.sweep = SweepSnapshot(summary: "s: 3/8 trials · best 0.7 at #1", byTrial: best, byEpochs: epochs)
        s.handle(.progress(model))
        return s.frame().text
    }

    @Test("wide, stacked and compact arrangements all show the sweep", arguments: [(100, 30), (80, 50), (40, 12)])
    func arrangements(_ size: (Int, Int)) {
        let text = sweepTrial(width: size.0, height: size.1)
        #expect(text.contains("s: 3/8 trials"), "\(text)")
        #expect(!text.contains("gradient norm by layer") && !text.contains("weights of"), "\(text)")
        if size.0 >= 80 { #expect(text.contains("best val loss so far, by trial"), "\(text)") }
        if size.1 >= 50 { #expect(text.contains("best val loss so far, by total ep"), "\(text)") }
    }

    @Test("Hyperband: the running bracket's table fills in above the best-so-far curve")
    func bracketTable() {
        var s = NotebookState(width: 100, height: 40, profile: .monochrome)
        type(&s, "sweep h method=hyperband max=9 eta=3 { … }\n")
        var model = sampleRun(done: 150, planned: 400)
        let best = LineChart(
            title: "best val loss so far, by trial", series: [.init(name: "best so far", points: [.init(x: 0, y: 1)])])
        let table = Table(
            title: "hyperband max=9 eta=3", columns: [.init("bracket"), .init("round"), .init("configs")],
            rows: [["s=2", "0", "9/9"], ["", "1", "1/3"]])
        model.sweep = SweepSnapshot(summary: "h: 10 jobs", byTrial: best, byEpochs: best, brackets: table)
        s.handle(.progress(model))
        let text = s.frame().text
        #expect(text.contains("1/3") && text.contains("9/9") && text.contains("best val loss so far, by trial"), "\(text)")
    }
}

/// The quit summary lists the nets that trained, with their training numbers: not a sharpness
/// measurement's eigenvalue, a landscape's points, or a sweep's internal trial net.
@Suite struct QuitSummaryTests {
    @Test func onlyTrainingRunsAreListed() {
        var s = NotebookState(width: 100, height: 30, profile: .ascii)
        type(&s, "train a steps=100\n")
        s.handle(.progressFinished(sampleRun(done: 100)))
        s.handle(.finished(.init(status: .ok)))
        var others: [DashboardModel] = []
        var sharpness = sampleRun(done: 30)
        sharpness.title = "sharpness a"
        sharpness.unit = .counted("iterations")
        sharpness.loss = 41.5
        others.append(sharpness)
        var landscape = sampleRun(done: 2601)
        landscape.title = "landscape a"
        landscape.unit = .counted("points")
        landscape.step = 0
        others.append(landscape)
        var trial = sampleRun(done: 50)
        trial.title = "sweep s #3"
        trial.netName = "t"
        others.append(trial)
        for model in others {
            type(&s, "\(model.title)\n")
            s.handle(.progressFinished(model))
            s.handle(.finished(.init(status: .ok)))
        }
        #expect(s.summary.trained.map(\.name) == ["a"])
        #expect(s.summary.trained.first?.step == 100)
    }
}

@Suite("Attention in the dashboard")
struct AttentionDashboardTests {
    /// A run of a net with attention: the snapshot carries one head's weights on a sequence.
    func frame(width: Int, height: Int, f2: Int = 0) -> String {
        var s = NotebookState(width: width, height: height, profile: .monochrome)
        type(&s, "train t on q epochs=300\n")
        var model = sampleRun(done: 150, planned: 400)
        let l = 4
        let weights = (0..<(l * l)).map { k in k % l == k / l ? 0.7 : 0.1 }
        model.snapshot.attention = RunSnapshot.AttentionPane(
            title: "attention, layer 2 head 1/3, val 1: 2 0 1 1", length: l, weights: weights)
        s.handle(.progress(model))
        for _ in 0..<f2 { _ = send(&s, [.key(.function(2))]) }
        return s.frame().text
    }

    @Test("the first page shows the attention weights; F2 turns to the weight histograms")
    func pages() {
        let first = frame(width: 100, height: 30)
        #expect(first.contains("attention, layer 2 head 1/3, val 1: 2 0 1"), "\(first)")
        #expect(!first.contains("weights of"), "\(first)")
        let second = frame(width: 100, height: 30, f2: 1)
        #expect(second.contains("weights of 1 dense 16") && !second.contains("attention, layer 2"), "\(second)")
    }
}

@Suite("Decision regions in the dashboard")
struct RegionDashboardTests {
    /// A 2-D classifier's run: class 0 left of x = 0, class 1 right of it, and three training
    /// points over them (the last one, class 0, inside class 1's region).
    func model(done: Int = 150) -> DashboardModel {
        var model = sampleRun(done: done, planned: 400)
        let (columns, rows) = (20, 10)
        let classes = (0..<(columns * rows)).map { Double($0 % columns < columns / 2 ? 0 : 1) }
        model.snapshot.regions = RunSnapshot.RegionPane(
            title: "a regions · step \(done)", columns: columns, rows: rows, classes: classes, x: -2...2, y: -1...1,
            points: [
                .init(x: -1, y: 0.5, classIndex: 0), .init(x: 1, y: -0.5, classIndex: 1), .init(x: 1.5, y: 0.5, classIndex: 0),
            ])
        return model
    }

    func state(width: Int, height: Int, profile: RenderProfile, f2: Int = 0) -> NotebookState {
        var s = NotebookState(width: width, height: height, profile: profile)
        type(&s, "train a on d epochs=400\n")
        s.handle(.progress(model()))
        for _ in 0..<f2 { _ = send(&s, [.key(.function(2))]) }
        return s
    }

    /// Cells whose background is class `k`'s region colour.
    func regionCells(_ frame: CellBuffer, _ k: Int, _ profile: RenderProfile) -> [(x: Int, y: Int)] {
        let color = CategoricalColors.regionColor(k, profile: profile)
        return (0..<frame.height).flatMap { y in
            (0..<frame.width).compactMap { x in frame[x: x, y: y].background == color ? (x, y) : nil }
        }
    }

    /// Bold cells showing one of `glyphs` right of `x0` below the pane's title and legend and
    /// above the input and status lines: the points (axis labels are not bold).
    func points(_ frame: CellBuffer, _ glyphs: Set<Unicode.Scalar>, from x0: Int) -> Int {
        let title =
            frame.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("a regions") } ?? 0
        return ((title + 1)..<(frame.height - 2)).reduce(0) { n, y in
            n
                + (x0..<frame.width).filter { x in
                    let c = frame[x: x, y: y]
                    return glyphs.contains(c.glyph) && c.attributes.contains(.bold)
                }.count
        }
    }

    @Test("at 100×30 the first page is the regions beside the loss, points on their region's colour; F2 turns to the weights")
    func wide() {
        var s = state(width: 100, height: 30, profile: .standard)
        let frame = s.frame()
        #expect(frame.text.contains("a regions · step 150 (F2)") && frame.text.contains("loss"), "\(frame.text)")
        #expect(!frame.text.contains("weights of"))
        let left = regionCells(frame, 0, .standard), right = regionCells(frame, 1, .standard)
        #expect(!left.isEmpty && !right.isEmpty)
        // The pane is on the right half, class 0's region left of class 1's.
        #expect((left + right).allSatisfy { $0.x >= 50 })
        #expect((left.map(\.x).min() ?? 0) < (right.map(\.x).min() ?? 0))
        #expect(points(frame, ["●"], from: 50) == 3)
        var turned = state(width: 100, height: 30, profile: .standard, f2: 1)
        let weights = turned.frame()
        #expect(weights.text.contains("weights of 1 dense 16") && !weights.text.contains("regions"), "\(weights.text)")
        #expect(regionCells(weights, 0, .standard).isEmpty)
    }

    @Test("at 60×15 the regions are a thumbnail right of the sparklines")
    func compact() {
        var s = state(width: 60, height: 15, profile: .standard)
        let frame = s.frame()
        let cells = regionCells(frame, 0, .standard) + regionCells(frame, 1, .standard)
        #expect(frame.text.contains("loss ") && !cells.isEmpty, "\(frame.text)")
        // 5 rows of 2 pixels at the grid's 2:1 aspect: 20 columns at the right edge.
        #expect(cells.map(\.x).min() == 40 && cells.map(\.x).max() == 59, "\(frame.text)")
    }

    @Test(
        "without colour the boundary is dots and the points are class digits; ASCII has no other glyph",
        arguments: [RenderProfile.monochrome, .ascii, RenderProfile(glyphs: .ascii, colors: .basic8)])
    func fewColours(_ profile: RenderProfile) {
        var s = state(width: 100, height: 30, profile: profile)
        let frame = s.frame()
        #expect(frame.text.contains("a regions"), "\(frame.text)")
        if profile.hasColor {
            #expect(points(frame, ["o"], from: 50) == 3, "\(frame.text)")
        } else {
            // Two points of class 0, one of class 1.
            #expect(points(frame, ["0"], from: 50) == 2 && points(frame, ["1"], from: 50) == 1, "\(frame.text)")
        }
        if !profile.isUnicode {
            #expect(frame.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(frame.text)")
        }
    }
}
