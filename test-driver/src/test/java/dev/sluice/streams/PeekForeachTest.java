package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class PeekForeachTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void peekSeesEveryRecordInOrderAndPassesItOnUnchanged() {
    List<KeyValue<String, String>> seen = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).peek((k, v) -> seen.add(KeyValue.pair(k, v))).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe(null, "2");
      in.pipe("c", null);

      List<KeyValue<String, String>> expected =
          List.of(KeyValue.pair("a", "1"), KeyValue.pair(null, "2"), KeyValue.pair("c", null));
      assertThat(seen).containsExactlyElementsOf(expected);
      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void peekRunsBeforeTheRecordReachesDownstreamSteps() {
    List<String> events = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .peek((k, v) -> events.add("peek " + v))
        .foreach((k, v) -> events.add("foreach " + v));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "1");
      in.pipe("k", "2");

      assertThat(events).containsExactly("peek 1", "foreach 1", "peek 2", "foreach 2");
    }
  }

  @Test
  void foreachSeesEveryRecordIncludingNullsAndEmitsNothing() {
    List<KeyValue<String, String>> seen = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).foreach((k, v) -> seen.add(KeyValue.pair(k, v)));
    Topology topology = builder.build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe(null, null);

      assertThat(seen).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair(null, null));
      assertThat(topology.sinkTopics()).isEmpty();
    }
  }

  @Test
  void aThrowingActionFailsNamingTheStep() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .foreach(
            (k, v) -> {
              throw new IllegalArgumentException("no " + v);
            },
            Named.as("audit"));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "thanks"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("'audit'")
          .hasMessageContaining("no thanks");
    }
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.peek(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("action must not be null");
    assertThatThrownBy(() -> stream.foreach(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("action must not be null");
    assertThatThrownBy(() -> stream.peek((k, v) -> {}, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.foreach((k, v) -> {}, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
  }
}
