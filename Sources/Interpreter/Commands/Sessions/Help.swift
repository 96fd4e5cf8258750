// help: every command by category, one command or layer in full, `help layers`, `help res` —
// all read from the registry through `HelpText`, so help, completion and the reference agree.
import Diagnostics
import Language

struct HelpCommand: RunnableCommand {
    var topic: String?

    static var declaration: Declaration<HelpCommand> {
        Declaration(
            "help", category: "Sessions", summary: "list the commands, or explain one", replayable: false,
            examples: ["help", "help train"],
            .slot(\.topic, "topic", .commandName, placeholder: "COMMAND", help: "a command or layer"))
    }

    func run(_ s: Session, _ c: Context<HelpCommand>) throws(RuntimeError) -> ExecutionStatus {
        let registry = s.registry
        let help = HelpText(registry: registry)
        guard let topic else {
            s.say(help.overview())
            return .ok
        }
        if topic == "layers" {
            s.say(Self.layers(registry))
        } else if topic == "res" {
            s.say(Self.residual)
        } else if let text = help.topic(topic) {
            s.say(text)
        } else {
            let topics = registry.commandNames + registry.layers.map(\.name) + ["layers", "res"]
            throw RuntimeError(
                SessionRefusal.noHelp(topic: topic, suggestion: suggest(topic, among: topics)), at: c.span(\.topic))
        }
        return .ok
    }

    /// Every layer with its usage and summary, then how nets are written.
    static func layers(_ registry: CommandRegistry) -> String {
        let structural = registry.layers.filter { !$0.isActivation }
        let width = (structural.map(\.usage.count).max() ?? 0) + 2
        var lines = ["Layers (net NAME = LAYER, LAYER, ...)"]
        for layer in structural {
            lines.append("  " + layer.usage.paddedRight(width) + layer.summary)
        }
        lines.append("  " + "res { ... }".paddedRight(width) + "residual block: x + f(x) (help res)")
        let activations = registry.layers.filter(\.isActivation).map(\.name)
        lines += [
            "", "Activations, as a layer or a trailing word (dense 32 relu): " + activations.joined(separator: " "),
            "Repeat a layer or block with xN: dense 32 relu x20, res { ... } x8.",
            "The input size comes from the data; output layers need no softmax (the loss applies it).",
            "Default initialization: He before relu, leaky and gelu, Xavier otherwise.",
        ]
        return lines.joined(separator: "\n")
    }

    static var residual: String {
        """
        res — residual block: x + f(x), with f the layers inside the braces
        usage: net NAME = ... res { LAYER, LAYER, ... } [xN] ...

        When f changes the shape, x passes through a learned linear projection.

        examples:
          net res = dense 32 relu, res { dense 32 relu, dense 32 } x8, dense 3
        """
    }
}

extension String {
    /// The string padded with spaces to `width` (at least one space after it).
    func paddedRight(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
