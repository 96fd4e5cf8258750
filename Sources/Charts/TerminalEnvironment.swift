// Decides the render profile and width from environment variables, passed in as a dictionary
// so tests can try every combination: NO_COLOR, LC_ALL/LC_CTYPE/LANG, TERM, COLORTERM, COLUMNS.

/// The output settings a front end derives from its environment.
public struct TerminalEnvironment: Sendable, Hashable {
    public var profile: RenderProfile
    /// Columns to render at: the terminal's, else `COLUMNS`, else 80.
    public var width: Int
    /// Whether text output may contain ANSI escapes (only on a terminal).
    public var usesEscapes: Bool

    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo` or `environ`, read by the caller).
    ///   - isTerminal: whether stdout is a terminal.
    ///   - terminalWidth: the width the terminal reports (TIOCGWINSZ), if any.
    public init(environment: [String: String], isTerminal: Bool, terminalWidth: Int? = nil) {
        let glyphs = Self.glyphs(environment)
        let colors = isTerminal ? Self.colors(environment) : .none
        profile = RenderProfile(glyphs: glyphs, colors: colors)
        width = Self.width(environment, terminalWidth: terminalWidth)
        usesEscapes = isTerminal && environment["TERM"] != "dumb"
    }

    /// Unicode when the effective locale (LC_ALL, then LC_CTYPE, then LANG) names UTF-8.
    static func glyphs(_ env: [String: String]) -> RenderProfile.Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
        let folded = locale.lowercased()
        return folded.contains("utf-8") || folded.contains("utf8") ? .unicode : .ascii
    }

    /// NO_COLOR (any non-empty value, no-color.org) wins; then TERM and COLORTERM.
    static func colors(_ env: [String: String]) -> RenderProfile.Colors {
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = (env["TERM"] ?? "").lowercased()
        let colorTerm = (env["COLORTERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .none }
        if term.contains("256color") || colorTerm == "truecolor" || colorTerm == "24bit" { return .palette256 }
        if term.contains("16color") { return .basic16 }
        for prefix in ["xterm", "screen", "tmux", "rxvt", "alacritty", "kitty", "foot", "wezterm"]
        where term.hasPrefix(prefix) {
            return .basic16
        }
        if term.hasPrefix("vt") { return .none }
        return .basic8
    }

    static func width(_ env: [String: String], terminalWidth: Int?) -> Int {
        if let w = terminalWidth, w > 0 { return min(w, 1000) }
        if let text = env["COLUMNS"], let w = Int(text.trimmingSpaces), w > 0 { return min(w, 1000) }
        return 80
    }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
