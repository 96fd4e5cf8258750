// What a teacher writes into a lesson file besides its questions: `hide { … }` runs set-up the
// reader need not see (only its errors show); `lock NAME…` fixes a dataset or net while the
// lesson runs (the reader may look at it at a pause, not change it); and the reader moves
// between sections with `lesson` at a pause. See ScriptRun.swift.
import Diagnostics
import Language

struct HideCommand: RunnableCommand {
    static var declaration: Declaration<HideCommand> {
        Declaration(
            "hide", category: "Tutorials", summary: "run commands without showing them or what they print (errors still show)",
            block: .required,
            examples: ["hide { data d = moons n=400 noise=0.3 ; noise d labels=0.1 }"],
            details: "For a lesson's set-up: the reader sees what the lesson says about it, not the commands or "
                + "their progress (the notebook shows the lesson still running). Errors show, with their line.")
    }

    func run(_ s: Session, _ c: Context<HideCommand>) throws(RuntimeError) -> ExecutionStatus {
        let statements = c.syntax.block?.statements ?? []
        let cell = s.cells.count
        s.hiding += 1
        defer { s.hiding -= 1 }
        for inner in statements {
            let status = try s.dispatch(inner, source: c.source, next: nil)
            if status != .ok || s.activeRun.interruptedSinceStart || s.runningScript?.jump != nil { return status }
        }
        // Nothing was shown: nothing to hand in either.
        if s.cells.count == cell, let last = s.cells.last, last.outputs.isEmpty { s.cells.removeLast() }
        return .ok
    }
}

struct LockCommand: RunnableCommand {
    var names: [String] = []

    static var declaration: Declaration<LockCommand> {
        Declaration(
            "lock", category: "Tutorials", summary: "fix datasets or nets while the lesson runs: the reader may look, not change",
            replayable: false,
            examples: ["lock d", "lock d big small"],
            details: "For the commands a reader types at the lesson's pauses: a locked dataset cannot be made again, "
                + "noised, split or augmented, and a locked net cannot be defined again, trained, stepped, reset or "
                + "set up differently; looking at it, forking it and training other nets on it are allowed. The "
                + "lesson's own lines may change them. Locks end with the lesson.",
            .slots(\.names, "names", .name(.any), placeholder: "NAME", help: "datasets and nets to fix"))
    }

    func run(_ s: Session, _ c: Context<LockCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard !c.source.name.isEmpty else { throw RuntimeError(LessonRefusal.lockOutsideLesson, at: c.span) }
        guard !names.isEmpty else { throw RuntimeError(LessonRefusal.lockNeedsNames, at: c.span) }
        var sites: [(String, LockSite)] = []
        for name in names {
            let kind: LockSite.Kind
            if s.workspace.nets[name] != nil {
                kind = .net
            } else if s.workspace.datasets[name] != nil {
                kind = .data
            } else {
                throw s.workspace.unknown(name, kind: "dataset or net", among: s.workspace.allNames, at: c.span(\.names))
            }
            sites.append((name, LockSite(kind: kind, file: c.source.name, line: c.span.line)))
        }
        for (name, site) in sites { s.locks[name] = site }
        s.say("fixed while the lesson runs: " + names.joined(separator: ", ") + " (look at them or fork them; change your own)")
        return .ok
    }
}

struct LessonCommand: RunnableCommand {
    enum Move: String, OperandChoice { case next, back, again }

    var move: Move?
    var number: Int?
    var title: String?

    static var declaration: Declaration<LessonCommand> {
        Declaration(
            "lesson", category: "Tutorials", summary: "at a lesson's pause: its sections, or jump to one",
            replayable: false,
            examples: ["lesson", "lesson next", "lesson back", "lesson 3", "lesson \"Dropout\""],
            details: "Typed at a pause (F8 and F7 in the notebook). lesson lists the sections; next and back move one "
                + "section, again starts this one over, a number or a title jumps there. Going on runs the lines between "
                + "quietly; going back runs the lesson again from its start, quietly (nothing shown, asked or recorded), "
                + "so every section starts from the state it always starts from.",
            .slot(\.move, "move", help: "next, back or again"),
            .slot(\.number, "number", .positiveInteger, placeholder: "N", help: "a section's number (as lesson lists them)"),
            .slot(\.title, "title", .string, placeholder: "\"TITLE\"", help: "a section's title"))
    }

    func run(_ s: Session, _ c: Context<LessonCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard let script = s.runningScript else { throw RuntimeError(LessonRefusal.noLessonRunning, at: c.span) }
        let sections = script.sections
        let file = script.source.name
        guard !sections.isEmpty else { throw RuntimeError(LessonRefusal.noSections(file: file), at: c.span) }
        guard let target = try target(script, at: c) else {
            s.say(Self.listing(script))
            return .ok
        }
        script.jump = script.start(of: target)
        let how =
            target > (script.current ?? -1)
            ? (target > (script.current ?? -1) + 1 ? " (the lines between run quietly)" : "")
            : (target > 0 ? " (the lesson runs again from its start, quietly)" : " (the lesson starts again)")
        s.say("→ section \(target + 1) of \(sections.count): \(sections[target].title)" + how)
        return .ok
    }

    /// The section to jump to (0-based), nil to list them.
    func target(_ script: ScriptRun, at c: Context<LessonCommand>) throws(RuntimeError) -> Int? {
        let sections = script.sections
        let here = script.current
        if let number {
            guard number <= sections.count else {
                throw RuntimeError(
                    LessonRefusal.noSuchSection(number: number, titles: sections.map(\.title)), at: c.span(\.number))
            }
            return number - 1
        }
        if let title {
            let wanted = title.lowercased()
            if let i = sections.firstIndex(where: { $0.title.lowercased() == wanted })
                ?? sections.firstIndex(where: { $0.title.lowercased().hasPrefix(wanted) })
            {
                return i
            }
            throw RuntimeError(LessonRefusal.unknownSection(title: title, titles: sections.map(\.title)), at: c.span(\.title))
        }
        switch move {
        case nil: return nil
        case .again: return here ?? 0
        case .next:
            let next = (here ?? -1) + 1
            guard next < sections.count else { throw RuntimeError(LessonRefusal.lastSection(count: sections.count), at: c.span) }
            return next
        case .back:
            guard let here, here > 0 else { throw RuntimeError(LessonRefusal.firstSection, at: c.span) }
            return here - 1
        }
    }

    /// The sections, numbered, the reader's marked.
    static func listing(_ script: ScriptRun) -> String {
        var lines = ["\(script.source.name): \(script.sections.count) section\(script.sections.count == 1 ? "" : "s")"]
        for (i, section) in script.sections.enumerated() {
            lines.append((i == script.current ? "▸ " : "  ") + "\(i + 1) \(section.title)")
        }
        lines.append("lesson N or lesson \"TITLE\" jumps there; lesson next, lesson back, lesson again")
        return lines.joined(separator: "\n")
    }
}
