// Refusals of `basin trial --config FILE.json` (Sweeps/ScaleOut.swift): a config that is not the
// JSON object it describes, a script outside the trial's directory, and values that are not
// exactly the body's active parameters. Worded in Wording/TrialRefusal+Wording.swift.

import Search

/// A trial config that cannot be run as written.
enum TrialRefusal: Refusal {
    /// A JSON value found where a number was wanted.
    enum Found: Sendable {
        case string(String)
        case boolean(Bool)
        /// Anything else, as JSONSerialization describes it.
        case other(String)
    }

    // The config.

    /// The config does not parse as a JSON object.
    case notAnObject
    /// The config has `key`, which is not among `keys`; `suggestion` is the closest.
    case unknownKey(key: String, suggestion: String?, keys: [String])
    /// "sweep" is not a string.
    case sweepNotAString
    /// The number `key` is something else.
    case notANumber(key: String, found: Found)
    /// The number `key` is `value`, outside `range` (a whole number when `whole`; the lower bound
    /// is excluded when not).
    case outOfRange(key: String, value: Double, range: ClosedRange<Double>, whole: Bool)
    /// The config has neither "file" nor "script".
    case noSource
    /// "values" is not an object.
    case valuesNotAnObject
    /// The value of parameter `name` in "values" is neither a number nor a string.
    case valueNotNumberOrString(name: String)

    // The script.

    /// `file` resolves outside the trial's directory `root`.
    case outsideDirectory(file: String, root: String)
    /// `file` cannot be read.
    case unreadable(file: String)
    /// `file` holds a zero byte or is over `limit` bytes.
    case notAScript(file: String, limit: Int)
    /// The source `file` has no `sweep NAME { … }`, or none named `sweep`.
    case noSweep(file: String, sweep: String?)

    // The values against the body's space.

    /// The active parameter `name` has no value; `parameters` are all the space's.
    case missingValue(name: String, parameters: [String])
    /// The value of `name` is outside its domain.
    case outsideDomain(name: String, value: ParameterValue)
    /// `name` is a parameter of the space, active only under `conditions`, which the values do not meet.
    case inactiveParameter(name: String, conditions: [Condition])
    /// `name` is no parameter of the space; `parameters` are all there are.
    case unknownParameter(name: String, parameters: [String])
}
