// The wording of `basin trial`: its config, its script, and the values it is given.

import Language

extension TrialRefusal {
    var message: String {
        switch self {
        case .notAnObject: return "the config is not a JSON object"
        case .unknownKey(let key, _, _): return "unknown key \"\(key)\" in the config"
        case .sweepNotAString: return "\"sweep\" must be the sweep's name, a string"
        case .notANumber(let key, let found):
            let shown =
                switch found {
                case .string(let s): "the string \"\(s)\""
                case .boolean(let b): b ? "true" : "false"
                case .other(let description): description
                }
            return "\"\(key)\" must be a number, not \(shown)"
        case .outOfRange(let key, let value, let range, let whole):
            let kind =
                whole ? "a whole number from \(Int(range.lowerBound))" : "a number above \(Int(range.lowerBound)) and at most"
            return "\"\(key)\" must be \(kind) \(whole ? "to " : "")\(Int(range.upperBound)), not \(NumberLiteral.format(value))"
        case .noSource: return "the config needs \"file\" or \"script\""
        case .valuesNotAnObject: return "\"values\" must be an object of name: value"
        case .valueNotNumberOrString(let name): return "value of '\(name)' must be a number or a string"

        case .outsideDirectory(let file, let root): return "'\(file)' is outside the trial's directory \(root)"
        case .unreadable(let file): return "cannot read '\(file)'"
        case .notAScript(let file, let limit): return "'\(file)' is not a Basin script (binary, or over \(limit >> 20) MiB)"
        case .noSweep(let file, let sweep): return "\(file) has no sweep named '\(sweep ?? "")' with a { body }"

        case .missingValue(let name, _): return "no value for '\(name)'"
        case .outsideDomain(let name, let value): return "\(name)=\(value) is outside its range"
        case .inactiveParameter(let name, _), .unknownParameter(let name, _):
            return "'\(name)' is not an active parameter of the body"
        }
    }

    var hint: String? {
        switch self {
        case .notAnObject: return "{\"file\": \"sweep.basin\", \"values\": {\"lr\": 0.01}, \"budget\": 10}"
        case .unknownKey(_, let suggestion, let keys):
            return suggestion.map { "did you mean \"\($0)\"?" } ?? "the keys are " + keys.joined(separator: ", ")
        case .outsideDirectory: return "a trial reads and writes only below the directory basin trial runs in"
        case .unreadable: return "paths are relative to the directory basin runs in"
        case .missingValue(_, let parameters): return "give every active parameter: " + parameters.joined(separator: ", ")
        case .inactiveParameter(_, let conditions):
            return "it exists only when " + conditions.map(\.description).joined(separator: " and ") + "; leave it out"
        case .unknownParameter(_, let parameters): return "parameters: " + parameters.joined(separator: ", ")
        case .sweepNotAString, .notANumber, .outOfRange, .noSource, .valuesNotAnObject, .valueNotNumberOrString,
            .notAScript, .noSweep, .outsideDomain:
            return nil
        }
    }
}
