// The screens the snapshot tests compare: a short session idle and while training, at
// 100×30, 80×24 and 40×12, in the Unicode and ASCII profiles, plus help, zoom, a block being
// typed, and the "need W×H" screen. Each case builds its state from scratch.
import Charts
import Interpreter
import Notebook

struct SnapshotCase: Sendable {
    var name: String
    var width: Int
    var height: Int
    var profile: RenderProfile
    /// Start from an empty notebook instead of the sample session.
    var fresh = false
    var build: @Sendable (inout NotebookState) -> Void

    /// The state this case draws.
    func state() -> NotebookState {
        var s =
            fresh
            ? NotebookState(width: width, height: height, profile: profile)
            : sampleSession(width: width, height: height, profile: profile)
        build(&s)
        return s
    }
}

/// A second `train` in flight, 150 of 400 steps done.
@Sendable func training(_ s: inout NotebookState) {
    type(&s, "train a steps=400\n")
    s.handle(.progress(sampleRun(done: 150, planned: 400)))
}

let snapshotCases: [SnapshotCase] = [
    SnapshotCase(name: "idle 100x30", width: 100, height: 30, profile: .monochrome) { _ in },
    SnapshotCase(name: "training 100x30", width: 100, height: 30, profile: .monochrome, build: training),
    SnapshotCase(name: "training 80x24", width: 80, height: 24, profile: .monochrome, build: training),
    SnapshotCase(name: "training 40x12", width: 40, height: 12, profile: .monochrome, build: training),
    SnapshotCase(name: "idle 40x12", width: 40, height: 12, profile: .monochrome) { _ in },
    SnapshotCase(name: "ascii idle 80x24", width: 80, height: 24, profile: .ascii) { _ in },
    SnapshotCase(name: "ascii training 100x30", width: 100, height: 30, profile: .ascii, build: training),
    SnapshotCase(name: "ascii training 40x12", width: 40, height: 12, profile: .ascii, build: training),
    SnapshotCase(name: "cells selected and collapsed 80x24", width: 80, height: 24, profile: .monochrome) { s in
        send(&s, [.key(.escape), .key(.up), .key(.enter)])
    },
    SnapshotCase(name: "block input and completions 80x24", width: 80, height: 24, profile: .monochrome) { s in
        type(&s, "sweep s {\ntrain a e")
        s.handle(.key(.tab))
    },
    SnapshotCase(name: "zoomed dashboard 80x24", width: 80, height: 24, profile: .monochrome) { s in
        send(&s, [.key(.escape), .key(.up), .key(.character("z"))])
    },
    SnapshotCase(name: "help 80x24", width: 80, height: 24, profile: .monochrome) { s in
        s.handle(.key(.function(1)))
    },
    SnapshotCase(name: "welcome 80x24", width: 80, height: 24, profile: .ascii, fresh: true) { _ in },
    SnapshotCase(name: "too small 20x6", width: 20, height: 6, profile: .monochrome) { _ in },
]
