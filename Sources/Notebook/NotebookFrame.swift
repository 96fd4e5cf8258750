// Drawing the main screen into a cell buffer: the visible part of the column of cells, the
// live dashboard, the Tab candidates, the input line (with the cursor position for the
// terminal) and the status line. Zoom, help and "need W×H" are in Screens.swift.
import Charts

extension NotebookState {
    /// The whole screen as it should look now; `cursor` says where the terminal cursor goes.
    public mutating func frame() -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        cursor = nil
        if isTooSmall {
            drawTooSmall(into: &buffer)
        } else if let top = helpScroll {
            drawHelp(into: &buffer, top: top)
        } else if let z = zoomed, cells.indices.contains(z) {
            drawZoom(cell: z, into: &buffer)
        } else {
            drawMain(into: &buffer)
        }
        return buffer.adapted(to: profile)
    }

    mutating func drawMain(into buffer: inout CellBuffer) {
        let l = layout()
        drawCells(into: &buffer, area: l.cells)
        if let d = l.dashboard, let live {
            DashboardView(model: live, layer: histogramLayer, profile: profile).draw(into: &buffer, in: d)
        }
        if let divider = l.divider { drawDivider(into: &buffer, divider) }
        if let c = l.completions { drawCompletions(into: &buffer, c) }
        drawInput(into: &buffer, l.input)
        drawStatus(into: &buffer, l.status)
    }

    mutating func drawCells(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        if cells.isEmpty { return drawWelcome(into: &buffer, area: area) }
        let offsets = cellOffsets(width: area.width)
        let total = offsets[cells.count]
        let top = min(scrollTop ?? .max, max(0, total - area.height))
        var view = CellBuffer(width: area.width, height: area.height)
        for i in cells.indices where offsets[i + 1] > top && offsets[i] < top + area.height {
            view.blit(renderedCell(i, width: area.width), x: 0, y: offsets[i] - top)
        }
        if case .cells(let selected) = focus, cells.indices.contains(selected) {
            highlightRow(offsets[selected] - top, in: &view)
        }
        if top + area.height < total {
            let more = " \(total - top - area.height) more below (PgDn) "
            view.write(more, x: area.width - more.count, y: area.height - 1, style: CellStyle(attributes: [.reverse, .dim]))
        }
        buffer.blit(view, x: area.x, y: area.y)
    }

    func highlightRow(_ row: Int, in view: inout CellBuffer) {
        guard row >= 0 && row < view.height else { return }
        for x in 0..<view.width {
            var cell = view[x: x, y: row]
            cell.style.attributes.insert(.reverse)
            view[x: x, y: row] = cell
        }
    }

    func drawWelcome(into buffer: inout CellBuffer, area: Rect) {
        let arrow = profile.isUnicode ? "❯" : ">"
        let lines: [(String, CellStyle)] = [
            ("Basin: small networks, trained and drawn live.", .bold),
            ("", .plain),
            ("Try:  \(arrow) data d = moons n=400", .plain),
            ("      \(arrow) net a = dense 16 relu, dense 2", .plain),
            ("      \(arrow) train a epochs=50", .plain),
            ("", .plain),
            ("F1 help · Tab completes · Ctrl-D quits", .dim),
        ]
        for (i, line) in lines.prefix(area.height).enumerated() {
            buffer.write(fold(line.0), x: area.x + 1, y: area.y + i, style: line.1, clip: area)
        }
    }

    func drawDivider(into buffer: inout CellBuffer, _ r: Rect) {
        let glyph = r.width == 1 ? Glyphs.verticalLine(profile) : Glyphs.horizontalLine(profile)
        let style = CellStyle(foreground: profile.adapted(.gray))
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { buffer.put(glyph, x: x, y: y, style: style) } }
    }

    func drawCompletions(into buffer: inout CellBuffer, _ r: Rect) {
        var x = r.x
        for (i, candidate) in completions.enumerated() {
            let rest = completions.count - i
            if x + candidate.count + (rest > 1 ? 6 : 0) > r.maxX {
                buffer.write("+\(rest) more", x: x, y: r.y, style: .dim, clip: r)
                return
            }
            x = buffer.write(candidate, x: x, y: r.y, style: CellStyle(foreground: profile.adapted(.cyan)), clip: r) + 2
        }
    }

    func fold(_ text: String) -> String { folded(text, for: profile) }
}
