package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.StreamsApplication;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance in its own JVM is killed with {@code kill -9} mid-stream; the surviving instance
 * takes over its tasks and no input is lost from the output.
 */
@Timeout(240)
class FailoverIT {

  @Test
  void survivorsTakeOverAKilledInstancesTasksWithoutLosingInput(
      @TempDir Path childState, @TempDir Path localState) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("failover-in", 4);
      kafka.createTopic("failover-out", 4);
      produce(bootstrap, "failover-in", numbers(0, 2_000));

      Process child =
          RuntimeTestSupport.startChild(
              childState,
              bootstrap,
              "failover-app",
              childState.toString(),
              "failover-in",
              "failover-out");
      List<String> childOutput = new CopyOnWriteArrayList<>();
      Thread reader = RuntimeTestSupport.pump(child, childOutput);
      try (StreamsApplication local =
          new StreamsApplication(
              StatelessRuntimeIT.upperCaseEvens("failover-in", "failover-out"),
              appConfig(bootstrap, "failover-app", localState))) {
        await(
            "the child to run",
            Duration.ofSeconds(90),
            () -> childOutput.contains("STATE RUNNING"));
        local.start();
        await(
            "the local instance to run",
            Duration.ofSeconds(90),
            () -> local.state() == StreamsApplication.State.RUNNING);
        produce(bootstrap, "failover-in", numbers(2_000, 4_000));
        readUntil(bootstrap, "failover-out", Duration.ofSeconds(60), r -> r.size() >= 1_200);

        child.destroyForcibly();
        assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        produce(bootstrap, "failover-in", numbers(4_000, 6_000));

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 6_000; i += 2) {
          expected.add("even-" + i);
        }
        List<ConsumerRecord<String, String>> out =
            readUntil(
                bootstrap,
                "failover-out",
                Duration.ofSeconds(120),
                r -> distinctValues(r).containsAll(expected));

        assertThat(distinctValues(out)).containsAll(expected);
        System.out.printf(
            "FailoverIT: %d outputs for %d expected, %d duplicates under at-least-once%n",
            out.size(), expected.size(), out.size() - distinctValues(out).size());
      } finally {
        child.destroyForcibly();
        reader.interrupt();
      }
    }
  }

  private static Set<String> distinctValues(List<ConsumerRecord<String, String>> records) {
    Set<String> values = new HashSet<>();
    records.forEach(r -> values.add(r.value()));
    return values;
  }

  private static List<String[]> numbers(int from, int to) {
    List<String[]> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(new String[] {"k" + (i % 41), String.valueOf(i)});
    }
    return records;
  }
}
