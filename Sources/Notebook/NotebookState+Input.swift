// Keys while the input line has focus: editing, submitting (or continuing an open `{` block),
// Up/Down history with prefix search, Tab completion from the command registry, and the keys
// that reach the rest of the notebook (PgUp/PgDn, Esc to the cells, F1 help, F2 layer; at a
// lesson's pause F7/F8 for the previous and next section).
import Charts
import Foundation
import Interpreter
import Language

extension NotebookState {
    mutating func handle(_ key: Key) -> [NotebookEffect] {
        if helpScroll != nil { return helpKey(key) }
        if zoomed != nil { return zoomKey(key) }
        if search != nil { return searchKey(key) }
        if case .cells = focus { return cellKey(key) }
        return inputKey(key)
    }

    mutating func inputKey(_ key: Key) -> [NotebookEffect] {
        let kept = completions
        completions = []
        // At a lesson's pause, F7 and F8 move a section back or on (typed as `lesson …`).
        if case .pause(let next) = waiting, case .function(let n) = key, n == 7 || n == 8 {
            return submitAtPause(n == 8 ? "lesson next" : "lesson back", next: next)
        }
        if let effects = globalKey(key) { return effects }
        if let effects = submitOrHistoryKey(key) { return effects }
        if key == .tab { complete(); return [] }
        if edit(key) { browse = nil } else { completions = kept }
        return []
    }

    /// Keys that act the same whatever has focus.
    mutating func globalKey(_ key: Key) -> [NotebookEffect]? {
        switch key {
        case .function(1): helpScroll = 0
        case .function(2): histogramLayer += 1
        case .pageUp: scroll(by: -pageSize)
        case .pageDown: scroll(by: pageSize)
        case .wheelUp: scroll(by: -3)
        case .wheelDown: scroll(by: 3)
        case .control("l"): return [.redraw]
        case .control("c"): return interrupt()
        case .escape:
            guard !cells.isEmpty, waiting == nil else { return [] }
            select(cells.count - 1)
        default: return nil
        }
        return []
    }

    mutating func submitOrHistoryKey(_ key: Key) -> [NotebookEffect]? {
        switch key {
        case .enter:
            if input.hasOpenBlock && waiting == nil { input.insert("\n"); return [] }
            return submit()
        case .control("d"):
            guard input.isEmpty else { input.deleteForward(); return [] }
            return waiting == nil ? [.quit] : []
        case .up:
            if input.cursorRow > 0 { moveVertically(-1) } else { historyPrevious() }
        case .down:
            if input.cursorRow < input.lines.count - 1 { moveVertically(1) } else { historyNext() }
        case .control("p"): historyPrevious()
        case .control("n"): historyNext()
        case .control("r"):
            search = ReverseSearch(draft: input.text)
        default: return nil
        }
        return []
    }

    /// Plain editing keys; false when the key is not one (nothing changed).
    mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c): input.insert(String(c))
        case .backspace, .control("h"): input.backspace()
        case .delete: input.deleteForward()
        case .left, .control("b"): input.moveLeft()
        case .right, .control("f"): input.moveRight()
        case .home, .control("a"): input.moveHome()
        case .end, .control("e"): input.moveEnd()
        case .alt("b"): input.moveWordLeft()
        case .alt("f"): input.moveWordRight()
        case .control("k"): input.killToEnd()
        case .control("u"): input.killToStart()
        case .control("w"): input.killWordBack()
        case .control("y"): input.yank()
        default: return false
        }
        return true
    }

    /// Enter: answers a question, continues or runs at a pause, or runs the command.
    mutating func submit() -> [NotebookEffect] {
        let text = input.text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch waiting {
        case .question:
            waiting = nil
            input.set("")
            receive(.text("> " + trimmed))
            return [.answer(trimmed)]
        case .pause(let next):
            return submitAtPause(trimmed, next: next)
        case nil:
            guard !trimmed.isEmpty else { return [] }
            if running {
                history.add(trimmed)
                queued.append(trimmed)
                input.set("")
                return [.saveHistory]
            }
            input.set("")
            browse = nil
            startCommand(trimmed)
            return [.saveHistory, .run(trimmed)]
        }
    }

    /// Runs `command` as if it had been typed and entered.
    public mutating func enter(_ command: String) -> [NotebookEffect] {
        input.set(command)
        return submit()
    }

    mutating func submitAtPause(_ text: String, next: String?) -> [NotebookEffect] {
        waiting = nil
        input.set("")
        let offered = next?.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text == offered {
            if let offered { startCommand(offered, recordHistory: false) }
            return [.resume]
        }
        startCommand(text)
        return [.saveHistory, .runAtPause(text)]
    }

    /// A new running cell for `text` (the input line is left alone: a queued command starts
    /// while the person may be typing the next one).
    mutating func startCommand(_ text: String, recordHistory: Bool = true) {
        if recordHistory { history.add(text) }
        cells.append(NotebookCell(kind: .command(number: nextNumber, input: text), running: true))
        nextNumber += 1
        summary.commands += 1
        running = true
        notice = nil
        scrollTop = nil
    }

    mutating func moveVertically(_ rows: Int) {
        let column = input.cursorColumn
        if rows < 0 { input.moveHome(); input.moveLeft() } else { input.moveEnd(); input.moveRight() }
        input.moveHome()
        for _ in 0..<column where input.cursor < input.lineEnd { input.moveRight() }
    }

    mutating func historyPrevious() {
        let b = browse ?? HistoryBrowse(index: history.entries.count, prefix: input.text, draft: input.text)
        guard let i = history.previous(before: b.index, prefix: b.prefix, current: input.text) else { return }
        browse = HistoryBrowse(index: i, prefix: b.prefix, draft: b.draft)
        input.set(history.entries[i])
    }

    mutating func historyNext() {
        guard let b = browse else { return }
        if let i = history.next(after: b.index, prefix: b.prefix, current: input.text) {
            browse = HistoryBrowse(index: i, prefix: b.prefix, draft: b.draft)
            input.set(history.entries[i])
        } else {
            browse = nil
            input.set(b.draft)
        }
    }

    /// Tab: one candidate is inserted (with a space unless it ends in `=`); several insert
    /// their common prefix and are listed above the input.
    mutating func complete() {
        let names = self.names
        let completer = Completer(registry: .standard, names: { _ in names })
        let result = completer.complete(input.text, cursor: input.utf8Cursor)
        guard !result.candidates.isEmpty else { return }
        if result.candidates.count == 1, let only = result.candidates.first {
            let suffix = only.text.hasSuffix("=") ? "" : " "
            input.replace(utf8: result.replaceStart, result.replaceEnd, with: only.text + suffix)
        } else {
            input.replace(utf8: result.replaceStart, result.replaceEnd, with: result.commonPrefix)
            completions = result.candidates.map(\.text)
        }
    }
}
