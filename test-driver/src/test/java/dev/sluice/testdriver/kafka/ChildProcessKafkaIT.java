package dev.sluice.testdriver.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real single-node broker in a child JVM: round trip, {@code kill -9}, restart on the same data.
 */
class ChildProcessKafkaIT {

  private static ChildProcessKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.childProcess();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void roundTripsThenDiesOnKillHardThenRestartsOnItsData() throws Exception {
    kafka.createTopic("orders", 4);
    Clients.produce(kafka, "orders", "order-", 1000);
    List<String> before =
        Clients.consume(kafka, "orders", "before-kill", 1000, Duration.ofSeconds(30));
    assertThat(before).hasSize(1000);
    assertThat(new HashSet<>(before)).isEqualTo(InProcessKafkaIT.expected("order-", 1000));

    long pid = kafka.pid(0);
    assertThat(ProcessHandle.current().children().mapToLong(ProcessHandle::pid)).contains(pid);
    kafka.killHard();

    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    assertThat(process.isEmpty() || !process.get().isAlive()).as("pid %s is gone", pid).isTrue();
    assertThat(kafka.isRunning(0)).isFalse();
    assertThat(Clients.portIsFree(kafka.port(0))).as("port %s is free", kafka.port(0)).isTrue();

    kafka.restart();
    assertThat(kafka.pid(0)).isNotEqualTo(pid);
    // The data written before the kill is still there; a new group reads it all exactly once.
    List<String> after =
        Clients.consume(kafka, "orders", "after-restart", 1000, Duration.ofSeconds(30));
    assertThat(after).hasSize(1000);
    assertThat(new HashSet<>(after)).isEqualTo(new HashSet<>(before));
  }

  @Test
  void nodeIndicesAndCountsAreChecked() {
    assertThatThrownBy(() -> kafka.killHard(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node index 1 is outside 0..0");
    assertThatThrownBy(() -> EmbeddedKafka.cluster(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodeCount was 0");
  }
}
