// Refusals of a lesson's own commands: predict, reveal, section. Worded in
// Wording/LessonRefusal+Wording.swift.

enum LessonRefusal: Refusal {
    /// `reveal` with no prediction waiting.
    case nothingToReveal
    /// `reveal` of a prediction with choices, without `answer=`.
    case revealNeedsAnswer(choices: [String])
    /// `reveal` of a number prediction, without `answer=`.
    case revealNeedsNumber
    /// A section title that is empty.
    case emptySection
}
