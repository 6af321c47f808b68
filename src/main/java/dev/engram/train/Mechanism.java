package dev.engram.train;

/**
 * A named way to change training, given on the command line as {@code --mechanism NAME:key=value,...}. Each
 * mechanism is one class implementing this interface (a public no-argument constructor) plus one line naming it
 * in {@code src/main/resources/META-INF/services/dev.engram.train.Mechanism}; {@link Mechanisms} finds it there.
 */
public interface Mechanism {
    /** The name used on the command line (lower case, no colon). */
    String name();

    /** One line for --help: the keys, their meaning and an example. */
    String usage();

    /** The listener for {@code spec}, after checking its keys and values ({@link MechanismSpec} gives clear errors). */
    TrainingListener create(MechanismSpec spec);
}
