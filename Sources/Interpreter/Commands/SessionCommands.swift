// seed, and the commands that later issues build (answered clearly until they land).
import Diagnostics
import Language

extension Session {
    func seedCommand(_ c: CommandContext) throws(RuntimeError) {
        let value = try c.int("value") ?? 0
        workspace.seed = UInt64(value)
        say("seed \(value)")
    }

    func otherCommand(_ c: CommandContext) throws(RuntimeError) {
        throw RuntimeError("'\(c.name)' is not available yet", at: c.command.verb.span,
                           hint: "see 'help \(c.name)' for what it will do")
    }
}
