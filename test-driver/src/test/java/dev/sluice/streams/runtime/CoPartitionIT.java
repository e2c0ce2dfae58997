package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Produced;
import dev.sluice.streams.Repartitioned;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.streams.TopologyException;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream on 3 partitions joined with a table on 6, on a real broker: re-keyed, its repartition
 * topic is created with 6 partitions and every record finds its row; joined directly, the start
 * fails before processing, naming the join, both topics, both counts and the fix; and the fix,
 * {@code repartition(Repartitioned.numberOfPartitions(6))}, makes the same join work.
 */
@Timeout(180)
class CoPartitionIT {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final int USERS = 12;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.inProcess();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Clicks (after {@code beforeJoin}) joined with the users table, written to {@code out}. */
  private static Topology clicksJoinUsers(
      String clicks, String users, String out, UnaryOperator<KStream<String, String>> beforeJoin) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> table = builder.table(users, STRINGS);
    beforeJoin
        .apply(builder.stream(clicks, STRINGS))
        .join(table, (click, name) -> click + "@" + name)
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  private static void produceUsers(String topic) {
    List<String[]> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      users.add(new String[] {"u" + u, "name" + u});
    }
    produce(kafka.bootstrapServers(), topic, users);
  }

  /**
   * One click per user: keyed by user if {@code byUser}, else by click id with the user as value.
   */
  private static List<String[]> clicks(boolean byUser) {
    List<String[]> clicks = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      clicks.add(byUser ? new String[] {"u" + u, "c" + u} : new String[] {"c" + u, "u" + u});
    }
    return clicks;
  }

  /** Runs the app until every user's click came out joined; returns the joined values. */
  private static List<String> runUntilAllJoined(
      Topology topology, String appId, Path dir, String clicks, List<String[]> input, String out) {
    try (StreamsApplication app =
        new StreamsApplication(topology, appConfig(kafka.bootstrapServers(), appId, dir))) {
      app.start();
      awaitState(app, StreamsApplication.State.RUNNING);
      produce(kafka.bootstrapServers(), clicks, input);
      return readUntil(
              kafka.bootstrapServers(), out, Duration.ofSeconds(60), r -> r.size() >= USERS)
          .stream()
          .map(ConsumerRecord::value)
          .toList();
    }
  }

  /** For each user n, {@code <clickPrefix>n@name<n>}. */
  private static List<String> expected(String clickPrefix) {
    List<String> joined = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      joined.add(clickPrefix + u + "@name" + u);
    }
    return joined;
  }

  @Test
  void aReKeyedStreamOnThreePartitionsIsRepartitionedToTheSixOfTheTable(@TempDir Path dir)
      throws Exception {
    kafka.createTopic("rekey-clicks", 3);
    kafka.createTopic("rekey-users", 6);
    kafka.createTopic("rekey-out", 1);
    produceUsers("rekey-users");
    Topology topology =
        clicksJoinUsers(
            "rekey-clicks",
            "rekey-users",
            "rekey-out",
            clicks -> clicks.selectKey((click, user) -> user));

    List<String> joined =
        runUntilAllJoined(topology, "rekey-app", dir, "rekey-clicks", clicks(false), "rekey-out");

    // the re-keyed click's value is its user
    assertThat(joined).containsExactlyInAnyOrderElementsOf(expected("u"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      String repartition = "rekey-app-from-rekey-clicks.selectKey-repartition";
      assertThat(
              admin
                  .describeTopics(List.of(repartition))
                  .allTopicNames()
                  .get()
                  .get(repartition)
                  .partitions())
          .hasSize(6);
    }
  }

  @Test
  void twoUserTopicsWithThreeAndSixPartitionsJoinedDirectlyStopTheStartNamingBoth(
      @TempDir Path dir) {
    kafka.createTopic("direct-clicks", 3);
    kafka.createTopic("direct-users", 6);
    StreamsApplication app =
        new StreamsApplication(
            clicksJoinUsers("direct-clicks", "direct-users", "direct-out", clicks -> clicks),
            appConfig(kafka.bootstrapServers(), "direct-app", dir));

    assertThatThrownBy(app::start)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "join step 'from-direct-clicks.join' needs its inputs co-partitioned, but topic"
                + " 'direct-clicks' has 3 partitions and topic 'direct-users' has 6: send the"
                + " 'direct-clicks' side through a topic with 6 partitions before the join"
                + " (KStream.repartition(Repartitioned.numberOfPartitions(6)))");
    assertThat(app.state()).isEqualTo(StreamsApplication.State.CREATED);
    app.close();
  }

  @Test
  void repartitioningTheThreePartitionStreamToSixMakesTheSameJoinWork(@TempDir Path dir) {
    kafka.createTopic("fixed-clicks", 3);
    kafka.createTopic("fixed-users", 6);
    kafka.createTopic("fixed-out", 1);
    produceUsers("fixed-users");
    Topology topology =
        clicksJoinUsers(
            "fixed-clicks",
            "fixed-users",
            "fixed-out",
            clicks -> clicks.repartition(Repartitioned.numberOfPartitions(6)));

    List<String> joined =
        runUntilAllJoined(topology, "fixed-app", dir, "fixed-clicks", clicks(true), "fixed-out");

    assertThat(joined).containsExactlyInAnyOrderElementsOf(expected("c"));
  }
}
