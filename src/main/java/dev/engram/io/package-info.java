/**
 * Readers and writers of array and neuroimaging files as plain values: NumPy .npy, safetensors, NIfTI-1,
 * GIfTI and numeric CSV matrices. No tensor engine: bytes in, float arrays out.
 *
 * <p>May import core only.
 */
package dev.engram.io;
