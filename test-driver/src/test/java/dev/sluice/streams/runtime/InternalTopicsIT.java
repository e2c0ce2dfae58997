package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime creates internal topics the way the topology needs them, and refuses wrong ones. */
@Timeout(180)
class InternalTopicsIT {
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

  /** A key-value count behind a repartition topic and a windowed count of the same stream. */
  private static Topology counts(String in) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> pages =
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((user, page) -> page);
    Grouped<String, String> byPage =
        Grouped.with(Serdes.String(), Serdes.String()).withName("by-page");
    pages.groupByKey(byPage).count(Materialized.as("page-counts"));
    pages
        .groupByKey(byPage)
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
        .count(Materialized.as("page-minutes"));
    return builder.build();
  }

  @Test
  void changelogsAndRepartitionTopicsAreCreatedWithTheirPoliciesAndPartitions(@TempDir Path dir)
      throws Exception {
    kafka.createTopic("views", 3);
    try (StreamsApplication app =
        new StreamsApplication(
            counts("views"), appConfig(kafka.bootstrapServers(), "topics-app", dir))) {
      app.start();
      awaitState(app, StreamsApplication.State.RUNNING);
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(partitions(admin, "topics-app-by-page-repartition")).isEqualTo(3);
      assertThat(partitions(admin, "topics-app-page-counts-changelog")).isEqualTo(3);
      assertThat(partitions(admin, "topics-app-page-minutes-changelog")).isEqualTo(3);
      assertThat(config(admin, "topics-app-by-page-repartition", "cleanup.policy"))
          .isEqualTo("delete");
      assertThat(config(admin, "topics-app-page-counts-changelog", "cleanup.policy"))
          .isEqualTo("compact");
      assertThat(config(admin, "topics-app-page-minutes-changelog", "cleanup.policy"))
          .isEqualTo("compact,delete");
      long retention =
          Long.parseLong(config(admin, "topics-app-page-minutes-changelog", "retention.ms"));
      assertThat(retention)
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(10).toMillis());
    }
  }

  @Test
  void aChangelogWithTheWrongPartitionCountStopsTheStartNamingIt(@TempDir Path dir) {
    kafka.createTopic("clicks-4", 4);
    kafka.createTopic("wrong-app-page-counts-changelog", 2, Map.of("cleanup.policy", "compact"));
    StreamsApplication app =
        new StreamsApplication(
            counts("clicks-4"), appConfig(kafka.bootstrapServers(), "wrong-app", dir));

    assertThatThrownBy(app::start)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining(
            "internal topic 'wrong-app-page-counts-changelog' has 2 partitions but the topology needs 4");
    app.close();
  }

  @Test
  void aChangelogThatDeletesIsRefused(@TempDir Path dir) {
    kafka.createTopic("clicks-1", 1);
    kafka.createTopic(
        "policy-app-page-counts-changelog", 1, Map.of("cleanup.policy", "compact,delete"));
    StreamsApplication app =
        new StreamsApplication(
            counts("clicks-1"), appConfig(kafka.bootstrapServers(), "policy-app", dir));

    assertThatThrownBy(app::start)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining(
            "'policy-app-page-counts-changelog' has cleanup.policy=compact,delete but needs compact");
    app.close();
  }

  @Test
  void aReKeyedStreamIsRepartitionedToTheTableItJoins(@TempDir Path dir) throws Exception {
    kafka.createTopic("orders-4", 4);
    kafka.createTopic("customers-2", 2);
    kafka.createTopic("enriched-orders", 2);
    RuntimeTestSupport.produce(
        kafka.bootstrapServers(), "customers-2", List.<String[]>of(new String[] {"c1", "Ada"}));
    RuntimeTestSupport.produce(
        kafka.bootstrapServers(), "orders-4", List.<String[]>of(new String[] {"o1", "c1"}));
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> customers =
        builder.table("customers-2", Consumed.with(Serdes.String(), Serdes.String()));
    builder.stream("orders-4", Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((order, customer) -> customer)
        .join(
            customers,
            (customer, name) -> customer + ":" + name,
            Joined.with(Serdes.String(), Serdes.String(), Serdes.String()))
        .to("enriched-orders", Produced.with(Serdes.String(), Serdes.String()));

    try (StreamsApplication app =
        new StreamsApplication(
            builder.build(), appConfig(kafka.bootstrapServers(), "join-app", dir))) {
      app.start();
      var out =
          RuntimeTestSupport.readUntil(
              kafka.bootstrapServers(),
              "enriched-orders",
              Duration.ofSeconds(60),
              r -> !r.isEmpty());

      assertThat(out).extracting(r -> r.value()).containsExactly("c1:Ada");
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      String repartition =
          admin.listTopics().names().get().stream()
              .filter(t -> t.startsWith("join-app-") && t.endsWith("-repartition"))
              .findFirst()
              .orElseThrow();
      assertThat(partitions(admin, repartition)).as("sized to the table it joins").isEqualTo(2);
    }
  }

  private static int partitions(Admin admin, String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .size();
  }

  private static String config(Admin admin, String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get(key).value();
  }
}
