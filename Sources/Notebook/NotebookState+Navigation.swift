// Keys away from the input line: Ctrl-R reverse search, the cells (select, collapse, zoom),
// the zoomed chart and the help screen; and scrolling, which keeps a selected cell in view.
import Charts

extension NotebookState {
    mutating func searchKey(_ key: Key) -> [NotebookEffect] {
        guard var s = search else { return [] }
        switch key {
        case .character(let c):
            s.query.append(c)
            s.match = history.search(s.query, atOrBefore: s.match ?? history.entries.count - 1)
        case .backspace:
            s.query = String(s.query.dropLast())
            s.match = history.search(s.query, atOrBefore: history.entries.count - 1)
        case .control("r"):
            if let m = s.match { s.match = history.search(s.query, atOrBefore: m - 1) ?? m }
        case .escape, .control("g"):
            input.set(s.draft)
            search = nil
            return []
        case .control("c"):
            search = nil
            return []
        default:
            // Any other key takes the match into the input and then acts as usual.
            input.set(s.match.map { history.entries[$0] } ?? s.draft)
            search = nil
            return key == .enter ? submit() : inputKey(key)
        }
        search = s
        return []
    }

    mutating func cellKey(_ key: Key) -> [NotebookEffect] {
        guard case .cells(let selected) = focus, cells.indices.contains(selected) else {
            focus = .input
            return inputKey(key)
        }
        switch key {
        case .up, .character("k"): select(max(0, selected - 1))
        case .down, .character("j"): select(min(cells.count - 1, selected + 1))
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(cells.count - 1)
        case .enter, .character(" "), .character("c"):
            cells[selected].collapsed.toggle()
            cells[selected].cache = nil
        case .character("z"): zoomed = selected
        case .escape, .character("i"), .tab: focus = .input
        case .character, .backspace:
            focus = .input
            return inputKey(key)
        default:
            return globalKey(key) ?? []
        }
        return []
    }

    mutating func zoomKey(_ key: Key) -> [NotebookEffect] {
        switch key {
        case .escape, .character("q"), .character("z"): zoomed = nil
        case .function(2): histogramLayer += 1
        case .control("c"): return interrupt()
        case .control("l"): return [.redraw]
        default: break
        }
        return []
    }

    mutating func helpKey(_ key: Key) -> [NotebookEffect] {
        let top = helpScroll ?? 0
        switch key {
        case .escape, .character("q"), .function(1): helpScroll = nil
        case .up, .character("k"), .wheelUp: helpScroll = max(0, top - 1)
        case .down, .character("j"), .wheelDown: helpScroll = min(helpMaxScroll, top + 1)
        case .pageUp: helpScroll = max(0, top - (height - 2))
        case .pageDown, .character(" "): helpScroll = min(helpMaxScroll, top + height - 2)
        case .home: helpScroll = 0
        case .end: helpScroll = helpMaxScroll
        case .control("c"): return interrupt()
        default: break
        }
        return []
    }

    var helpMaxScroll: Int { max(0, HelpScreen.lines(width: width).count - (height - 2)) }

    /// Selects a cell and scrolls so that its first row is on screen.
    mutating func select(_ index: Int) {
        guard cells.indices.contains(index) else { return }
        focus = .cells(selected: index)
        let area = layout().cells
        let offsets = cellOffsets(width: area.width)
        let top = offsets[index], bottom = offsets[index + 1]
        let shown = scrollTop ?? max(0, offsets[cells.count] - area.height)
        if top < shown {
            scrollTop = top
        } else if min(bottom, top + area.height) > shown + area.height {
            scrollTop = min(top, bottom - area.height)
        }
        clampScroll()
    }

    var pageSize: Int { max(1, layout().cells.height - 1) }

    mutating func scroll(by rows: Int) {
        let area = layout().cells
        let total = cellOffsets(width: area.width).last ?? 0
        let bottom = max(0, total - area.height)
        scrollTop = max(0, (scrollTop ?? bottom) + rows)
        clampScroll()
    }

    /// Past the end means "follow the newest output" again.
    mutating func clampScroll() {
        let area = layout().cells
        let total = cellOffsets(width: area.width).last ?? 0
        if let top = scrollTop, top >= max(0, total - area.height) { scrollTop = nil }
    }
}
