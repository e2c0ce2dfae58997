package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void mergedStreamCarriesBothInputsInPipeOrder() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> left = builder.stream("left", STRINGS);
    KStream<String, String> right = builder.stream("right", STRINGS);
    left.merge(right).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> l =
          driver.inputTopic("left", Serdes.String(), Serdes.String());
      TestInputTopic<String, String> r =
          driver.inputTopic("right", Serdes.String(), Serdes.String());
      l.pipe("a", "l1", 10L);
      r.pipe("b", "r1", 5L);
      l.pipe(null, "l2", 20L);
      r.pipe("d", null, 30L);

      List<TestRecord<String, String>> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll();

      assertThat(out)
          .extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
          .containsExactly(
              tuple("a", "l1", 10L),
              tuple("b", "r1", 5L),
              tuple(null, "l2", 20L),
              tuple("d", null, 30L));
    }
  }

  @Test
  void mergeOfTwoBranchesOfOneStreamRejoinsThem() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> in = builder.stream("in", STRINGS);
    KStream<String, String> upper =
        in.filter((k, v) -> v.startsWith("u")).mapValues(v -> v.toUpperCase());
    KStream<String, String> lower = in.filterNot((k, v) -> v.startsWith("u"));
    upper
        .merge(lower, Named.as("rejoin"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    Topology topology = builder.build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<String, String> input =
          driver.inputTopic("in", Serdes.String(), Serdes.String());
      input.pipe("k", "up");
      input.pipe("k", "down");
      input.pipe("k", "ux");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("UP", "down", "UX");
      assertThat(topology.describe().text()).contains("rejoin");
    }
  }

  @Test
  void mergingTwoSourcesMakesOneSubTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", STRINGS).merge(builder.stream("b", STRINGS)).to("out");

    assertThat(builder.build().subTopologyCount()).isEqualTo(1);
  }

  @Test
  void mergingStreamsWithDifferentValueSerdesLeavesTheSinkWithoutAKnownSerde() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> texts =
        builder.stream("texts", Consumed.with(Serdes.String(), Serdes.String()));
    KStream<String, String> numbers =
        builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Long()))
            .mapValues(String::valueOf, Named.as("as-text"));
    texts.merge(numbers, Named.as("all")).to("merged");

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("Sink 'all.to-merged' (topic merged) has no value serde");
  }

  @Test
  void badArgumentsAreRejected() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> stream = builder.stream("in", STRINGS);
    KStream<String, String> foreign = new StreamsBuilder().stream("other", STRINGS);

    assertThatThrownBy(() -> stream.merge(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("other must not be null");
    assertThatThrownBy(() -> stream.merge(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same StreamsBuilder");
    assertThatThrownBy(() -> stream.merge(stream, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
  }
}
