// libFuzzer target: random bytes → lexer, parser, registry binding, value resolution, help,
// completion, diagnostic rendering — against the registry Basin runs (StandardRegistry.swift,
// generated from the command types). Built by scripts/fuzz.sh; any trap, crash or sanitizer
// report is a bug.

import Diagnostics
import Language

@_cdecl("LLVMFuzzerTestOneInput")
public func languageFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(name: "fuzz.basin", text: text)
    let result = Script.parse(source, registry: standardRegistry)
    _ = DiagnosticRenderer(style: ANSIStyle()).render(result.diagnostics, sources: [source])
    let variables = VariableTable(["w": .number(-1e300), "lr": .word("x"), "budget": .string("")])
    for statement in result.script.statements {
        guard case .command(let command) = statement.kind,
              let invocation = try? standardRegistry.bind(command) else { continue }
        // What the interpreter does with every bound value: resolve it against its declared type.
        let signature = invocation.spec.signature
        for slot in signature.slots {
            for value in invocation.binding.slots[slot.name] ?? [] {
                _ = try? value.resolved(in: variables, as: slot.type, subject: .positional(of: invocation.name))
            }
        }
        for argument in signature.arguments {
            guard let value = invocation.binding.arguments[argument.name] else { continue }
            _ = try? value.resolved(in: variables, as: argument.type, subject: .argument(argument.name))
        }
        _ = HelpText(registry: standardRegistry).topic(command.verb.name)
    }
    let cursor = size == 0 ? 0 : Int(data[0]) % (size + 1)
    _ = Completer(registry: standardRegistry, names: { _ in ["a", "b"] }).complete(text, cursor: cursor)
    return 0
}

/// Builds the global registry once before fuzzing, so its one-time allocation is not
/// mistaken for a leak of the first input.
@_cdecl("LLVMFuzzerInitialize")
public func languageFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = Script.parse("train a epochs=1", registry: standardRegistry)
    return 0
}
