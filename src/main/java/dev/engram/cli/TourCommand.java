package dev.engram.cli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
@Command(name = "tour", mixinStandardHelpOptions = true, description = "The main job (being written).")
final class TourCommand implements Callable<Integer> { public Integer call() { return 0; } }
