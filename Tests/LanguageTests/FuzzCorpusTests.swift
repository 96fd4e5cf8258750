// Replays the fuzz corpus (Fuzz/corpus) through the front end: every input the fuzzer ever
// kept must still parse, render and complete without trapping.

import Diagnostics
import Foundation
import Language
import Testing

@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    @Test("every corpus input goes through lexer, parser, binding, rendering and completion")
    func replay() throws {
        let files = (try? FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)) ?? []
        #expect(files.count > 50)
        for file in files {
            let data = try Data(contentsOf: file)
            let source = SourceFile(name: file.lastPathComponent, text: String(decoding: data, as: UTF8.self))
            let result = Script.parse(source)
            let rendered = DiagnosticRenderer().render(result.diagnostics, sources: [source])
            #expect(result.errors.isEmpty || !rendered.isEmpty)
            for statement in result.script.statements {
                if case .command(let command) = statement.kind { _ = try? standard.bind(command) }
            }
            _ = Completer().complete(source.text, cursor: data.count / 2)
        }
    }

    @Test("the LANGUAGE.md seeds parse cleanly")
    func seeds() throws {
        let files = (try? FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)) ?? []
        let seeds = files.filter { $0.lastPathComponent.hasPrefix("seed-") }
        #expect(seeds.count >= 70)
        for file in seeds {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            #expect(Script.parse(text).errors.isEmpty, "\(file.lastPathComponent): \(text)")
        }
    }
}
