/**
 * Active forgetting: the embedding-reset mechanism ({@code --mechanism forget:every=K}), a training listener
 * that needs no change to the loop. The adaptation phase (a new tokenizer, fresh embeddings, the body frozen)
 * is {@code engram train --init-from RUN --reinit wte.weight --freeze ...}. May import core and train (and
 * what they import); nothing above.
 */
package dev.engram.forgetting;
