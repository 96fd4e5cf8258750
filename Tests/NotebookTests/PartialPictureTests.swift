// A command that refines a picture (a landscape filling in coarse to fine) shows each partial
// picture in its cell in place, and its final output replaces the last partial one.
import Charts
import Interpreter
import Notebook
import Testing

struct PartialPictureTests {
    func chart(_ title: String) -> Output {
        .chart(.table(Table(title: title, columns: [.init("x")], rows: [["1"]])))
    }

    @Test func partialPicturesReplaceEachOtherAndTheFinalOneStays() {
        var s = NotebookState(width: 80, height: 24, profile: .ascii)
        _ = type(&s, "landscape a\n")
        s.handle(.output(.text("coarse first")))
        s.handle(.partial(chart("level 1")))
        s.handle(.partial(chart("level 2")))
        #expect(s.cells[0].outputs.count == 2, "one text and one partial picture, not two")
        #expect(s.frame().lines().contains { $0.contains("level 2") })
        #expect(!s.frame().lines().contains { $0.contains("level 1") })
        s.handle(.output(chart("final")))
        s.handle(.finished(.init(status: .ok)))
        #expect(s.cells[0].outputs.count == 2)
        let lines = s.frame().lines()
        #expect(lines.contains { $0.contains("final") } && !lines.contains { $0.contains("level 2") })
    }
}
