package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class UnhappyVipsTest {
  private static final String[] STATUSES = {"Silver", "Gold", "Platinum"};

  /** One input event: a user update (a null user deletes the profile) or a review. */
  private record Event(String userId, User user, String reviewKey, Review review) {}

  private static List<Event> events() {
    Random random = new Random(11);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String userId = "u" + random.nextInt(7); // u6 never gets a profile
      if (random.nextInt(5) == 0 && !userId.equals("u6")) {
        User user =
            random.nextInt(8) == 0
                ? null
                : new User(userId, "name-" + userId, STATUSES[random.nextInt(3)]);
        events.add(new Event(userId, user, null, null));
      } else {
        String id = random.nextInt(10) == 0 ? null : "r" + i;
        Review review = new Review(id, userId, 1 + random.nextInt(5), "text " + i);
        events.add(new Event(null, null, "k" + i, review));
      }
    }
    return events;
  }

  @Test
  void cleanEnrichedAndUnhappyVipReviewsMatchAnIndependentRecomputation() {
    List<Event> events = events();
    Map<String, User> users = new HashMap<>();
    List<KeyValue<String, Review>> clean = new ArrayList<>();
    List<KeyValue<String, EnrichedReview>> enriched = new ArrayList<>();
    List<KeyValue<String, EnrichedReview>> unhappy = new ArrayList<>();
    for (Event event : events) {
      if (event.review() == null) {
        if (event.user() == null) {
          users.remove(event.userId());
        } else {
          users.put(event.userId(), event.user());
        }
        continue;
      }
      Review review = event.review();
      if (review.id() == null) {
        continue;
      }
      clean.add(KeyValue.pair(event.reviewKey(), review));
      User user = users.get(review.userId());
      if (user == null) {
        continue;
      }
      EnrichedReview joined =
          new EnrichedReview(
              review.id(),
              review.userId(),
              review.rating(),
              review.text(),
              user.name(),
              user.status());
      enriched.add(KeyValue.pair(review.userId(), joined));
      if (review.rating() < 3 && user.status().equals("Platinum")) {
        unhappy.add(KeyValue.pair(review.userId(), joined));
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(UnhappyVips.topology())) {
      TestInputTopic<String, User> userTopic =
          driver.inputTopic(UnhappyVips.USERS, SluiceSerdes.strings(), UnhappyVips.USER_SERDE);
      TestInputTopic<String, Review> reviewTopic =
          driver.inputTopic(UnhappyVips.REVIEWS, SluiceSerdes.strings(), UnhappyVips.REVIEW_SERDE);
      for (Event event : events) {
        if (event.review() == null) {
          userTopic.pipe(event.userId(), event.user());
        } else {
          reviewTopic.pipe(event.reviewKey(), event.review());
        }
      }

      assertThat(read(driver, UnhappyVips.REVIEWS_CLEAN, UnhappyVips.REVIEW_SERDE))
          .isEqualTo(clean);
      assertThat(read(driver, UnhappyVips.ENRICHED_REVIEWS, UnhappyVips.ENRICHED_SERDE))
          .isEqualTo(enriched)
          .hasSizeLessThan(clean.size());
      assertThat(read(driver, UnhappyVips.UNHAPPY_VIPS, UnhappyVips.ENRICHED_SERDE))
          .isEqualTo(unhappy)
          .isNotEmpty();
    }
  }

  @Test
  void theJoinReadsTheRepartitionedReviewsAndTheUsersTableInOneSubTopology() {
    String description = UnhappyVips.topology().describe().text();

    assertThat(description)
        .contains("Sink: reviews-by-user-repartition-sink (topic: reviews-by-user-repartition)")
        .contains("Processor: reviews-by-user (operation: join, stores: [users])");
    assertThat(UnhappyVips.topology().subTopologyCount()).isEqualTo(2);
  }

  private static <V> List<KeyValue<String, V>> read(
      TopologyTestDriver driver, String topic, Serde<V> serde) {
    return driver.outputTopic(topic, SluiceSerdes.strings(), serde).readKeyValuesToList();
  }
}
