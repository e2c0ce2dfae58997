package dev.sluice.examples;

/**
 * A review with its reviewer's profile at the time of the review, carried as JSON.
 *
 * @param reviewId the review id
 * @param userId the reviewer's user id
 * @param rating 1 (worst) to 5 (best)
 * @param text the review text
 * @param userName the reviewer's display name
 * @param status the reviewer's loyalty status
 */
public record EnrichedReview(
    String reviewId, String userId, int rating, String text, String userName, String status) {

  /**
   * Joins a review with its reviewer.
   *
   * @param review the review
   * @param user the reviewer's profile
   * @return the enriched review
   */
  public static EnrichedReview of(Review review, User user) {
    return new EnrichedReview(
        review.id(), review.userId(), review.rating(), review.text(), user.name(), user.status());
  }
}
