package dev.engram.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `engram` command: lists its subcommands when called without one. */
@Command(name = "engram", mixinStandardHelpOptions = true, version = "engram 0.1.0",
        description = "A laboratory for brain-inspired language models.",
        subcommands = {TourCommand.class, TrainCommand.class, EvalCommand.class, GenerateCommand.class,
                BenchCommand.class, EdmCommand.class, BrainCommand.class, PcCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  engram tour", "  engram train --corpus europarl:en --steps 500 --out runs/en",
                "  engram <command> --help"})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** Builds the command line with every subcommand registered; tests call this too. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        TrainCommand.listMechanismsInHelp(cl.getSubcommands().get("train").getCommandSpec());
        return cl;
    }

    public static void main(String[] args) {
        dev.engram.core.Provenance.recordCommandLine(args);
        System.exit(commandLine().execute(args));
    }
}
