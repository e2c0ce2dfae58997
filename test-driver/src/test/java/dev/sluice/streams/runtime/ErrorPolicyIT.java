package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.StreamsUncaughtExceptionHandler;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A processing error is never swallowed: it reaches the handler, whose answer is applied. */
@Timeout(180)
class ErrorPolicyIT {
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

  /** Copies values, failing on "poison" while {@code failing} is set. */
  private static Topology failingOn(String in, String out, AtomicBoolean failing) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .peek(
            (k, v) -> {
              if (v.equals("poison") && failing.getAndSet(false)) {
                throw new IllegalStateException("boom on " + k);
              }
            })
        .to(out, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void byDefaultAFailingThreadShutsTheApplicationDownIntoError(@TempDir Path stateDir) {
    kafka.createTopic("policy-in-1", 1);
    produce(
        kafka.bootstrapServers(), "policy-in-1", List.<String[]>of(new String[] {"k", "poison"}));
    List<StreamsApplication.State> states = new CopyOnWriteArrayList<>();
    try (StreamsApplication app =
        new StreamsApplication(
            failingOn("policy-in-1", "policy-out-1", new AtomicBoolean(true)),
            appConfig(kafka.bootstrapServers(), "policy-shutdown", stateDir))) {
      app.setStateListener((now, before) -> states.add(now));
      app.start();

      await(
          "ERROR state",
          Duration.ofSeconds(60),
          () -> app.state() == StreamsApplication.State.ERROR);
      assertThat(app.localTasks()).isEmpty();
    }
    assertThat(states).contains(StreamsApplication.State.ERROR);
  }

  @Test
  void replaceThreadKeepsProcessingAndReportsTheError(@TempDir Path stateDir) {
    kafka.createTopic("policy-in-2", 2);
    List<String[]> input = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      input.add(new String[] {"k" + i, i == 100 ? "poison" : "v" + i});
    }
    produce(kafka.bootstrapServers(), "policy-in-2", input);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    try (StreamsApplication app =
        new StreamsApplication(
            failingOn("policy-in-2", "policy-out-2", new AtomicBoolean(true)),
            appConfig(kafka.bootstrapServers(), "policy-replace", stateDir))) {
      app.setUncaughtExceptionHandler(
          error -> {
            errors.add(error);
            return StreamsUncaughtExceptionHandler.Response.REPLACE_THREAD;
          });
      app.start();

      List<ConsumerRecord<String, String>> out =
          readUntil(
              kafka.bootstrapServers(),
              "policy-out-2",
              Duration.ofSeconds(90),
              r -> values(r).size() >= 500);

      assertThat(values(out)).hasSize(500).contains("poison");
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("boom on k100")
          .hasMessageContaining("policy-in-2");
      await(
          "RUNNING again",
          Duration.ofSeconds(60),
          () -> app.state() == StreamsApplication.State.RUNNING);
    }
  }

  private static Set<String> values(List<ConsumerRecord<String, String>> records) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(r.value()));
    return values;
  }
}
