package dev.sluice.examples;

/**
 * A product review, carried as JSON. Raw reviews sometimes arrive without an id.
 *
 * @param id the review id, may be null in raw data
 * @param userId the reviewer's user id
 * @param rating 1 (worst) to 5 (best)
 * @param text the review text
 */
public record Review(String id, String userId, int rating, String text) {}
