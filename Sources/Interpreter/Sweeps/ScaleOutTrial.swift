// The session side of `basin trial`: find the body, run the setup lines before it, check the
// given values against the body's space, run the trial and write its JSON lines (ScaleOut.swift).
import Diagnostics
import Foundation
import Lab
import Language
import Search

extension Sweeps {
    func runConfiguredTrial(_ config: TrialConfig, line: @escaping (String) -> Void, error: (String) -> Void) -> Int32 {
        guard let (source, setup, block) = trialSource(config, error: error) else { return ExitCode.syntaxError }
        for statement in setup where session.run(statement, in: source, next: nil) != .ok {
            for e in (session.host as? QuietHost)?.errors ?? [] { error(e + "\n") }
            return ScaleOut.failure
        }
        let body: SweepBody
        let configuration = Configuration(config.values)
        do {
            body = try SweepBody(block, scope: session.workspace)
            try check(configuration, against: body.space)
        } catch let e {
            error("error: \(e.message)" + (e.hint.map { "\n= help: \($0)" } ?? "") + "\n")
            return ScaleOut.usage
        }
        let plan = TrialPlan(
            body: body, source: source, configuration: configuration, budget: config.budget ?? 10, seed: config.seed)
        let outcome = runTrial(plan, objective: body.objective, onEvaluation: { line(Self.jsonLine(evaluation: $0)) })
        line(Self.jsonLine(outcome: outcome, objective: body.objective, seed: config.seed))
        if let failure = outcome.failure { error("error: trial failed: \(failure)\n") }
        return outcome.status == .done ? ExitCode.ok : ScaleOut.failure
    }

    /// The source, the statements to run before the body, and the body. A source without a
    /// `sweep NAME { … }` is all body (wrapped on its first line, so line numbers stay).
    func trialSource(_ config: TrialConfig, error: (String) -> Void) -> (SourceFile, [Statement], Block)? {
        var source = config.source
        var parsed = Script.parse(source, registry: session.registry)
        if config.sweep == nil, sweepIndex(parsed.script, named: nil) == nil {
            source = SourceFile(name: source.name, text: "sweep trial { " + source.text + "\n}")
            parsed = Script.parse(source, registry: session.registry)
        }
        guard parsed.succeeded else {
            for d in parsed.diagnostics { error(DiagnosticRenderer(style: PlainStyle()).render(d, source: source) + "\n") }
            return nil
        }
        guard let i = sweepIndex(parsed.script, named: config.sweep), case .command(let c) = parsed.script.statements[i].kind,
            let block = c.block
        else {
            error("error: \(TrialRefusal.noSweep(file: source.name, sweep: config.sweep).message)\n")
            return nil
        }
        let setup = parsed.script.statements[..<i].filter { s in
            if case .command(let c) = s.kind { return c.verb.name != "sweep" }
            return true
        }
        return (source, Array(setup), block)
    }

    func sweepIndex(_ script: Script, named name: String?) -> Int? {
        script.statements.firstIndex { s in
            guard case .command(let c) = s.kind, c.verb.name == "sweep", c.block != nil else { return false }
            guard let name else { return true }
            return c.operands.contains { if case .positional(let v) = $0 { v.word == name } else { false } }
        }
    }

    /// The values must be exactly the active parameters, each in its domain.
    func check(_ c: Configuration, against space: SearchSpace) throws(RuntimeError) {
        var seen: [String: ParameterValue] = [:]
        for p in space.parameters where space.isActive(p, given: seen) {
            guard let v = c[p.name] else {
                throw RuntimeError(TrialRefusal.missingValue(name: p.name, parameters: space.names))
            }
            guard p.domain.contains(v) else { throw RuntimeError(TrialRefusal.outsideDomain(name: p.name, value: v)) }
            seen[p.name] = v
        }
        if let extra = c.names.first(where: { seen[$0] == nil }) {
            throw RuntimeError(
                space.parameter(named: extra).map { p in TrialRefusal.inactiveParameter(name: extra, conditions: p.conditions) }
                    ?? TrialRefusal.unknownParameter(name: extra, parameters: space.names))
        }
    }

    static func jsonLine(evaluation e: EvalRecord) -> String {
        json([
            ("step", Double(e.step)), ("epoch", e.epoch), ("val_loss", e.validationLoss), ("val_acc", e.validationAccuracy),
            ("train_loss", e.trainLoss), ("train_acc", e.trainAccuracy),
        ])
    }

    static func jsonLine(outcome o: TrialOutcome, objective: SweepObjective, seed: UInt64) -> String {
        let f = o.curve.last
        let head =
            "{\"status\":\"\(o.status.rawValue)\",\"metric\":\"\(objective.metric)\",\"direction\":\"\(objective.maximize ? "maximize" : "minimize")\","
        let error = o.failure.map { ",\"error\":" + JSON.quoted($0) } ?? ""
        return head
            + json([
                ("objective", o.objective), ("val_loss", f?.validationLoss), ("val_acc", f?.validationAccuracy),
                ("train_loss", f?.trainLoss), ("train_acc", f?.trainAccuracy), ("step", f.map { Double($0.step) }),
                ("epochs", o.epochs), ("seconds", o.seconds), ("seed", Double(seed)),
            ]).dropFirst().dropLast() + error + "}"
    }

    /// `{"key":number,…}` in the given order; nil and non-finite values are null.
    static func json(_ fields: [(String, Double?)]) -> String {
        "{"
            + fields.map { key, value in
                let v =
                    value.flatMap { $0.isFinite ? ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)") : nil }
                    ?? "null"
                return "\"\(key)\":\(v)"
            }.joined(separator: ",") + "}"
    }
}
