// Diagnostic assertions shared by the language, interpreter and end-to-end tests.

import Diagnostics
import Testing

/// Renders diagnostics as plain text against their source, as batch mode prints them.
public func renderedPlain(_ diagnostics: [Diagnostic], source: SourceFile) -> String {
    DiagnosticRenderer(style: PlainStyle()).render(diagnostics, sources: [source])
}

/// Expects the diagnostics to render exactly as `expected` (blank line between diagnostics).
public func expectRendered(
    _ diagnostics: [Diagnostic], source: SourceFile, _ expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = renderedPlain(diagnostics, source: source)
    #expect(actual == expected, "\n--- actual ---\n\(actual)\n--- expected ---\n\(expected)", sourceLocation: sourceLocation)
}
