// docs/language.md stays generated from the registry, and every example in the registry parses.
import Foundation
import Interpreter
import Language
import TestSupport
import Testing

struct DocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/language.md")

    @Test func theReferenceInDocsIsUpToDate() throws {
        let text = try String(contentsOf: Self.docs, encoding: .utf8)
        let begin = try #require(text.range(of: ReferenceDocs.beginMarker), "docs/language.md lacks the begin marker")
        let end = try #require(text.range(of: ReferenceDocs.endMarker), "docs/language.md lacks the end marker")
        let current = String(text[begin.upperBound..<end.lowerBound])
        let generated = "\n\n" + ReferenceDocs().markdown() + "\n"
        if current != generated && ProcessInfo.processInfo.environment["BASIN_UPDATE_DOCS"] == "1" {
            let updated = String(text[..<begin.upperBound]) + generated + String(text[end.lowerBound...])
            try updated.write(to: Self.docs, atomically: true, encoding: .utf8)
            return
        }
        let diff = unifiedDiff(expected: current, actual: generated, expectedName: "docs/language.md", actualName: "registry")
        #expect(current == generated, "docs/language.md is stale (BASIN_UPDATE_DOCS=1 regenerates it):\n\(diff)")
    }

    @Test func everyCommandHasAnExampleThatParses() {
        for spec in CommandRegistry.standard.commands {
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
            for example in spec.examples {
                let parsed = Script.parse(example, registry: .standard)
                #expect(parsed.succeeded, "\(spec.name): '\(example)' → \(parsed.diagnostics.map(\.message))")
            }
        }
    }
}
