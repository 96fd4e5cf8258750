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
    for statement in result.script.statements {
        if case .command(let command) = statement.kind {
            _ = try? CommandRegistry.standard.bind(command)
        }
    }
    return 0
}

/// Builds the global registry once before fuzzing, so its one-time allocation is not
/// mistaken for a leak of the first input.
@_cdecl("LLVMFuzzerInitialize")
public func languageFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = Script.parse("train a epochs=1")
    return 0
}
