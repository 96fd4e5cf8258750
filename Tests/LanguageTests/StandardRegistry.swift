// The language as Basin ships it: the registry the interpreter builds from its commands'
// declarations. The language module itself knows no commands, only how to parse and check them.
import Diagnostics
import Interpreter
import Language

let standard = CommandRegistry.standard

extension Script {
    static func parse(_ text: String) -> ParseResult { parse(text, registry: standard) }
    static func parse(_ source: SourceFile) -> ParseResult { parse(source, registry: standard) }
}

extension Completer {
    init(names: @escaping @Sendable (NameKind) -> [String] = { _ in [] }) { self.init(registry: standard, names: names) }
}

extension HelpText {
    init() { self.init(registry: standard) }
}
