package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import org.apache.kafka.common.serialization.Serde;

/**
 * The reviews pipeline: raw {@code reviews} → {@code reviews_clean} (reviews with an id) → {@code
 * enriched_reviews} (each review joined with its reviewer's current profile from the {@code users}
 * table, re-keyed by user id) → {@code unhappy_vips} (ratings below 3 from Platinum users).
 *
 * <p>The join is a stream-table inner join: a review whose reviewer has no profile yet is dropped
 * (and counted), and a later profile change does not re-emit old reviews. Re-keying by user id
 * sends the reviews through a repartition topic, so they meet the {@code users} partition of their
 * reviewer; {@code users} must therefore have as many partitions as that topic.
 *
 * <p>Runs only through the test driver for now: {@link Example} feeds one input topic, and this
 * pipeline reads two.
 */
public final class UnhappyVips {
  /** The raw reviews topic. */
  public static final String REVIEWS = "reviews";

  /** The users topic, keyed by user id, read as a table. */
  public static final String USERS = "users";

  /** Reviews with an id, with their input keys. */
  public static final String REVIEWS_CLEAN = "reviews_clean";

  /** Reviews joined with their reviewer, keyed by user id. */
  public static final String ENRICHED_REVIEWS = "enriched_reviews";

  /** Enriched reviews rated below 3 by Platinum users. */
  public static final String UNHAPPY_VIPS = "unhappy_vips";

  /** The serde of raw and clean reviews. */
  public static final Serde<Review> REVIEW_SERDE = SluiceSerdes.json(Review.class);

  /** The serde of user profiles. */
  public static final Serde<User> USER_SERDE = SluiceSerdes.json(User.class);

  /** The serde of enriched reviews. */
  public static final Serde<EnrichedReview> ENRICHED_SERDE =
      SluiceSerdes.json(EnrichedReview.class);

  private UnhappyVips() {}

  /**
   * The topology.
   *
   * @return the four-step pipeline
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, User> users =
        builder.table(
            USERS, Consumed.with(SluiceSerdes.strings(), USER_SERDE), Materialized.as(USERS));
    KStream<String, Review> clean =
        builder.stream(REVIEWS, Consumed.with(SluiceSerdes.strings(), REVIEW_SERDE))
            .filter((key, review) -> review != null && review.id() != null);
    clean.to(REVIEWS_CLEAN, Produced.with(SluiceSerdes.strings(), REVIEW_SERDE));
    KStream<String, EnrichedReview> enriched =
        clean
            .selectKey((key, review) -> review.userId())
            .join(
                users,
                EnrichedReview::of,
                Joined.with(SluiceSerdes.strings(), REVIEW_SERDE, USER_SERDE)
                    .withName("reviews-by-user"));
    Produced<String, EnrichedReview> produced =
        Produced.with(SluiceSerdes.strings(), ENRICHED_SERDE);
    enriched.to(ENRICHED_REVIEWS, produced);
    enriched
        .filter((userId, review) -> review.rating() < 3 && "Platinum".equals(review.status()))
        .to(UNHAPPY_VIPS, produced);
    return builder.build();
  }
}
