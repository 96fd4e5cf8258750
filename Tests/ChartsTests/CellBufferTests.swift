// CellBuffer: clipped writes, wide and zero-width characters, fills, blits, diffs.
import Charts
import Testing

@Test func writeClipsToBufferAndRegion() {
    var buffer = CellBuffer(width: 8, height: 2)
    buffer.write("hello world", x: 2, y: 0)
    buffer.write("abcdef", x: -2, y: 1, clip: Rect(x: 0, y: 1, width: 3, height: 1))
    buffer.write("ignored", x: 0, y: 5)
    #expect(buffer.lines() == ["  hello", "cde"])
}

@Test func wideCharactersBecomeQuestionMarksAndMarksAreDropped() {
    var buffer = CellBuffer(width: 10, height: 1)
    buffer.write("a漢b😀e\u{301}\u{7}", x: 0, y: 0)
    #expect(buffer.lines() == ["a?b?e?"])
    #expect(columnWidth(of: "⣿") == 1 && columnWidth(of: "▀") == 1 && columnWidth(of: "漢") == 2)
}

@Test func nonPositiveSizesGiveEmptyBuffers() {
    for (w, h) in [(0, 5), (5, 0), (-3, 4), (-1, -1), (Int.max, Int.max)] {
        var buffer = CellBuffer(width: w, height: h)
        buffer.write("x", x: 0, y: 0)
        buffer.fill(Rect(x: 0, y: 0, width: 9, height: 9), with: Cell("#"))
        #expect(buffer.cells.isEmpty || (w > 0 && h > 0))
        #expect(buffer[x: 0, y: 0] == .blank || buffer.width > 0)
    }
}

@Test func fillAndBlitAreClipped() {
    var buffer = CellBuffer(width: 5, height: 3)
    buffer.fill(Rect(x: 3, y: 1, width: 10, height: 10), with: Cell("#"))
    var small = CellBuffer(width: 3, height: 2)
    small.write("xyz", x: 0, y: 0)
    buffer.blit(small, x: -1, y: 0)
    #expect(buffer.lines() == ["yz", "   ##", "   ##"])
}

@Test func putKeepsTheBackgroundUnderText() {
    var buffer = CellBuffer(width: 2, height: 1, filling: Cell(" ", style: CellStyle(background: .blue)))
    buffer.write("a", x: 0, y: 0, style: CellStyle(foreground: .red))
    #expect(buffer[x: 0, y: 0].style == CellStyle(foreground: .red, background: .blue))
}

@Test func diffListsOnlyChangedCells() {
    var before = CellBuffer(width: 4, height: 2)
    before.write("ab", x: 0, y: 0)
    var after = before
    after.write("Z", x: 1, y: 0)
    after.put("q", x: 3, y: 1, style: .bold)
    #expect(
        after.diff(from: before) == [
            CellChange(x: 1, y: 0, cell: Cell("Z")), CellChange(x: 3, y: 1, cell: Cell("q", style: .bold)),
        ])
    #expect(after.diff(from: after).isEmpty)
    #expect(after.diff(from: CellBuffer(width: 3, height: 2)).count == 8)  // resized: everything
}

@Test func renderIntoARegionOfALargerBuffer() {
    var screen = CellBuffer(width: 30, height: 4)
    screen.write("left", x: 0, y: 0)
    let spark = Chart.sparkline(Sparkline(values: [1, 2, 3], showsLast: false))
    spark.render(into: &screen, in: Rect(x: 10, y: 2, width: 5, height: 1), profile: .ascii)
    #expect(screen.lines() == ["left", "", "          _-#", ""])
}
