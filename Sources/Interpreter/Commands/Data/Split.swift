// split DATA [train=P] [val=P] [test=P] [seed=N]: train, validation and the locked test part.
import Datasets

struct SplitCommand: RunnableCommand {
    var data: String?
    var train: Double?
    var val: Double?
    var test: Double?
    var seed: Int?

    /// val and test when neither they nor train= are written.
    static let defaultHeldOut = 0.15

    static var declaration: Declaration<SplitCommand> {
        Declaration(
            "split", category: "Data", summary: "split a dataset into train, val and test parts (the test part is locked)",
            changes: { [.data($0.data)] },
            examples: ["split d train=0.7 val=0.15 test=0.15", "split d train=0.8"],
            details:
                "Parts not written are filled in: without train=, val and test are \(defaultHeldOut) each and train takes the "
                + "rest; with train= alone, val and test share the rest equally (train=0.8 gives 0.1 and 0.1); with "
                + "train= and one of them, the other takes the rest. The parts must add up to 1.",
            .data(\.data),
            .option(
                \.train, "train", .probability, default: "what val and test leave: \(1 - 2 * defaultHeldOut)",
                help: "fraction for training"),
            .option(
                \.val, "val", .probability, default: "\(defaultHeldOut), or half what train leaves",
                help: "fraction for validation"),
            .option(
                \.test, "test", .probability, default: "\(defaultHeldOut), or half what train leaves",
                help: "fraction for the locked test part"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<SplitCommand>) throws(RuntimeError) -> ExecutionStatus {
        var entry = try s.workspace.data(data, at: c.span(\.data))
        let (t, v, h) = Self.fractions(train: train, val: val, test: test)
        guard [t, v, h].allSatisfy({ $0 >= -1e-9 }), abs(t + v + h - 1) < 1e-6 else {
            let total = [t, v, h].map { max(0, $0) }.reduce(0, +)
            throw RuntimeError(DatasetRefusal.partsTotal(total: total, data: entry.name), at: c.span)
        }
        let fractions = SplitFractions(train: max(0, t), validation: max(0, v), test: max(0, h))
        let seed = s.seed(seed)
        entry.parts = try rethrow(at: c.span) { () throws -> SplitDataset in
            try SplitDataset(entry.full, fractions: fractions, seed: seed)
        }
        s.workspace.datasets[entry.name] = entry
        s.workspace.currentData = entry.name
        s.dropRuns(using: entry.name)
        s.say(s.dataSummaryLine(entry))
        return .ok
    }

    /// The parts a `split` gives: what was written, the rest filled in (see the details above).
    static func fractions(train: Double?, val: Double?, test: Double?) -> (Double, Double, Double) {
        guard let t = train else {
            let v = val ?? defaultHeldOut, s = test ?? defaultHeldOut
            return (1 - v - s, v, s)
        }
        switch (val, test) {
        case (nil, nil): return (t, (1 - t) / 2, (1 - t) / 2)
        case (let v?, nil): return (t, v, 1 - t - v)
        case (nil, let s?): return (t, 1 - t - s, s)
        case (let v?, let s?): return (t, v, s)
        }
    }
}
