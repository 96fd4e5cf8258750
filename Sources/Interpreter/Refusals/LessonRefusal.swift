// Refusals of a lesson's own commands: predict, reveal, section, lock, lesson. Worded in
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
    /// `lock` typed, not written in a lesson file.
    case lockOutsideLesson
    /// `lock` with no names.
    case lockNeedsNames
    /// A change, typed at a lesson's pause, to a dataset or net the lesson fixed.
    case locked(name: String, isNet: Bool, file: String, line: Int)
    /// `lesson` with no lesson running (it is typed at a lesson's pause).
    case noLessonRunning
    /// `lesson` in a lesson without `section` lines.
    case noSections(file: String)
    /// `lesson N` or `run … section=N` past the last section.
    case noSuchSection(number: Int, titles: [String])
    /// `lesson "TITLE"` that no section's title is or begins with.
    case unknownSection(title: String, titles: [String])
    /// `lesson next` in the last section.
    case lastSection(count: Int)
    /// `lesson back` in the first section (or before it).
    case firstSection
}
