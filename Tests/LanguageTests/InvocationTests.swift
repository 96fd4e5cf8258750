// Binding commands to the registry, typed values, variables resolved at run time.

import Diagnostics
import Language
import Testing

/// The invocation of a one-command line.
func invocation(_ line: String) throws -> Invocation {
    let result = Script.parse(line)
    guard case .command(let command)? = result.script.statements.first?.kind else {
        throw LanguageErrors(result.errors)
    }
    return try standard.bind(command)
}

@Suite("Invocation")
struct InvocationTests {
    @Test("slots, keywords, arguments and flags are bound by name")
    func binding() throws {
        let train = try invocation("train a on d epochs=50 batch=32")
        #expect(train.value("net")?.text == "a")
        #expect(train.value("data")?.text == "d")
        #expect(train.value("epochs")?.text == "50")
        #expect(train.value("batch")?.text == "32")
        #expect(train.value("steps") == nil)

        let opt = try invocation("opt a sgd lr=0.1 momentum=0.9 nesterov")
        #expect(opt.value("optimizer")?.text == "sgd")
        #expect(opt.value("lr")?.text == "0.1")
        #expect(opt.isSet("nesterov"))
        #expect(!opt.isSet("b1"))

        let fork = try invocation("fork a as c at step=300")
        #expect(fork.value("new")?.text == "c" && fork.isSet("at") && fork.value("step")?.text == "300")
    }

    @Test("an optional name is skipped when the word is a choice of a later slot")
    func optionalSlotsSkipped() throws {
        let hist = try invocation("hist weights layer=2")
        #expect(hist.value("net") == nil)
        #expect(hist.value("what")?.text == "weights")
        let export = try invocation("export plot \"loss.svg\"")
        #expect(export.value("what")?.text == "plot" && export.value("file")?.text == "\"loss.svg\"")
        let step = try invocation("step 10")
        #expect(step.value("count")?.text == "10")
    }

    @Test("variadic slots keep every value")
    func variadic() throws {
        #expect(try invocation("compare a b c").values("nets").map(\.text) == ["a", "b", "c"])
        #expect(try invocation("plot loss a b log").values("nets").count == 2)
    }

    @Test("aliases bind to the canonical command")
    func aliases() throws {
        #expect(try invocation("exit").name == "quit")
    }

    @Test("the parser's binding is the one the interpreter runs")
    func boundOnce() throws {
        guard case .command(let command)? = Script.parse("train a epochs=5").script.statements.first?.kind else {
            Issue.record("no command")
            return
        }
        #expect(command.bound?.arguments["epochs"]?.text == "5")
        #expect(try standard.bind(command).binding == command.bound)
    }

    @Test("variables are resolved and type-checked at run time")
    func variables() throws {
        let epochs = try #require(try invocation("train t on m epochs=$budget").value("epochs"))
        #expect(
            try epochs.resolved(in: VariableTable(["budget": .number(27)]), as: .positiveInteger, subject: .argument("epochs"))
                == .number(27))
        do {
            _ = try epochs.resolved(in: VariableTable(["budge": .number(3)]), as: .positiveInteger, subject: .argument("epochs"))
            Issue.record("expected an undefined-variable error")
        } catch {
            #expect(error.message == "undefined variable '$budget'")
            #expect(error.help == "did you mean '$budge'?")
        }
        do {
            _ = try epochs.resolved(
                in: VariableTable(["budget": .number(-3)]), as: .positiveInteger, subject: .argument("epochs"))
            Issue.record("expected a type error")
        } catch {
            #expect(error.message == "epochs expects a positive integer, got -3")
            #expect(error.span.column == 21)
        }
    }

    @Test("a layer size from a variable resolves like any value")
    func layerVariables() throws {
        guard case .network(let net)? = Script.parse("net t = dense $width relu").script.statements.first?.kind,
            case .layer(let layer)? = net.layers.first?.kind,
            case .dense(let units) = layer.kind
        else { Issue.record("no dense layer"); return }
        let width = try units.resolved(
            in: VariableTable(["width": .number(64)]), as: .positiveInteger, subject: .positional(of: "dense"))
        #expect(width == .number(64))
    }

    @Test("bind reports every error of a command")
    func bindErrors() {
        #expect(throws: LanguageErrors.self) { try invocation("train a epochs=0 batch=-1") }
        let result = Script.parse("train a epochs=0 batch=-1")
        #expect(result.errors.count == 2)
    }
}

@Suite("Registry")
struct RegistryTests {
    let registry = standard

