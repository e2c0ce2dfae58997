package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class StatelessRuntimeIT {
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

  static Topology upperCaseEvens(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .filter((k, v) -> Integer.parseInt(v) % 2 == 0)
        .mapValues(v -> "even-" + v)
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void twoThreadsProcessEveryPartitionAndCloseCleanly(@TempDir Path stateDir) {
    kafka.createTopic("numbers", 4);
    kafka.createTopic("evens", 4);
    List<String[]> input = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      input.add(new String[] {"k" + (i % 37), String.valueOf(i)});
    }
    produce(kafka.bootstrapServers(), "numbers", input);
    List<StreamsApplication.State> states = new CopyOnWriteArrayList<>();
    var config = appConfig(kafka.bootstrapServers(), "stateless-app", stateDir);
    config.put("num.stream.threads", 2);

    try (StreamsApplication app =
        new StreamsApplication(upperCaseEvens("numbers", "evens"), config)) {
      app.setStateListener((now, before) -> states.add(now));
      app.start();
      awaitState(app, StreamsApplication.State.RUNNING);

      List<ConsumerRecord<String, String>> out =
          readUntil(
              kafka.bootstrapServers(), "evens", Duration.ofSeconds(60), r -> r.size() >= 1_000);

      assertThat(out).hasSize(1_000);
      assertThat(out).extracting(ConsumerRecord::value).allMatch(v -> v.startsWith("even-"));
      assertThat(out.stream().map(ConsumerRecord::value).distinct()).hasSize(1_000);
      assertThat(app.close(Duration.ofSeconds(60))).isTrue();
      assertThat(app.state()).isEqualTo(StreamsApplication.State.NOT_RUNNING);
    }
    assertThat(states)
        .containsSubsequence(
            StreamsApplication.State.REBALANCING,
            StreamsApplication.State.RUNNING,
            StreamsApplication.State.PENDING_SHUTDOWN,
            StreamsApplication.State.NOT_RUNNING);
  }

  @Test
  void aSecondInstanceOnTheSameStateDirectoryFailsClearly(@TempDir Path stateDir) throws Exception {
    kafka.createTopic("locked-in", 1);
    Topology topology = upperCaseEvens("locked-in", "locked-out");
    var config = appConfig(kafka.bootstrapServers(), "locked-app", stateDir);
    try (StreamsApplication first = new StreamsApplication(topology, config)) {
      first.start();
      StreamsApplication second = new StreamsApplication(topology, config);

      assertThatThrownBy(second::start)
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining(stateDir.resolve("locked-app").toString())
          .hasMessageContaining("in use by another running instance");
      second.close();
    }
    assertThat(Files.exists(stateDir.resolve("locked-app"))).isTrue();
  }

  @Test
  void aMissingSourceTopicStopsTheStartNamingIt(@TempDir Path stateDir) {
    var config = appConfig(kafka.bootstrapServers(), "missing-app", stateDir);
    StreamsApplication app = new StreamsApplication(upperCaseEvens("no-such-topic", "x"), config);

    assertThatThrownBy(app::start)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("[no-such-topic] do not exist");
    assertThat(app.state()).isEqualTo(StreamsApplication.State.CREATED);
  }
}
