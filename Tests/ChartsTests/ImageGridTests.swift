// The image grid (`show` of images, `plot filters`): two pixels a cell in colour, ink halves or
// shades without, wrapping to the width, a scale line that says what the shades mean, and SVG.
import Charts
import Testing

@Suite("Image grid")
struct ImageGridTests {
    /// A 4×4 image: a bright top-left 2×2 block on a dark field (a kernel-sized image).
    static let block = ImageGrid.Image(
        width: 4, height: 4, pixels: [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], caption: "block")
    /// A 10×4 image (wider than a kernel): bright upper half, dark lower half.
    static let wide = ImageGrid.Image(
        width: 10, height: 4, pixels: [Double](repeating: 1, count: 20) + [Double](repeating: 0, count: 20), caption: "wide")

    @Test("in 256 colours a larger image's cell is two pixels: ▀ with the upper as foreground, the lower as background")
    func colorHalves() {
        let grid = ImageGrid(title: "t", images: [Self.wide], coloring: .gray)
        let b = grid.rendered(width: 30, height: grid.preferredHeight(width: 30, profile: .standard), profile: .standard)
        // Title row, then 2 rows of pixels: the first all white, the second all black.
        let bright = b[x: 0, y: 1], dark = b[x: 9, y: 2]
        #expect(bright.glyph == "▀" && dark.glyph == "▀")
        #expect(bright.style.foreground == .indexed(231) && bright.style.background == .indexed(231), "white over white")
        #expect(dark.style.foreground == .indexed(16) && dark.style.background == .indexed(16), "black over black")
        #expect(b.lines()[3].hasPrefix("wide"))
        #expect(b.lines().last?.contains("black 0 to white 1") == true, "\(b.lines())")
    }

    @Test("in 256 colours a kernel-sized image's pixel is two coloured blanks, one row tall")
    func colorWide() {
        let grid = ImageGrid(images: [Self.block], coloring: .gray)
        let b = grid.rendered(width: 30, height: grid.preferredHeight(width: 30, profile: .standard), profile: .standard)
        #expect(b.height == 4 + 1 + 1, "4 rows of pixels, the caption, the scale")
        for x in 0..<4 { #expect(b[x: x, y: 0].style.background == .indexed(231) && b[x: x, y: 0].glyph == " ") }
        #expect(b[x: 4, y: 0].style.background == .indexed(16) && b[x: 0, y: 3].style.background == .indexed(16))
    }

    @Test("without colour: ink halves for images, doubled shades for kernels, one shade a pixel in ASCII")
    func monochrome() {
        let grid = ImageGrid(images: [Self.block, Self.block], coloring: .gray)
        // Ten pixels wide (more than a kernel): a bright row over a dark one.
        let rows = [Double](repeating: 1, count: 10) + [Double](repeating: 0, count: 10)
        let padded = ImageGrid(images: [ImageGrid.Image(width: 10, height: 2, pixels: rows, caption: "x")])
        let ink = padded.drawn(40, .monochrome)
        #expect(ink[0] == String(repeating: "▀", count: 10), "\(ink)")
        #expect(ink.last == "'█' above 0.5, blank below")
        let kernels = grid.drawn(40, .monochrome)
        // 4 pixels → 8 columns of shades, two images side by side.
        #expect(kernels[0] == "████      ████" && kernels[2] == "" && kernels[4] == "block     block", "\(kernels)")
        let ascii = padded.drawn(40, .ascii)
        #expect(ascii[0] == "@@@@@@@@@@" && ascii[1] == "" && ascii[2] == "x", "\(ascii)")
    }

    @Test("images wrap to the width, each row under the last")
    func wraps() {
        let many = ImageGrid(images: Array(repeating: Self.wide, count: 6), coloring: .gray)
        // Slots of 10 columns and 2 between: 3 fit in 34 columns, so two rows of 2 text rows of
        // pixels and a caption, a blank row between them, and the scale.
        #expect(many.preferredHeight(width: 34, profile: .standard) == 2 * (2 + 1) + 1 + 1)
        let lines = many.drawn(34, .standard)
        #expect(lines[2].components(separatedBy: "wide").count - 1 == 3)
        #expect(lines[6].components(separatedBy: "wide").count - 1 == 3)
    }

    @Test("a diverging scale is symmetric about 0 and says its ends")
    func diverging() {
        let filter = ImageGrid.Image(width: 2, height: 1, pixels: [-0.5, 2], caption: "1")
        let grid = ImageGrid(images: [filter], coloring: .diverging, sharedRange: true)
        let lines = grid.drawn(40, .standard)
        #expect(lines.last?.contains("blue -2, white 0, red 2") == true, "\(lines)")
        let svg = SVG.document(for: .images(grid))
        let rects = svg.components(separatedBy: "<rect").count - 1
        #expect(rects == 3, "a background and two pixels")
        #expect(svg.contains(">1</text>"))
    }

    @Test("nothing to draw, or no room, draws nothing harmful")
    func degenerate() {
        let empty = ImageGrid(title: "none", images: [])
        #expect(empty.drawn(20, .standard).joined().contains("no images"))
        let b = ImageGrid(images: [Self.block]).rendered(width: 0, height: 0, profile: .standard)
        #expect(b.width == 0)
        let nan = ImageGrid(images: [ImageGrid.Image(width: 2, height: 2, pixels: [.nan, 1, 2, .infinity], caption: "?")])
        #expect(nan.drawn(20, .standard).count >= 2)
    }
}

extension ImageGrid {
    /// The grid at its preferred height for `width` and `profile`, as text lines.
    func drawn(_ width: Int, _ profile: RenderProfile) -> [String] {
        Chart.images(self).rendered(width: width, profile: profile).lines()
    }
}