    @Test("every command of LANGUAGE.md and the issues since is declared")
    func declared() {
        let expected = [
            "data", "split", "noise", "augment", "net", "init", "opt", "loss", "reg", "schedule", "train",
            "step", "eval", "reset", "fork", "checkpoint", "rewind", "plot", "hist", "norms", "landscape",
            "sharpness", "compare", "show", "sweep", "report", "let", "if", "seed", "save", "run", "export",
            "help", "history", "clear", "quit", "ask", "predict", "reveal", "pause", "expect", "section", "explain", "resume",
            "hessian",
            "freeze", "unfreeze", "hide", "lock", "lesson",
        ]
        #expect(Set(registry.commands.map(\.name)) == Set(expected))
    }

    /// `plot s x=w` names a sweep (the optional list of plots is skipped for a word that is none
    /// of its choices); `plot loss a` still chooses loss.
    @Test("plot takes a name where the kind of plot is left out")
    func plotSkipsItsOptionalKind() throws {
        for (line, what, nets) in [
            ("plot s x=w", nil, ["s"]), ("plot loss a b", "loss", ["a", "b"]), ("plot boundary a", "boundary", ["a"]),
        ] {
            let script = Script.parse(SourceFile(text: line))
            #expect(script.errors.isEmpty, "\(line): \(script.errors)")
            guard case .command(let command)? = script.script.statements.first?.kind else { Issue.record("no command"); continue }
            let invocation = try registry.bind(command)
            #expect(invocation.values("what").map(\.text) == (what.map { [$0] } ?? []), "\(line)")
            #expect(invocation.values("nets").map(\.text) == nets, "\(line)")
        }
        // A near miss of a kind of plot is refused with the suggestion, not taken for a name.
        let typo = Script.parse(SourceFile(text: "plot lsos a"))
        #expect(typo.errors.first?.diagnostic.help == "did you mean 'loss'?", "\(typo.errors)")
    }

    @Test("usage lines are read from the declarations")
    func usage() {
        #expect(
            registry.command(named: "train")?.usage
                == "train [NET] [on DATA] [epochs=N] [steps=N] [batch=N] [early=N] [every=N] [seeds=N] [cv=N]")
        #expect(registry.command(named: "fork")?.usage == "fork [NET] as NEW [at] [step=N]")
        #expect(registry.command(named: "sweep")?.usage.hasSuffix("[plan] [workers=N] [seeds=N] [cv=N] [seed=N] [{ … }]") == true)
        #expect(registry.layer(named: "conv")?.usage == "conv N [ACT] [k=N] [s=N] [pad=N]")
        #expect(registry.layer(named: "conv2d")?.usage == "conv2d N [ACT] [k=N] [s=N] [pad=N]")
        #expect(registry.layer(named: "pool2d")?.usage == "pool2d max|avg K")
    }

    @Test("the reference shows only names a user can type")
    func noSwiftNames() {
        for spec in registry.commands {
            for argument in spec.signature.arguments {
                #expect(
                    argument.name == argument.name.lowercased() || argument.name.contains("_"), "\(spec.name) \(argument.name)")
            }
        }
    }

    @Test("help text for the overview, a command and a layer")
    func help() {
        let help = HelpText()
        #expect(help.overview().contains("  train       train with live curves"))
        #expect(help.topic("train")?.contains("  epochs=N   passes over the training part") == true)
        #expect(help.topic("train")?.contains("examples:\n  train a on d epochs=50 batch=32") == true)
        #expect(help.topic("dense")?.hasPrefix("dense — fully connected layer with N outputs") == true)
        #expect(help.topic("nothing") == nil)
    }
}

@Suite("Edit distance")
struct EditDistanceTests {
    @Test(
        "a swap of neighbours is one edit",
        arguments: [
            ("trian", "train", 1), ("epcohs", "epochs", 1), ("ab", "ba", 1), ("train", "train", 0),
            ("", "abc", 3), ("kitten", "sitting", 3), ("ca", "abc", 3), ("EPOCHS", "epochs", 0),
        ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(editDistance(a, b) == expected)
    }

    @Test("suggestions need to be close")
    func suggestions() {
        let commands = standard.commandNames
        #expect(suggest("trian", among: commands) == "train")
        #expect(suggest("sharp", among: commands) == "sharpness")
        #expect(suggest("xyzzy", among: commands) == nil)
        #expect(suggest("s", among: commands) == nil || suggest("s", among: commands)?.count == 2)
        #expect(suggest("train", among: ["train"]) == nil)
    }
}
