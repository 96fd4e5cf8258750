// The commands Basin runs, in the order of LANGUAGE.md: the one list a new command joins.
// The registry the parser, help, completion and docs read is built from their declarations
// (plus the three statements the grammar itself defines: net, let, if).
import Diagnostics
import Language

enum Commands {
    static let all: [any RunnableCommand.Type] = [
        DataCommand.self, SplitCommand.self, NoiseCommand.self, AugmentCommand.self,
        InitCommand.self,
        OptCommand.self, LossCommand.self, RegCommand.self, ScheduleCommand.self, FreezeCommand.self, UnfreezeCommand.self,
        TrainCommand.self, StepCommand.self, EvalCommand.self, ResetCommand.self, ForkCommand.self, CheckpointCommand.self,
        RewindCommand.self,
        PlotCommand.self, HistCommand.self, NormsCommand.self, LandscapeCommand.self, SharpnessCommand.self, HessianCommand.self,
        CompareCommand.self, ExplainCommand.self,
        ShowCommand.self,
        SweepCommand.self, ReportCommand.self,
        SeedCommand.self, SaveCommand.self, RunCommand.self, ResumeCommand.self, ExportCommand.self, HelpCommand.self,
        HistoryCommand.self,
        ClearCommand.self, QuitCommand.self,
        AskCommand.self, PredictCommand.self, RevealCommand.self, PauseCommand.self, ExpectCommand.self, SectionCommand.self,
        HideCommand.self, LockCommand.self, LessonCommand.self,
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

    /// Every command's spec in the order above, each grammar statement (net, let, if) first in its
    /// category, and the layers.
    static let registry: CommandRegistry = {
        var statements = [CommandSpec.network, .variable, .conditional]
        var specs: [CommandSpec] = []
        for spec in all.map({ $0.spec }) {
            specs += statements.filter { $0.category == spec.category }
            statements.removeAll { $0.category == spec.category }
            specs.append(spec)
        }
        return CommandRegistry(commands: specs + statements, layers: CommandRegistry.standardLayers)
    }()

    /// Whether a command belongs in a saved session (the grammar's statements do).
    static func isReplayable(_ name: String) -> Bool { byName[name]?.isReplayable ?? true }

    /// Whether the journal syncs before the command starts.
    static func runsLong(_ name: String) -> Bool { byName[name]?.runsLong ?? false }
}

extension CommandRegistry {
    /// Every command Basin knows, in the order of LANGUAGE.md.
    public static let standard = Commands.registry
}
