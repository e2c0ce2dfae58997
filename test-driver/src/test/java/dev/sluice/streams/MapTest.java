package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class MapTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void mapReplacesKeyAndValueInInputOrder() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .map((k, v) -> KeyValue.pair(v, k.length()))
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, Integer> out =
          driver.outputTopic("out", Serdes.String(), Serdes.Integer());
      in.pipe("a", "x");
      in.pipe("bbb", "y");
      in.pipe("cc", "z");

      assertThat(out.readKeyValuesToList())
          .containsExactly(KeyValue.pair("x", 1), KeyValue.pair("y", 3), KeyValue.pair("z", 2));
    }
  }

  @Test
  void mapMayProduceNullKeysAndValues() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .map((k, v) -> KeyValue.<String, String>pair(v, k))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe(null, "v");
      in.pipe("k", null);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("v", null), KeyValue.pair(null, "k"));
    }
  }

  @Test
  void mapReturningNullFailsWithTheStepName() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .map((k, v) -> (KeyValue<String, String>) null, Named.as("broken-map"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("map step 'broken-map' returned null");
    }
  }

  @Test
  void mapKeepsTimestampAndHeaders() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .map((k, v) -> KeyValue.pair(k + "!", v + "!"))
        .mapValues(v -> v + "?")
        .selectKey((k, v) -> k + "?")
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("h", new byte[] {1, 2});
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v", 99L, headers);

      TestRecord<String, String> record =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readRecord();

      assertThat(record.key()).isEqualTo("k!?");
      assertThat(record.value()).isEqualTo("v!?");
      assertThat(record.timestamp()).isEqualTo(99L);
      assertThat(record.headers().lastHeader("h").value()).containsExactly(1, 2);
    }
  }

  @Test
  void mapValuesReplacesTheValueAndKeepsKeyAndKeySerde() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .mapValues(v -> v == null ? -1 : v.length())
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, Integer> out =
          driver.outputTopic("out", Serdes.String(), Serdes.Integer());
      in.pipe("a", "four");
      in.pipe(null, "xy");
      in.pipe("c", null);

      assertThat(out.readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 4), KeyValue.pair(null, 2), KeyValue.pair("c", -1));
    }
  }

  @Test
  void mapValuesWithKeySeesTheKey() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .mapValues((k, v) -> k + "=" + v)
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe(null, "2");
      in.pipe("c", null);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "a=1"),
              KeyValue.pair(null, "null=2"),
              KeyValue.pair("c", "c=null"));
    }
  }

  @Test
  void mapValuesMayReturnNull() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .mapValues(v -> (String) null)
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValue())
          .isEqualTo(KeyValue.pair("k", null));
    }
  }

  @Test
  void selectKeyReplacesTheKeyAndKeepsValueSerde() {
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
        .selectKey((k, v) -> v == null ? null : "n" + v)
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, Long> in = driver.inputTopic("in", Serdes.String(), Serdes.Long());
      in.pipe("a", 1L);
      in.pipe("b", null);
      in.pipe(null, 3L);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Long()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("n1", 1L), KeyValue.pair(null, null), KeyValue.pair("n3", 3L));
    }
  }

  @Test
  void selectKeyKeepsTheUpstreamValueSerdeForTo() {
    // The default value serde is String: if selectKey lost the Long serde, the sink would fail.
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
        .selectKey((k, v) -> k + "!")
        .to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.Long()).pipe("a", 5L);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Long()).readKeyValue())
          .isEqualTo(KeyValue.pair("a!", 5L));
    }
  }

  @Test
  void aValueChangingStepThenToWithoutSerdesFailsTheBuildWithTheFix() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).mapValues(String::length).to("out");

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("has no value serde")
        .hasMessageContaining("Produced.with(keySerde, valueSerde)")
        .hasMessageContaining("StreamsBuilder.withDefaultSerdes");
  }

  @Test
  void withDefaultSerdesAValueChangingStepCanWriteWithoutProduced() {
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
    builder.<String, String>stream("in").mapValues(v -> v.toUpperCase()).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "abc");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValue())
          .isEqualTo("ABC");
    }
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.map(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.mapValues((ValueMapper<String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.mapValues((ValueMapperWithKey<String, String, String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.selectKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.map((k, v) -> KeyValue.pair(k, v), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.mapValues(v -> v, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.mapValues((k, v) -> v, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.selectKey((k, v) -> k, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
  }
}
