// Choosing the profile and width from the environment (passed in as a dictionary).
import Charts
import Testing

struct EnvironmentCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var environment: [String: String]
    var isTerminal: Bool
    var glyphs: RenderProfile.Glyphs
    var colors: RenderProfile.Colors
    var width: Int
}

let environmentCases: [EnvironmentCase] = [
    .init(
        testDescription: "modern terminal", environment: ["LANG": "en_US.UTF-8", "TERM": "xterm-256color"],
        isTerminal: true, glyphs: .unicode, colors: .palette256, width: 80),
    .init(
        testDescription: "NO_COLOR wins", environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_COLOR": "1"],
        isTerminal: true, glyphs: .unicode, colors: .none, width: 80),
    .init(
        testDescription: "empty NO_COLOR is ignored", environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_COLOR": ""],
        isTerminal: true, glyphs: .unicode, colors: .palette256, width: 80),
    .init(
        testDescription: "LANG=C gives ASCII", environment: ["LANG": "C", "TERM": "xterm"],
        isTerminal: true, glyphs: .ascii, colors: .basic16, width: 80),
    .init(
        testDescription: "LC_ALL overrides LANG", environment: ["LANG": "en_US.UTF-8", "LC_ALL": "POSIX", "TERM": "screen"],
        isTerminal: true, glyphs: .ascii, colors: .basic16, width: 80),
    .init(
        testDescription: "LC_CTYPE utf8 spelling", environment: ["LC_CTYPE": "de_DE.utf8", "TERM": "linux"],
        isTerminal: true, glyphs: .unicode, colors: .basic8, width: 80),
    .init(
        testDescription: "dumb terminal", environment: ["LANG": "C.UTF-8", "TERM": "dumb"],
        isTerminal: true, glyphs: .unicode, colors: .none, width: 80),
    .init(
        testDescription: "truecolor", environment: ["TERM": "xterm", "COLORTERM": "truecolor"],
        isTerminal: true, glyphs: .ascii, colors: .palette256, width: 80),
    .init(
        testDescription: "piped output has no colour",
        environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color", "COLUMNS": "120"],
        isTerminal: false, glyphs: .unicode, colors: .none, width: 120),
    .init(
        testDescription: "bad COLUMNS falls back to 80", environment: ["COLUMNS": "wide"],
        isTerminal: false, glyphs: .ascii, colors: .none, width: 80),
]

@Test(arguments: environmentCases)
func profileFromEnvironment(_ c: EnvironmentCase) {
    let env = TerminalEnvironment(environment: c.environment, isTerminal: c.isTerminal)
    #expect(env.profile == RenderProfile(glyphs: c.glyphs, colors: c.colors))
    #expect(env.width == c.width)
}

@Test func terminalWidthBeatsColumns() {
    let env = TerminalEnvironment(environment: ["COLUMNS": "120"], isTerminal: true, terminalWidth: 100)
    #expect(env.width == 100)
    #expect(!TerminalEnvironment(environment: ["TERM": "dumb"], isTerminal: true).usesEscapes)
    #expect(RenderProfile.Colors(colorCount: 8) == .basic8 && RenderProfile.Colors(colorCount: 256) == .palette256)
}
