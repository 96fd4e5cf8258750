// The wording of a lesson's own refusals.

extension LessonRefusal {
    var message: String {
        switch self {
        case .nothingToReveal: return "there is no prediction to reveal"
        case .revealNeedsAnswer: return "reveal needs answer= to say which choice is right"
        case .revealNeedsNumber: return "reveal needs answer= to say what the number is"
        case .emptySection: return "a section needs a title"
        case .lockOutsideLesson: return "lock is for lesson files: it holds while the lesson runs"
        case .lockNeedsNames: return "lock needs the datasets or nets to fix"
        case .locked(let name, let isNet, let file, let line):
            return
                "the \(isNet ? "net" : "dataset") \(name) is fixed by this lesson (lock at \(file):\(line)): look at it, do not change it"
        case .noLessonRunning: return "no lesson is running: lesson moves through one at its pauses"
        case .noSections(let file): return "\(file) has no sections to move between"
        case .noSuchSection(let number, let titles):
            let count = titles.count
            return "there is no section \(number): the lesson has \(count) section\(count == 1 ? "" : "s")"
        case .unknownSection(let title, _): return "no section is called \"\(title)\""
        case .lastSection(let count): return "this is the last section (\(count) of \(count))"
        case .firstSection: return "this is the first section"
        }
    }

    var hint: String? {
        switch self {
        case .nothingToReveal: return "ask first: predict \"Which net will generalize better?\" choices=(a, b)"
        case .revealNeedsAnswer(let choices):
            return "for example: reveal answer=most(val.acc) (the choices: \(choices.joined(separator: ", ")))"
        case .revealNeedsNumber: return "for example: reveal answer=big.val.acc within=2"
        case .emptySection: return "for example: section \"Dropout\""
        case .lockOutsideLesson: return "write it in the lesson file, after the dataset or net is made"
        case .lockNeedsNames: return "for example: lock d big"
        case .locked(let name, let isNet, _, _):
            return isNet
                ? "to experiment, fork it and change the copy: fork \(name) as mine"
                : "to experiment, derive your own dataset from it and change that: data mine = \(name)"
        case .noLessonRunning: return "start one with basin tutorial NAME, or run \"FILE.basin\""
        case .noSections: return "the lesson goes on at Enter"
        case .noSuchSection(_, let titles):
            return "the sections: " + titles.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
        case .unknownSection(_, let titles): return "the sections: " + titles.map { "\"\($0)\"" }.joined(separator: ", ")
        case .lastSection: return "Enter goes on to the end; lesson again starts this section over"
        case .firstSection: return "lesson again starts it over"
        }
    }
}
