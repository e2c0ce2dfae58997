package dev.sluice.testdriver.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

  @Test
  void oneNodeReplicatesInternalTopicsOnce() {
    Properties p = BrokerProperties.node(1, 9001, 9002, "1@127.0.0.1:9002", Path.of("/d"), 1);

    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9001,CONTROLLER://127.0.0.1:9002");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9001");
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
    assertThat(p.getProperty("share.coordinator.state.topic.min.isr")).isEqualTo("1");
    assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/d").toString());
  }

  @Test
  void largerClustersReplicateInternalTopicsAtMostThreeTimes() {
    Properties three = BrokerProperties.node(2, 1, 2, "v", Path.of("/d"), 3);
    Properties five = BrokerProperties.node(2, 1, 2, "v", Path.of("/d"), 5);

    assertThat(three.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
    assertThat(three.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
    assertThat(five.getProperty("default.replication.factor")).isEqualTo("3");
    assertThat(three.getProperty("broker.session.timeout.ms")).isEqualTo("3000");
  }

  @Test
  void freePortsAreDistinctAndBindable() {
    int[] ports = BrokerProperties.freePorts(6);

    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
    assertThat(Arrays.stream(ports).filter(Clients::portIsFree).count()).isEqualTo(6);
  }

  @Test
  void aBindFailureAnywhereInTheCauseChainOrTheLogTailMeansThePortWasTaken() {
    BindException bind = new BindException("Address already in use");
    IllegalStateException childDied =
        new IllegalStateException(
            "broker node 1 (pid 7) exited with code 1; end of broker.log:\n"
                + "KafkaException: Socket server failed to bind to 127.0.0.1:4242: Address already"
                + " in use.");

    assertThat(BrokerProperties.portTaken(new RuntimeException("start", bind))).isTrue();
    assertThat(BrokerProperties.portTaken(childDied)).isTrue();
    assertThat(BrokerProperties.portTaken(new IllegalStateException("timed out"))).isFalse();
  }
}
