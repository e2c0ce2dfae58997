package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SinkTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void toWritesEveryRecordInOrderWithNullKeysAndValues() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe(null, "2");
      in.pipe("c", null);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "1"), KeyValue.pair(null, "2"), KeyValue.pair("c", null));
    }
  }

  @Test
  void producedSerdesOverrideTheUpstreamSerdes() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Integer()))
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    builder.stream("in2", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> v.getBytes(StandardCharsets.UTF_8).length)
        .to("out2", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.Integer()).pipe("k", 42);
      driver.inputTopic("in2", Serdes.String(), Serdes.String()).pipe("k", "héllo");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Integer()).readValue())
          .isEqualTo(42);
      assertThat(driver.outputTopic("out2", Serdes.String(), Serdes.Integer()).readValue())
          .isEqualTo(6);
    }
  }

  @Test
  void headersAndTimestampsArePreserved() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("a", new byte[] {1});
      headers.add("b", null);
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "v", 1_000L, headers);
      in.pipe("k", "w", 500L);

      List<TestRecord<String, String>> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll();

      assertThat(out).extracting(TestRecord::timestamp).containsExactly(1_000L, 500L);
      assertThat(out.get(0).headers().toArray()).hasSize(2);
      assertThat(out.get(0).headers().lastHeader("a").value()).containsExactly(1);
      assertThat(out.get(0).headers().lastHeader("b").value()).isNull();
      assertThat(out.get(1).headers().toArray()).isEmpty();
    }
  }

  @Test
  void aCustomPartitionerSeesTopicKeyValueAndPartitionCount() {
    List<String> calls = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .to(
            "out",
            Produced.with(
                Serdes.String(),
                Serdes.String(),
                (topic, key, value, partitions) -> {
                  calls.add(topic + "/" + key + "/" + value + "/" + partitions);
                  return key == null ? null : 0;
                }));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "v");
      in.pipe(null, "w");

      assertThat(calls).containsExactly("out/k/v/1", "out/null/w/1");
      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("v", "w");
    }
  }

  @Test
  void aPartitionOutsideTheTopicFailsNamingSinkPartitionAndCount() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .to(
            "out",
            Produced.<String, String>streamPartitioner((topic, key, value, n) -> n)
                .withName("bad-sink"));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("sink 'bad-sink'")
          .hasMessageContaining("partition 1 of topic 'out', which has 1 partitions");
      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).isEmpty()).isTrue();
    }
  }

  @Test
  void aNegativePartitionFails() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .to("out", Produced.streamPartitioner((topic, key, value, n) -> -1));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("partition -1");
    }
  }

  @Test
  void aTopicNameExtractorRoutesEachRecordToItsTopic() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to((key, value, timestamp) -> "events-" + key);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe("b", "2");
      in.pipe("a", "3");
      in.pipe("c", null);

      assertThat(
              driver.outputTopic("events-a", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("1", "3");
      assertThat(
              driver.outputTopic("events-b", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("2");
      assertThat(driver.outputTopic("events-c", Serdes.String(), Serdes.String()).readKeyValue())
          .isEqualTo(KeyValue.pair("c", null));
    }
  }

  @Test
  void aTopicNameExtractorSeesTheTimestampAndWorksWithProduced() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .mapValues(String::length)
        .to(
            (key, value, timestamp) -> timestamp < 100 ? "early" : "late",
            Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "abc", 50L);
      in.pipe("k", "abcd", 150L);

      assertThat(driver.outputTopic("early", Serdes.String(), Serdes.Integer()).readValue())
          .isEqualTo(3);
      assertThat(driver.outputTopic("late", Serdes.String(), Serdes.Integer()).readValue())
          .isEqualTo(4);
    }
  }

  @Test
  void aTopicNameExtractorReturningNullFails() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to((key, value, timestamp) -> null);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("the topic extractor returned null");
    }
  }

  @Test
  void aSinkWithoutKnownSerdesFailsTheBuild() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).map((k, v) -> KeyValue.pair(v, k)).to("out", Produced.as("sink"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .satisfies(
            e ->
                assertThat(((TopologyException) e).problems())
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p).startsWith("Sink 'sink' (topic out)")));
  }

  @Test
  void badArgumentsAreRejected() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.to((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("topic name must not be null");
    assertThatThrownBy(() -> stream.to("bad topic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad topic'");
    assertThatThrownBy(() -> stream.to("out", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("produced must not be null");
    assertThatThrownBy(() -> stream.to((TopicNameExtractor<String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("extractor must not be null");
    assertThatThrownBy(() -> stream.to((k, v, t) -> "x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("produced must not be null");
    assertThatThrownBy(() -> Produced.with(null, Serdes.String()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("keySerde must not be null");
    assertThatThrownBy(() -> Produced.streamPartitioner(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("partitioner must not be null");
    assertThatThrownBy(() -> Produced.as("bad name!")).isInstanceOf(IllegalArgumentException.class);
  }
}
