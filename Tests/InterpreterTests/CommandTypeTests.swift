import Diagnostics
import Language
import Networks
import Testing

// A command is one type: a line binds into its stored properties (defaults from the property's
// initial value, `$variables` resolved and type-checked at run time, bounds refused with the
// operand's span), and the registry, help and docs are built from the same declarations.
@testable import Interpreter

/// The command a one-line source binds to, with `$variables` from `scope`.
private func typed<C: RunnableCommand>(_ type: C.Type, _ line: String, _ scope: VariableTable = VariableTable()) throws -> C {
    let source = SourceFile(text: line)
    let result = Script.parse(source, registry: .standard)
    guard result.errors.isEmpty, case .command(let command)? = result.script.statements.first?.kind else {
        throw LanguageErrors(result.errors)
    }
    let invocation = try CommandRegistry.standard.bind(command)
    return try C.declaration.make(invocation.binding, syntax: command, scope: scope, source: source, next: nil).0
}

@Suite("Command types")
struct CommandTypeTests {
    @Test("operands land in the typed properties")
    func binding() throws {
        let train = try typed(TrainCommand.self, "train a on d epochs=50 batch=32")
        #expect(train.net == "a" && train.data == "d" && train.epochs == 50 && train.batch == 32 && train.steps == nil)
        let opt = try typed(OptCommand.self, "opt a sgd lr=0.1 momentum=0.9 nesterov")
        #expect(opt.optimizer == .sgd && opt.lr == 0.1 && opt.momentum == 0.9 && opt.nesterov && opt.b1 == nil)
        let fork = try typed(ForkCommand.self, "fork a as c at step=300")
        #expect(fork.new == "c" && fork.step == 300)
        let compare = try typed(CompareCommand.self, "compare a b c")
        #expect(compare.nets == ["a", "b", "c"])
    }

    @Test("absent operands keep the property's initial value, which help shows as the default")
    func defaults() throws {
        #expect(try typed(StepCommand.self, "step a").count == 1)
        #expect(try typed(LandscapeCommand.self, "landscape a").dims == .twoD)
        #expect(try typed(SweepCommand.self, "sweep h method=hyperband plan").eta == 3)
        #expect(try typed(TrainCommand.self, "train a").epochs == nil)
        #expect(try typed(CheckpointCommand.self, "checkpoint a").every == 100)
        let every = CommandRegistry.standard.command(named: "checkpoint")?.signature.argument(named: "every")
        #expect(every?.defaultText == "100")
        #expect(HelpText(registry: .standard).topic("step")?.contains("(default 1)") == true)
    }

    @Test("choices come from the engine's own types")
    func choices() {
        let optimizer = CommandRegistry.standard.command(named: "opt")?.signature.slots.first { $0.name == "optimizer" }
        #expect(optimizer?.type.choices == OptimizerKind.allCases.map(\.rawValue))
        let loss = CommandRegistry.standard.command(named: "loss")?.signature.slots.first { $0.name == "kind" }
        #expect(loss?.type.choices == Networks.Loss.allCases.map(\.rawValue))
    }

    @Test("variables are resolved and type-checked when the command runs")
    func variables() throws {
        let train = try typed(TrainCommand.self, "train t on m epochs=$budget", VariableTable(["budget": .number(27)]))
        #expect(train.epochs == 27)
        do {
            _ = try typed(TrainCommand.self, "train t on m epochs=$budget", VariableTable(["budget": .number(-3)]))
            Issue.record("expected a type error")
        } catch let error as RuntimeError {
            #expect(error.message == "epochs expects a positive integer, got -3")
            #expect(error.span?.column == 21)
        }
    }

    @Test("a bound is refused at the operand, with the bound")
    func bounds() throws {
        do {
            _ = try typed(TrainCommand.self, "train a epochs=$e", VariableTable(["e": .number(1e9)]))
            Issue.record("expected a bound error")
        } catch let error as RuntimeError {
            #expect(error.message == "epochs=1000000000 is too large")
            #expect(error.hint == "use at most 10000000")
            #expect(error.span?.column == 16)
        }
    }

    @Test("every registered command has a type, and every type is registered once")
    func registry() {
        let typed = Set(Commands.all.map { $0.spec.name })
        #expect(typed.count == Commands.all.count)
        let grammar: Set = ["net", "let", "if"]
        #expect(Set(CommandRegistry.standard.commands.map(\.name)) == typed.union(grammar))
        // The order of LANGUAGE.md: categories as help lists them.
        #expect(
            CommandRegistry.standard.categories.map(\.name)
                == [
                    "Data", "Networks", "Training setup", "Training", "Looking", "Hyperparameter search", "Sessions", "Tutorials",
                ])
    }
}
