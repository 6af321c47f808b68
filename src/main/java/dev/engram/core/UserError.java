package dev.engram.core;

/**
 * A problem with the user's input or environment (a bad file, a wrong option, a missing prerequisite).
 * The message names what was wrong and how to fix it; the CLI prints it without a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) { super(message); }
    public UserError(String message, Throwable cause) { super(message, cause); }
}
