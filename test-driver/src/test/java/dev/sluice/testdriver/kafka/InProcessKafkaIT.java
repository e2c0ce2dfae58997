package dev.sluice.testdriver.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real single-node broker in the test JVM: round trip through a consumer group. */
class InProcessKafkaIT {

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

  @Test
  void answersWithTheClusterIdItWasFormattedWith() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);
    }
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(kafka.nodeCount()).isEqualTo(1);
  }

  @Test
  void roundTripsEveryRecordExactlyOnce() throws Exception {
    kafka.createTopic("orders", 4);

    Clients.produce(kafka, "orders", "order-", 1000);
    List<String> values =
        Clients.consume(kafka, "orders", "orders-reader", 1000, Duration.ofSeconds(30));

    assertThat(values).hasSize(1000);
    assertThat(new HashSet<>(values)).isEqualTo(expected("order-", 1000));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicDescription orders =
          admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
      assertThat(orders.partitions()).hasSize(4);
    }
  }

  @Test
  void createTopicWithConfigsAndRejectsADuplicate() {
    kafka.createTopic("compacted", 2, Map.of("cleanup.policy", "compact"));

    assertThatThrownBy(() -> kafka.createTopic("compacted", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot create topic compacted");
  }

  @Test
  void closeStopsTheBrokerFreesItsPortAndRejectsFurtherUse() {
    EmbeddedKafka second = EmbeddedKafka.inProcess();
    String bootstrap = second.bootstrapServers();
    try {
      assertThat(second.clusterId()).isNotEqualTo(kafka.clusterId());
      assertThat(bootstrap).isNotEqualTo(kafka.bootstrapServers());
    } finally {
      second.close();
    }
    second.close(); // idempotent

    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    assertThat(Clients.portIsFree(port)).as("port %s is free", port).isTrue();
    assertThatThrownBy(() -> second.createTopic("late", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  static Set<String> expected(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toSet());
  }
}
