// seed N: the global seed every random choice follows.

struct SeedCommand: RunnableCommand {
    var value = 0

    static var declaration: Declaration<SeedCommand> {
        Declaration(
            "seed", category: "Sessions", summary: "the global seed (default 0)",
            examples: ["seed 7"],
            details: "Everything random — data, initial weights, batch order, dropout, sweeps — follows from the "
                + "seed, and the same seed gives the same numbers on every machine with AVX2 or AVX-512: Basin "
                + "runs its own kernels in one fixed order, whatever the CPU, OpenBLAS settings or thread count. "
                + "`basin --version` names the kernel path in use; BASIN_ISA=avx512|avx2|baseline picks one. "
                + "The baseline path (x86-64 without FMA) may differ in the last digits and, after many steps, more.",
            .slot(\.value, "value", .nonNegativeInteger, required: true, placeholder: "N", help: "a seed"))
    }

    func run(_ s: Session, _ c: Context<SeedCommand>) throws(RuntimeError) -> ExecutionStatus {
        s.workspace.seed = UInt64(value)
        s.say("seed \(value)")
        return .ok
    }
}
