// What the status line shows (current net and data, step, learning rate, steps/s) and what
// is printed to the normal screen on quit: the nets trained with their final losses, and what
// was saved or exported.
import Charts
import Interpreter

struct StatusInfo: Sendable, Equatable {
    var net: String?
    var data: String?
    /// The last run's numbers, shown while its net is the current one.
    var runNet: String?
    var step: Int?
    var learningRate: Double?
    var stepsPerSecond: Double?

    mutating func update(from model: DashboardModel) {
        // Only training reports a run's step and learning rate; a landscape or sharpness
        // counts points or iterations and leaves the run's numbers as they were.
        guard model.unit.isTraining else { return }
        runNet = model.netName
        net = model.netName
        step = model.step
        learningRate = model.learningRate
        stepsPerSecond = model.stepsPerSecond
    }
}

public struct SessionSummary: Sendable, Equatable {
    public struct TrainedNet: Sendable, Equatable {
        public var name: String
        public var step: Int
        public var loss: Double
        public var validationLoss: Double?
        public var validationAccuracy: Double?
    }

    public internal(set) var commands = 0
    public internal(set) var trained: [TrainedNet] = []
    /// "save demo: saved sessions/demo.basin"
    public internal(set) var saved: [String] = []

    /// A finished training run (not a landscape's points, a sharpness's iterations, or a sweep's
    /// trial nets, whose progress also ends here) records its net's final numbers.
    mutating func noteRun(_ model: DashboardModel) {
        guard model.unit.isTraining, !model.title.hasPrefix("sweep ") else { return }
        let e = model.lastEvaluation
        let net = TrainedNet(
            name: model.netName, step: model.step, loss: e?.trainLoss ?? model.loss,
            validationLoss: e?.validationLoss, validationAccuracy: e?.validationAccuracy)
        if let i = trained.firstIndex(where: { $0.name == model.netName }) { trained[i] = net } else { trained.append(net) }
    }

    /// Text a `save` or `export` command printed says where it wrote.
    mutating func noteOutput(_ text: String, of input: String) {
        let verb = input.split(separator: " ").first.map(String.init) ?? ""
        guard ["save", "export"].contains(verb), let line = text.split(separator: "\n").first else { return }
        saved.append(String(line))
    }

    /// Lines for the normal screen after the notebook closes (empty when nothing ran).
    public var lines: [String] {
        guard commands > 0 else { return [] }
        var out = ["basin: \(commands) command\(commands == 1 ? "" : "s") this session"]
        for n in trained {
            var text = "  \(n.name): step \(n.step) · train loss \(Table.number(n.loss, significant: 4))"
            if let v = n.validationLoss { text += " · val loss \(Table.number(v, significant: 4))" }
            if let a = n.validationAccuracy { text += " · val acc \(NumberFormat.fixed(a * 100, decimals: 1))%" }
            out.append(text)
        }
        out += saved.map { "  " + $0 }
        if saved.isEmpty && !trained.isEmpty { out.append("  nothing saved (the journal keeps every command)") }
        return out
    }
}
