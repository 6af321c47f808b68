/**
 * Numerical tools shared by experiments and specific to none: the system's OpenBLAS through the foreign-function
 * API ({@link dev.engram.linalg.NativeBlas}), ridge regression with one penalty per target chosen by exact
 * leave-one-out or inner folds ({@link dev.engram.linalg.RidgeCv}), and cross-validated encoding models scored by
 * held-out Pearson r ({@link dev.engram.linalg.EncodingModel}).
 *
 * <p>May import core and io only.
 */
package dev.engram.linalg;
