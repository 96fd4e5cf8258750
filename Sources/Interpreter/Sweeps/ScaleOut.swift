// `basin trial --config FILE.json`: one trial of a sweep body with given values, for an outside
// scheduler (Optuna, Ray Tune, a Slurm array; docs/scale-out.md). The config is a JSON object:
//   {"file": "sweep.basin", "sweep": "s", "values": {"lr": 0.01, "depth": 2, "w1": 64, "w2": 32},
//    "budget": 10, "seed": 7}
// or "script": "…" instead of "file". When the source holds a `sweep NAME { … }` (the one named
// by "sweep", else the first), the lines before it run first (datasets) and its body is the
// trial; otherwise the whole source is the body. The values must be exactly the parameters the
// body's space makes active, each inside its range. Output: one JSON line per evaluation
// ({"step":…,"epoch":…,"val_loss":…,…}) as training runs, then one final line with the metrics.
// Exit 0 when the trial finished, 70 when it failed, 64 for an unusable config.
import Diagnostics
import Foundation
import Lab
import Language
import Search

public enum ScaleOut {
    public static let usage: Int32 = 64, failure: Int32 = 70

    /// Runs the trial a config describes; `line` receives stdout lines, `error` stderr text.
    public static func runTrial(config data: Data, directory: String, line: @escaping (String) -> Void,
                                error: @escaping (String) -> Void) -> Int32 {
        let host = QuietHost()
        let session = Session(host: host, settings: SessionSettings(directory: directory))
        do {
            let config = try TrialConfig(data, directory: directory)
            return session.runConfiguredTrial(config, line: line, error: error)
        } catch let e {
            error("error: \(e.message)" + (e.hint.map { "\n= help: \($0)" } ?? "") + "\n")
        }
        return usage
    }
}

/// The parsed config: the source, which sweep, the values, budget and seed.
struct TrialConfig {
    var source: SourceFile
    var sweep: String?
    var values: [String: ParameterValue]
    var budget: Double?
    var seed: UInt64

    init(_ data: Data, directory: String) throws(RuntimeError) {
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw RuntimeError("the config is not a JSON object", hint: "{\"file\": \"sweep.basin\", \"values\": {\"lr\": 0.01}, \"budget\": 10}")
        }
        source = try Self.source(json, directory: directory)
        sweep = json["sweep"] as? String
        values = try Self.values(json["values"])
        budget = (json["budget"] as? NSNumber)?.doubleValue
        let seed = (json["seed"] as? NSNumber)?.doubleValue ?? 0
        guard seed >= 0, seed < 9e15, seed == seed.rounded() else { throw RuntimeError("\"seed\" must be a whole number ≥ 0") }
        self.seed = UInt64(seed)
    }

    static func source(_ json: [String: Any], directory: String) throws(RuntimeError) -> SourceFile {
        if let script = json["script"] as? String { return SourceFile(name: "<config>", text: script) }
        guard let file = json["file"] as? String else { throw RuntimeError("the config needs \"file\" or \"script\"") }
        let path = file.hasPrefix("/") ? file : directory + "/" + file
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read '\(file)'", hint: "paths are relative to the directory basin runs in")
        }
        return SourceFile(name: file, text: String(decoding: contents, as: UTF8.self))
    }

    static func values(_ raw: Any?) throws(RuntimeError) -> [String: ParameterValue] {
        guard let raw else { return [:] }
        guard let dictionary = raw as? [String: Any] else { throw RuntimeError("\"values\" must be an object of name: value") }
        var out: [String: ParameterValue] = [:]
        for (name, value) in dictionary {
            if let word = value as? String { out[name] = .word(word) } else if let n = value as? NSNumber, n.doubleValue.isFinite {
                out[name] = .number(n.doubleValue)
            } else { throw RuntimeError("value of '\(name)' must be a number or a string") }
        }
        return out
    }
}

/// A host for a scripted trial: text is dropped (stdout carries JSON only), errors are kept.
final class QuietHost: SessionHost {
    var errors: [String] = []
    func emit(_ output: Output) {
        if case .diagnostic(let d, let source) = output { errors.append(DiagnosticRenderer(style: PlainStyle()).render(d, source: source)) }
    }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) {}
    var width: Int { 80 }
}
