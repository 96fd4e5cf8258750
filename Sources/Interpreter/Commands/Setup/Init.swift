// init NET he|xavier|normal [std=X] [seed=N], or init NET from "FILE": fresh weights, or weights
// from a safetensors file checked against the net's layers.
import Diagnostics
import Lab
import Networks

struct InitCommand: RunnableCommand {
    enum Scheme: String, OperandChoice { case he, xavier, normal, from }

    var net: String?
    var scheme = Scheme.he
    var file: String?
    var std = 0.1
    var seed: Int?

    static var declaration: Declaration<InitCommand> {
        Declaration(
            "init", category: "Networks", summary: "re-initialize the weights, or load them from a file",
            changes: { [.net($0.net)] },
            examples: ["init a he", "init a normal std=0.1", "init a from \"a.safetensors\""],
            details: "Default: he for relu-like activations, xavier otherwise. 'init NET from \"FILE\"' loads weights "
                + "written by 'export NET' (or a PyTorch state dict saved with safetensors, same layers): every tensor "
                + "must be there with its shape; F32, F64, F16 and BF16 are read. The run's history starts over.",
            .net(\.net),
            .slot(\.scheme, "scheme", required: true, help: "a scheme: he, xavier or normal; or from \"FILE\""),
            .slot(\.file, "file", .string, placeholder: "\"FILE\"", help: "with from: a .safetensors file"),
            .option(\.std, "std", .positiveNumber, help: "standard deviation for normal"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<InitCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let initializer: Initializer
        if let file, scheme != .from {
            throw RuntimeError(SetupRefusal.fileWithoutFrom(net: net.name, file: file), at: c.span(\.file))
        }
        switch scheme {
        case .from:
            guard let file else {
                throw RuntimeError(SetupRefusal.fromWithoutFile(net: net.name), at: c.span(\.scheme))
            }
            try load(s, net, from: file, c)
            return .ok
        case .xavier: initializer = .xavierNormal
        case .normal: initializer = .normal(std: Float(std))
        case .he: initializer = .he
        }
        net.setup.initializer = initializer
        net.seed = s.seed(seed)
        try s.reinitialize(net, at: c.span)
        s.workspace.currentNet = net.name
        s.say("\(net.name): fresh weights (\(scheme.rawValue)), history cleared")
        return .ok
    }

    /// `init NET from "FILE"`: the weights of a safetensors file, checked against the net's
    /// layers (names and shapes); the run starts over from them.
    func load(_ s: Session, _ net: NetEntry, from file: String, _ c: Context<InitCommand>) throws(RuntimeError) {
        guard let network = net.network else {
            throw RuntimeError(SetupRefusal.noWeightsToReplace(net: net.name), at: c.span)
        }
        let bytes = try s.readBytes(file, at: c.span(\.file), limit: 1 << 31)
        let loaded = Network(stack: network.stack)
        let meta: [String: String]
        do {
            let (tensors, metadata) = try Safetensors.decode(bytes, expecting: loaded)
            try Safetensors.load(tensors, into: loaded)
            meta = metadata
        } catch {
            throw RuntimeError(
                SetupRefusal.unloadableWeights(file: file, error: error, net: net.name, definition: net.definitionText),
                at: c.span(\.file))
        }
        net.network = loaded
        net.run = nil
        s.dropReplicas(net, because: "init … from")
        s.workspace.currentNet = net.name
        let from = meta["step"].map { " (step \($0) of the run that wrote it)" } ?? ""
        s.say("\(net.name): \(loaded.parameterCount.formatted) parameters from \(file)\(from); history cleared")
    }
}
