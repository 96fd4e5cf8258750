// The full-screen views: F1 help (the keys, then every command from the registry with an
// example), one cell's chart zoomed to the whole screen, and "need W×H" when the window is too
// small (it recovers on the next resize).
import Charts
import Interpreter
import Language

enum HelpScreen {
    static let keys: [(String, String)] = [
        ("Enter", "run the command (inside { } a new line)"),
        ("← → Home End", "move; Ctrl-A/E line start/end, Alt-B/F by word"),
        ("Ctrl-K Ctrl-U", "delete to the end / to the start of the line"),
        ("Ctrl-W Ctrl-Y", "delete the word before / put deleted text back"),
        ("↑ ↓", "history, starting with what you typed"),
        ("Ctrl-R", "search the history; Enter runs, Esc returns"),
        ("Tab", "complete commands, arguments and names"),
        ("PgUp PgDn, wheel", "scroll the cells"),
        ("Esc", "select cells: ↑↓ move, Enter collapse, z zoom"),
        ("F2", "the next layer in the weight histogram"),
        ("F7 F8", "at a lesson's pause: the previous / next section"),
        ("Ctrl-C", "stop a run after its step; else clear the line"),
        ("Ctrl-L", "redraw the screen"),
        ("Ctrl-D or quit", "leave (a summary stays on the screen)"),
    ]

    /// The help text as styled lines `width` wide: the keys, then the commands by category,
    /// descriptions wrapped under their own column.
    static func lines(width: Int) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = [("Keys", .bold)]
        for (key, what) in keys { out += entry(key, what, column: 20, width: width) }
        for (category, commands) in CommandRegistry.standard.categories {
            out += [("", .plain), (category, .bold)]
            for spec in commands {
                out += entry(spec.name, spec.summary, column: 12, width: width)
                if let example = spec.examples.first { out.append(("  " + "".padded(to: 12) + example, .dim)) }
            }
        }
        out += [("", .plain), ("help NAME shows a command's arguments; docs/language.md has everything.", .dim)]
        return out
    }

    static func entry(_ name: String, _ text: String, column: Int, width: Int) -> [(String, CellStyle)] {
        let lead = "  " + name.padded(to: column)
        let wrapped = StyledText.wrapped(text, width: max(10, width - lead.count - 2))
        return wrapped.enumerated().map { i, line in ((i == 0 ? lead : String(repeating: " ", count: lead.count)) + line, .plain)
        }
    }
}

extension NotebookState {
    func drawHelp(into buffer: inout CellBuffer, top: Int) {
        let lines = HelpScreen.lines(width: width)
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        for row in 0..<body.height where top + row < lines.count {
            let (text, style) = lines[top + row]
            buffer.write(fold(text), x: 1, y: row, style: style, clip: body)
        }
        let footer = "help · ↑↓ PgUp PgDn scroll · Esc, q or F1 returns"
        footerLine(footer, into: &buffer)
    }

    mutating func drawZoom(cell index: Int, into buffer: inout CellBuffer) {
        let cell = cells[index]
        let title = cell.input.map { "[\(cell.numberText)] " + $0.replacingNewlines } ?? "output"
        buffer.write(fold(title), x: 0, y: 0, style: .bold)
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        if cell.running, let live {
            DashboardView(model: live, layer: histogramLayer, profile: profile).draw(into: &buffer, in: area)
        } else {
            switch cell.zoomable {
            case .dashboard(let model)?:
                DashboardView(model: model, layer: histogramLayer, profile: profile).draw(into: &buffer, in: area)
            case .output(.chart(let chart))?:
                chart.render(into: &buffer, in: area, profile: profile)
            default:
                buffer.blit(renderedCell(index, width: width), x: 0, y: cell.input == nil ? 1 : 0)
            }
        }
        footerLine(
            "zoom · Esc or q returns" + (live != nil || cell.zoomable.isDashboard ? " · F2 next layer" : ""), into: &buffer)
    }

    func footerLine(_ text: String, into buffer: inout CellBuffer) {
        let r = Rect(x: 0, y: height - 1, width: width, height: 1)
        buffer.fill(r, with: Cell(" ", style: CellStyle(attributes: .reverse)))
        buffer.write(" " + fold(text), x: 0, y: r.y, style: CellStyle(attributes: .reverse), clip: r)
    }

    func drawTooSmall(into buffer: inout CellBuffer) {
        let need = "need \(NotebookLayout.minimumWidth)\(profile.isUnicode ? "×" : "x")\(NotebookLayout.minimumHeight)"
        let now = "now \(width)\(profile.isUnicode ? "×" : "x")\(height)"
        let y = max(0, height / 2 - 1)
        buffer.write(need, x: max(0, (width - need.count) / 2), y: y, style: .bold)
        buffer.write(now, x: max(0, (width - now.count) / 2), y: y + 1, style: .dim)
    }
}

extension NotebookCell {
    var numberText: String {
        if case .command(let n, _) = kind { return String(n) }
        return ""
    }
}

extension Optional where Wrapped == CellOutput {
    var isDashboard: Bool {
        if case .dashboard? = self { return true }
        return false
    }
}

extension String {
    func padded(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
