/**
 * Text and data sets: corpora (text files, folders, the Europarl sample), tokenizers (bytes, GPT-2, byte-level
 * BPE and its trainer), language identification, corpora as token streams, and MNIST.
 *
 * <p>May import core and io.
 */
package dev.engram.data;
