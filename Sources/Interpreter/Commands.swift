// The commands Basin runs, in the order of LANGUAGE.md: the one list a new command joins.
// The registry the parser, help, completion and docs read is built from their declarations
// (plus the three statements the grammar itself defines: net, let, if).
import Diagnostics
import Language

enum Commands {
    static let all: [any RunnableCommand.Type] = [
        DataCommand.self, SplitCommand.self, NoiseCommand.self, AugmentCommand.self,
        InitCommand.self, OptCommand.self, LossCommand.self, RegCommand.self, ScheduleCommand.self,
        TrainCommand.self, StepCommand.self, EvalCommand.self, ResetCommand.self, ForkCommand.self, CheckpointCommand.self, RewindCommand.self,
        ShowCommand.self, PlotCommand.self,
        HistCommand.self, NormsCommand.self, LandscapeCommand.self, SharpnessCommand.self, CompareCommand.self,
        SweepCommand.self, ReportCommand.self,
        SeedCommand.self, SaveCommand.self, RunCommand.self, ExportCommand.self, HelpCommand.self, HistoryCommand.self, ClearCommand.self, QuitCommand.self,
        AskCommand.self, PauseCommand.self,
    ]

    /// Every command by name and alias.
    static let byName: [String: any RunnableCommand.Type] = {
        var table: [String: any RunnableCommand.Type] = [:]
        for type in all {
            let spec = type.spec
            for name in [spec.name] + spec.aliases { table[name] = type }
        }
        return table
    }()

    /// The declared specs; during the move to typed commands, the older declarations of the
    /// commands not yet moved.
    static let registry: CommandRegistry = {
        let typed = Dictionary(uniqueKeysWithValues: all.map { ($0.spec.name, $0.spec) })
        let legacy = CommandRegistry.standard
        return CommandRegistry(commands: legacy.commands.map { typed[$0.name] ?? $0 }, layers: legacy.layers)
    }()

    static func isReplayable(_ name: String) -> Bool {
        byName[name].map { $0.isReplayable } ?? !legacyLooking.contains(name)
    }

    static func runsLong(_ name: String) -> Bool {
        byName[name].map { $0.runsLong } ?? false
    }

    private static let legacyLooking: Set<String> = []
}

extension Session {
    /// Binds a typed command's operands and runs it.
    func perform<C: RunnableCommand>(_ type: C.Type, _ invocation: Invocation, source: SourceFile, next: String?)
        throws(RuntimeError) -> ExecutionStatus {
        let (command, context) = try C.declaration.make(invocation.binding, syntax: invocation.command, scope: workspace,
                                                        source: source, next: next)
        return try command.run(self, context)
    }
}
