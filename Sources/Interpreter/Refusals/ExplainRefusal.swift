// Refusals of `explain`. Worded in Wording/ExplainRefusal+Wording.swift.

enum ExplainRefusal: Refusal {
    /// The inputs are tokens (an embedding looks them up): no gradient with respect to them.
    case tokens(net: String, data: String)
    /// example=`index` is past the `count` examples of `part`.
    case noExample(index: Int, part: String, count: Int)
    /// class=`index` is past the net's `outputs`.
    case noClass(index: Int, outputs: Int)
}
