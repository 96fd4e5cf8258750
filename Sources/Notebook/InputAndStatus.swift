// The bottom of the main screen: the input line (prompt, horizontal scrolling to keep the
// cursor in view, continuation rows for `{ }` blocks, Ctrl-R search) and the status line
// (what runs, the current net and data, step, learning rate, steps/s, and "F1 help").
import Charts

extension NotebookState {
    var prompt: String {
        let arrow = profile.isUnicode ? "❯ " : "> "
        switch waiting {
        case .question: return "answer " + arrow
        case .pause: return "next " + arrow
        case nil: return arrow
        }
    }

    mutating func drawInput(into buffer: inout CellBuffer, _ r: Rect) {
        guard !r.isEmpty else { return }
        if let search { return drawSearch(search, into: &buffer, r) }
        let promptStyle = CellStyle(foreground: profile.adapted(.blue), attributes: .bold)
        let lines = input.lines
        let firstRow = max(0, min(input.cursorRow - r.height + 1, lines.count - r.height))
        for row in 0..<r.height where firstRow + row < lines.count {
            let index = firstRow + row
            let lead =
                index == 0 ? prompt : String(repeating: " ", count: max(0, prompt.count - 2)) + (profile.isUnicode ? "… " : ". ")
            buffer.write(lead, x: r.x, y: r.y + row, style: promptStyle, clip: r)
            let room = max(1, r.width - lead.count - 1)
            let column = index == input.cursorRow ? input.cursorColumn : 0
            let shift = max(0, column - room)
            let shown = String(lines[index].dropFirst(shift).prefix(room + 1))
            buffer.write(fold(shown), x: r.x + lead.count, y: r.y + row, clip: r)
            if index == input.cursorRow { cursor = (r.x + lead.count + column - shift, r.y + row) }
        }
    }

    func drawSearch(_ s: ReverseSearch, into buffer: inout CellBuffer, _ r: Rect) {
        let label = s.failed ? "failing search: " : "search: "
        var x = buffer.write(
            label, x: r.x, y: r.y, style: CellStyle(foreground: profile.adapted(.blue), attributes: .bold), clip: r)
        x = buffer.write(fold(s.query), x: x, y: r.y, style: .bold, clip: r)
        let match = s.match.map { history.entries[$0].replacingNewlines } ?? ""
        buffer.write("   " + fold(match), x: x, y: r.y, style: .dim, clip: r)
        _ = x
    }

    mutating func drawStatus(into buffer: inout CellBuffer, _ r: Rect) {
        let bar = CellStyle(attributes: .reverse)
        buffer.fill(r, with: Cell(" ", style: bar))
        let right = " F1 help "
        let left = " " + fold(statusText)
        let room = max(0, r.width - right.count)
        buffer.write(left, x: r.x, y: r.y, style: bar, clip: Rect(x: r.x, y: r.y, width: room, height: 1))
        if r.width >= right.count + 10 {
            buffer.write(right, x: r.maxX - right.count, y: r.y, style: CellStyle(attributes: [.reverse, .bold]), clip: r)
        }
    }

    var statusText: String {
        if let notice { return notice }
        switch waiting {
        case .question: return "type your answer, Enter · Ctrl-C skips"
        case .pause(let next):
            // Narrow screens keep the keys and drop the words around them.
            if width < 90 { return (next == nil ? "paused · Enter goes on" : "paused · Enter runs it") + " · F8/F7 sections" }
            return (next == nil ? "tutorial paused · Enter continues" : "tutorial paused · Enter runs it, or edit it first")
                + " · F8 next section, F7 back"
        case nil: break
        }
        if zoomed != nil { return "Esc or q returns" + (live != nil ? " · F2 next layer" : "") }
        if case .cells = focus { return "↑↓ select · Enter collapse · z zoom · Esc back to input" }
        return workspaceStatus
    }

    /// "● train a · step 1200 · 812 steps/s · Ctrl-C stops · net a · data d · lr 0.01", in
    /// order of importance: what does not fit is left out rather than cut.
    var workspaceStatus: String {
        var parts: [String] = []
        if running { parts.append((profile.isUnicode ? "● " : "* ") + (live?.title ?? "running")) }
        let showsRun = status.runNet != nil && status.runNet == status.net
        let step = showsRun ? status.step.map { "step \($0)" } : nil
        let lr = showsRun ? status.learningRate.map { "lr " + NumberFormat.compact($0) } : nil
        let place = [status.net.map { "net " + $0 }, status.data.map { "data " + $0 }].compactMap { $0 }
        if running {
            parts += [step].compactMap { $0 }
            if let rate = status.stepsPerSecond, live != nil, !rateDescription(rate).isEmpty {
                parts.append(rateDescription(rate))
            }
            if live != nil { parts.append("Ctrl-C stops") }
            parts += place + [lr].compactMap { $0 }
        } else {
            parts += place + [step, lr].compactMap { $0 }
        }
        if !queued.isEmpty { parts.insert("\(queued.count) queued", at: min(1, parts.count)) }
        if parts.isEmpty { parts = ["Tab completes", "↑ history", "Ctrl-R search", "Esc cells"] }
        return fitted(parts, width: width - 11)
    }

    /// The parts joined with " · ", as many as fit in `width` (at least the first).
    func fitted(_ parts: [String], width: Int) -> String {
        var text = parts.first ?? ""
        for part in parts.dropFirst() {
            guard text.count + 3 + part.count <= width else { break }
            text += " · " + part
        }
        return text
    }
}

/// "16444 steps/s"; empty before a rate is known (or if it is not a finite number).
func rateDescription(_ stepsPerSecond: Double) -> String {
    guard stepsPerSecond.isFinite, stepsPerSecond > 0, stepsPerSecond < 1e15 else { return "" }
    return "\(Int(stepsPerSecond.rounded())) steps/s"
}

extension String {
    var replacingNewlines: String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ⏎ ") }
}
