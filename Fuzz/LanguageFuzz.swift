// libFuzzer target: random bytes → lexer, parser, registry binding, diagnostic rendering.
// Built by scripts/fuzz.sh (see there); any trap, crash or sanitizer report is a bug.

import Diagnostics
import Language

@_cdecl("LLVMFuzzerTestOneInput")
public func languageFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(name: "fuzz.basin", text: text)
    let result = Script.parse(source)
    _ = DiagnosticRenderer(style: ANSIStyle()).render(result.diagnostics, sources: [source])
    let variables = VariableTable(["w": .number(-1e300), "lr": .word("x"), "budget": .string("")])
    for statement in result.script.statements {
        guard case .command(let command) = statement.kind,
              let invocation = try? CommandRegistry.standard.bind(command) else { continue }
        for key in invocation.binding.slots.keys.sorted() + invocation.binding.arguments.keys.sorted() {
            _ = try? invocation.integer(key, in: variables)
            _ = try? invocation.text(key, in: variables)
        }
        _ = HelpText().topic(command.verb.name)
    }
    let cursor = size == 0 ? 0 : Int(data[0]) % (size + 1)
    _ = Completer(names: { _ in ["a", "b"] }).complete(text, cursor: cursor)
    return 0
}

/// Builds the global registry once before fuzzing, so its one-time allocation is not
/// mistaken for a leak of the first input.
@_cdecl("LLVMFuzzerInitialize")
public func languageFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = Script.parse("train a epochs=1")
    return 0
}
