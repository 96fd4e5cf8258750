// Refusals of looking up a name in the workspace, and of binding a written operand to a
// command's property. Worded in Wording/WorkspaceRefusal+Wording.swift.

/// A name that is not in the workspace, or not of the kind wanted.
enum WorkspaceRefusal: Refusal {
    /// No dataset was named and none is current.
    case noDataset
    /// No net was named and none is current.
    case noNet
    /// `name` is a `actual` ("dataset", "net"), not the `wanted` kind.
    case wrongKind(name: String, actual: String, wanted: String)
    /// No `kind` is called `name`; `suggestion` is the closest name, `names` all there are.
    case unknown(name: String, kind: String, suggestion: String?, names: [String])
}

/// A written operand that does not fit its declaration.
enum OperandRefusal: Refusal {
    /// `text` (as written) is not a value of the type `expectation` describes.
    case notAValue(text: String, expectation: String)
    /// `name=value` is above the declaration's limit.
    case tooLarge(name: String, value: Int, limit: Int)
    /// `name=` takes an expression; `shown` is what was written.
    case notAnExpression(name: String, shown: String)
    /// `name=` takes a parenthesized list.
    case notAList(name: String)
}
