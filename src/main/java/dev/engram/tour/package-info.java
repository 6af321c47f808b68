/**
 * The tour ({@code engram tour}): one {@link dev.engram.tour.TourPart} per experiment, each running on embedded
 * defaults and adding its section to one report. Parts hand results on explicitly (the brain part takes the
 * language-model part's checkpoint), never by guessing another part's folder.
 *
 * <p>On top: may import every package but cli.
 */
package dev.engram.tour;
