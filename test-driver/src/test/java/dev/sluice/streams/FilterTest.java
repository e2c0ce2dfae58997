package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static List<KeyValue<String, String>> run(
      StreamsBuilder builder, List<KeyValue<String, String>> input) {
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      in.pipeAll(input);
      return out.readKeyValuesToList();
    }
  }

  @Test
  void filterKeepsMatchingRecordsInInputOrder() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).filter((k, v) -> v.startsWith("a")).to("out");

    List<KeyValue<String, String>> out =
        run(
            builder,
            List.of(
                KeyValue.pair("k1", "apple"),
                KeyValue.pair("k2", "banana"),
                KeyValue.pair("k3", "avocado"),
                KeyValue.pair("k1", "apricot")));

    assertThat(out)
        .containsExactly(
            KeyValue.pair("k1", "apple"),
            KeyValue.pair("k3", "avocado"),
            KeyValue.pair("k1", "apricot"));
  }

  @Test
  void filterNotDropsMatchingRecordsInInputOrder() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).filterNot((k, v) -> v.startsWith("a")).to("out");

    List<KeyValue<String, String>> out =
        run(
            builder,
            List.of(
                KeyValue.pair("k1", "apple"),
                KeyValue.pair("k2", "banana"),
                KeyValue.pair("k3", "cherry")));

    assertThat(out).containsExactly(KeyValue.pair("k2", "banana"), KeyValue.pair("k3", "cherry"));
  }

  @Test
  void nullKeysAndValuesReachThePredicateAndPassThrough() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).filter((k, v) -> k == null || v == null).to("out");

    List<KeyValue<String, String>> out =
        run(
            builder,
            List.of(
                KeyValue.pair(null, "no-key"),
                KeyValue.pair("k", "both"),
                KeyValue.pair("tombstone", null),
                KeyValue.pair(null, null)));

    assertThat(out)
        .containsExactly(
            KeyValue.pair(null, "no-key"),
            KeyValue.pair("tombstone", null),
            KeyValue.pair(null, null));
  }

  @Test
  void filterKeepsTimestampAndHeaders() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).filter((k, v) -> true).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace", new byte[] {7});
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v", 42L, headers);

      TestRecord<String, String> record =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readRecord();

      assertThat(record.timestamp()).isEqualTo(42L);
      assertThat(record.headers().lastHeader("trace").value()).containsExactly(7);
    }
  }

  @Test
  void namedFilterAppearsUnderItsNameInTheDescription() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .filter((k, v) -> true, Named.as("keep-all"))
        .filterNot((k, v) -> false, Named.as("drop-none"))
        .to("out");

    String text = builder.build().describe().text();

    assertThat(text).contains("keep-all").contains("drop-none");
  }

  @Test
  void aThrowingPredicateFailsNamingTheStepAndTheRecord() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .filter(
            (k, v) -> {
              throw new IllegalStateException("boom");
            },
            Named.as("exploding"))
        .to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("'exploding'")
          .hasMessageContaining("in-0 offset 0")
          .hasMessageContaining("boom")
          .hasCauseInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.filter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("predicate must not be null");
    assertThatThrownBy(() -> stream.filterNot(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("predicate must not be null");
    assertThatThrownBy(() -> stream.filter((k, v) -> true, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.filterNot(null, Named.as("n")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("predicate must not be null");
  }

  @Test
  void invalidStepNamesAreRejected() {
    assertThatThrownBy(() -> Named.as("bad name!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad name!'")
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> Named.as("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Named.as(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Named name must not be null");
  }

  @Test
  void twoStepsWithTheSameNameFailTheBuild() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> stream = builder.stream("in", STRINGS);
    stream.filter((k, v) -> true, Named.as("dup")).to("out");
    stream.filterNot((k, v) -> true, Named.as("dup")).to("out2");

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("step name 'dup' is used by 2 steps");
  }
}
