/**
 * Empirical dynamic modelling, an experiment: delay embeddings, Simplex and S-map forecasts, convergent cross
 * mapping (plain, lagged, between many series) with surrogate significance tests, exact neighbour search, and
 * the bench against pyEDM, all with pyEDM 2.x conventions.
 *
 * <p>May import core, io, data, nn, linalg, train and report; never another experiment (brain, pc), tour or cli.
 */
package dev.engram.edm;
