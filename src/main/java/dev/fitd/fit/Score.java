package dev.fitd.fit;

/**
 * The ranking score, 0–100, and its components (each 0–100) before use-case weighting.
 */
public record Score(double total, double quality, double speed, double fit, double context) { }
