/**
 * Brain scores, an experiment: word features from a language model, encoding models from features to
 * recordings with FIR delays and forecast windows F(d), depth k*, group statistics, the virtual listener
 * (phantom) with a planted answer, and the forecast objective that trains a model toward it.
 *
 * <p>May import core, io, data, nn, linalg, train and report; never another experiment (pc, edm), tour or cli.
 */
package dev.engram.brain;
