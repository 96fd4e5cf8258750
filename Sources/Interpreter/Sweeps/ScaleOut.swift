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
    public static let usage = ExitCode.usage, failure = ExitCode.runtimeError

    /// Runs the trial a config describes; `line` receives stdout lines, `error` stderr text.
    /// The trial is confined to `directory` (Confinement.swift): it reads files only below it,
    /// and writes files or runs other scripts only when `allowWrites`.
    public static func runTrial(
        config data: Data, directory: String, allowWrites: Bool = false,
        line: @escaping (String) -> Void, error: @escaping (String) -> Void
    ) -> Int32 {
        let host = QuietHost()
        let confinement = Confinement(root: directory, allowWrites: allowWrites)
        let session = Session(host: host, settings: SessionSettings(directory: directory, confinement: confinement))
        do {
            let config = try TrialConfig(data, confinement: confinement)
            return session.sweeps.runConfiguredTrial(config, line: line, error: error)
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

    /// The keys a config may have; any other is refused by name (a typo such as "sed" must not
    /// quietly leave the seed at 0).
    static let keys = ["file", "script", "sweep", "values", "budget", "seed"]

    /// The largest script a config's "file" may name, in bytes.
    static let scriptLimit = 32 << 20

    init(_ data: Data, confinement: Confinement) throws(RuntimeError) {
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw RuntimeError(TrialRefusal.notAnObject)
        }
        for key in json.keys.sorted() where !Self.keys.contains(key) {
            throw RuntimeError(TrialRefusal.unknownKey(key: key, suggestion: suggest(key, among: Self.keys), keys: Self.keys))
        }
        source = try Self.source(json, confinement: confinement)
        if let raw = json["sweep"], !(raw is String) { throw RuntimeError(TrialRefusal.sweepNotAString) }
        sweep = json["sweep"] as? String
        values = try Self.values(json["values"])
        budget = try Self.number(json["budget"], "budget", range: 1e-9...1e7, whole: false)
        self.seed = UInt64(try Self.number(json["seed"], "seed", range: 0...9e15, whole: true) ?? 0)
    }

    /// A number key: absent (nil), or a JSON number inside `range` (whole when asked); a
    /// string, a boolean or anything else is refused with what was found.
    static func number(_ raw: Any?, _ key: String, range: ClosedRange<Double>, whole: Bool) throws(RuntimeError) -> Double? {
        guard let raw else { return nil }
        let isBoolean = (raw as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false  // "c": JSON true/false
        guard let n = raw as? NSNumber, !isBoolean else {
            let found: TrialRefusal.Found
            if let string = raw as? String {
                found = .string(string)
            } else if isBoolean {
                found = .boolean((raw as? NSNumber)?.boolValue == true)
            } else {
                found = .other("\(raw)")
            }
            throw RuntimeError(TrialRefusal.notANumber(key: key, found: found))
        }
        let v = n.doubleValue
        guard v.isFinite, range.contains(v), !whole || v == v.rounded() else {
            throw RuntimeError(TrialRefusal.outOfRange(key: key, value: v, range: range, whole: whole))
        }
        return v
    }

    static func source(_ json: [String: Any], confinement: Confinement) throws(RuntimeError) -> SourceFile {
        if let script = json["script"] as? String { return SourceFile(name: "<config>", text: script) }
        guard let file = json["file"] as? String else { throw RuntimeError(TrialRefusal.noSource) }
        guard let path = confinement.resolve(file.hasPrefix("/") ? file : confinement.root + "/" + file) else {
            throw RuntimeError(TrialRefusal.outsideDirectory(file: file, root: confinement.root))
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(TrialRefusal.unreadable(file: file))
        }
        guard contents.count <= Self.scriptLimit, !contents.contains(0) else {
            throw RuntimeError(TrialRefusal.notAScript(file: file, limit: Self.scriptLimit))
        }
        return SourceFile(name: file, text: String(decoding: contents, as: UTF8.self))
    }

    static func values(_ raw: Any?) throws(RuntimeError) -> [String: ParameterValue] {
        guard let raw else { return [:] }
        guard let dictionary = raw as? [String: Any] else { throw RuntimeError(TrialRefusal.valuesNotAnObject) }
        var out: [String: ParameterValue] = [:]
        for (name, value) in dictionary {
            if let word = value as? String {
                out[name] = .word(word)
            } else if let n = value as? NSNumber, n.doubleValue.isFinite {
                out[name] = .number(n.doubleValue)
            } else {
                throw RuntimeError(TrialRefusal.valueNotNumberOrString(name: name))
            }
        }
        return out
    }
}

/// A host for a scripted trial: text is dropped (stdout carries JSON only), errors are kept.
/// A host that shows nothing: a trial's setup lines keep their errors for the caller.
final class QuietHost: SessionHost {
    var errors: [String] = []
    var width: Int { 80 }
    func emit(_ output: Output) {
        if case .diagnostic(let d, let source) = output {
            errors.append(DiagnosticRenderer(style: PlainStyle()).render(d, source: source))
        }
    }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}
