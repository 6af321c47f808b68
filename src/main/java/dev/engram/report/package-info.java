/**
 * The shared HTML report: sections, facts, tables, preformatted text, line charts and heatmaps drawn as PNGs
 * beside report.html. A rendering tool, not an experiment: experiments, the tour and the CLI may all use it.
 *
 * <p>May import core only.
 */
package dev.engram.report;
