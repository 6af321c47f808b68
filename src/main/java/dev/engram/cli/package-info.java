/**
 * The {@code engram} command line (picocli): one command class per subcommand, which resolves and checks options,
 * calls the packages below, prints the result and turns a {@link dev.engram.core.UserError} into one clear line.
 *
 * <p>On top: may import every package; nothing imports cli.
 */
package dev.engram.cli;
