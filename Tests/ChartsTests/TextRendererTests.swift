// Text output: SGR escapes per colour depth, attributes without colour, plain mode, trimming,
// and colours adapted to what a profile allows.
import Charts
import TestSupport
import Testing

func styledBuffer() -> CellBuffer {
    var buffer = CellBuffer(width: 6, height: 2)
    buffer.write("ab", x: 0, y: 0, style: CellStyle(foreground: .indexed(39), attributes: .bold))
    buffer.write("c", x: 2, y: 0)
    buffer.put(" ", x: 3, y: 1, style: CellStyle(background: .indexed(196)))
    return buffer
}

@Test func sgr256() {
    let text = TextRenderer(profile: .standard, usesEscapes: true).render(styledBuffer())
    #expect(text == "\u{1B}[0;1;38;5;39mab\u{1B}[0mc\n   \u{1B}[0;48;5;196m \u{1B}[0m")
}

@Test func sgr16MapsToTheNearestBasicColour() {
    let profile = RenderProfile(glyphs: .unicode, colors: .basic16)
    let text = TextRenderer(profile: profile, usesEscapes: true).render(styledBuffer())
    #expect(text == "\u{1B}[0;1;36mab\u{1B}[0mc\n   \u{1B}[0;101m \u{1B}[0m")
}

@Test func noColourKeepsAttributesOnly() {
    let text = TextRenderer(profile: .monochrome, usesEscapes: true).render(styledBuffer())
    #expect(text == "\u{1B}[0;1mab\u{1B}[0mc\n")
}

@Test func plainModeHasNoEscapesAndTrimsTrailingBlanks() {
    let text = TextRenderer(profile: .standard, usesEscapes: false).render(styledBuffer())
    #expect(text == "abc\n")
}

@Test func asciiOutputReplacesOtherGlyphs() {
    var buffer = CellBuffer(width: 4, height: 1)
    buffer.write("a⣿b", x: 0, y: 0)
    #expect(TextRenderer(profile: .ascii, usesEscapes: false).render(buffer) == "a?b")
}

@Test func adaptedColoursStayWithinTheProfile() {
    for index in 0...255 {
        let color = Color.indexed(UInt8(index))
        #expect(RenderProfile(colors: .basic8).adapted(color).index.map { $0 < 8 } == true)
        #expect(RenderProfile(colors: .basic16).adapted(color).index.map { $0 < 16 } == true)
        #expect(RenderProfile(colors: .none).adapted(color) == .default)
    }
    #expect(RenderProfile(colors: .basic16).adapted(.indexed(196)) == .indexed(9))
}

@Test func viridisUsesAtMost64PaletteEntriesFromTheExtendedRange() {
    let levels = ColorRamp.viridis.levels
    #expect(levels.count <= 64 && levels.allSatisfy { $0 >= 16 })
    #expect(ColorRamp.viridis.color(at: .nan) == nil)
    #expect(ColorRamp.viridis.color(at: -5) == .indexed(levels[0]))
}

@Test func heatmapsUseShadesWithoutA256ColourPalette() {
    for colors in [RenderProfile.Colors.none, .basic8, .basic16] {
        let buffer = SampleCharts.landscape2D.rendered(width: 60, height: 20, profile: RenderProfile(colors: colors))
        #expect(buffer.cells.contains { $0.glyph == "▓" })
        #expect(!buffer.cells.contains { $0.glyph == "▀" })
        #expect(colorIndices(in: buffer).allSatisfy { $0 <= maximumIndex(for: RenderProfile(colors: colors)) })
    }
    let full = SampleCharts.landscape2D.rendered(width: 60, height: 20, profile: .standard)
    #expect(full.cells.contains { $0.glyph == "▀" })
}
