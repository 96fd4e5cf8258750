// Refusals of `eval`'s details (confusion, worst=). Worded in Wording/EvalRefusal+Wording.swift.

enum EvalRefusal: Refusal {
    /// `what` (confusion, worst=) needs class targets; `data` holds values.
    case needsClasses(what: String, data: String)
    /// `net`'s outputs do not fit `data` (it was built for other data).
    case cannotPredict(net: String, data: String)
}
