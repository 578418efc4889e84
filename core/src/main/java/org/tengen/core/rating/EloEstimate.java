package org.tengen.core.rating;

/** An Elo difference with its 95% confidence interval, from a number of games. */
public record EloEstimate(double elo, double lower, double upper, long games) {}
