package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SourceTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String());
  }

  @Test
  void aStreamOfSeveralTopicsReadsThemAll() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of("a", "b"), STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("a", Serdes.String(), Serdes.String()).pipe("k", "from-a", 1L);
      driver.inputTopic("b", Serdes.String(), Serdes.String()).pipe("k", "from-b", 2L);
      driver.inputTopic("a", Serdes.String(), Serdes.String()).pipe(null, null, 3L);

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("k", "from-a"),
              KeyValue.pair("k", "from-b"),
              KeyValue.pair(null, null));
    }
  }

  @Test
  void aPatternSourceReadsEveryMatchingTopicAndOnlyThose() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Pattern.compile("events-.*"), STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("events-eu", Serdes.String(), Serdes.String()).pipe("k", "eu");
      driver.inputTopic("events-us", Serdes.String(), Serdes.String()).pipe("k", "us");

      assertThat(out(driver).readValuesToList()).containsExactly("eu", "us");
      assertThatThrownBy(() -> driver.inputTopic("orders", Serdes.String(), Serdes.String()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("topic 'orders' is not read by the topology")
          .hasMessageContaining("/events-.*/");
    }
  }

  @Test
  void aCustomTimestampExtractorSetsEventTimeAndSeesPartitionTime() {
    List<Long> partitionTimes = new ArrayList<>();
    TimestampExtractor fromValue =
        (ConsumerRecord<Object, Object> record, long partitionTime) -> {
          partitionTimes.add(partitionTime);
          return Long.parseLong((String) record.value());
        };
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS.withTimestampExtractor(fromValue)).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "500", 1L);
      in.pipe("k", "300", 2L);
      in.pipe("k", "700", 3L);

      assertThat(out(driver).readAll())
          .extracting(TestRecord::timestamp)
          .containsExactly(500L, 300L, 700L);
      assertThat(partitionTimes).containsExactly(-1L, 500L, 500L);
    }
  }

  @Test
  void theExtractorSeesDecodedKeyAndValue() {
    List<Object> seen = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            "in",
            Consumed.with(Serdes.Long(), Serdes.Integer())
                .withTimestampExtractor(
                    (record, partitionTime) -> {
                      seen.add(record.key());
                      seen.add(record.value());
                      return record.timestamp();
                    }))
        .to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.Long(), Serdes.Integer()).pipe(7L, 8, 9L);

      assertThat(seen).containsExactly(7L, 8);
    }
  }

  @Test
  void aFailingTimestampExtractorFailsNamingTheRecord() {
    TimestampExtractor broken = (record, partitionTime) -> Long.parseLong((String) record.value());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS.withTimestampExtractor(broken).withName("src")).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "1");

      assertThatThrownBy(() -> in.pipe("k", "not-a-number"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("source 'src'")
          .hasMessageContaining("in-0 offset 1")
          .hasCauseInstanceOf(NumberFormatException.class);
    }
  }

  @Test
  void aNegativeTimestampIsSkippedAndCountedWhileLaterRecordsFlow() {
    TimestampExtractor fromValue =
        (record, partitionTime) -> Long.parseLong((String) record.value());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS.withTimestampExtractor(fromValue)).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "10");
      in.pipe("b", "-1");
      in.pipe("c", "20");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", "10"), KeyValue.pair("c", "20"));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void aNegativeRecordTimestampIsSkippedByTheDefaultExtractor() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "x", -5L);
      in.pipe("b", "y", 5L);

      assertThat(out(driver).readValuesToList()).containsExactly("y");
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void anUndecodableRecordFailsByDefaultNamingTopicPartitionOffsetAndDeserializer() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Integer())).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, Integer> good =
          driver.inputTopic("numbers", Serdes.String(), Serdes.Integer());
      TestInputTopic<String, String> bad =
          driver.inputTopic("numbers", Serdes.String(), Serdes.String());
      good.pipe("k", 1);

      assertThatThrownBy(() -> bad.pipe("k", "abc"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("numbers-0 offset 1")
          .hasMessageContaining("the value")
          .hasMessageContaining(IntegerDeserializer.class.getName())
          .hasMessageContaining("deserialization.exception.handler=log-and-continue");
      assertThat(driver.skippedRecords()).isZero();
    }
  }

  @Test
  void anUndecodableKeyFailsNamingTheKey() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("numbers", Consumed.with(Serdes.Integer(), Serdes.String())).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> bad =
          driver.inputTopic("numbers", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> bad.pipe("abc", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("the key")
          .hasMessageContaining("numbers-0 offset 0");
    }
  }

  @Test
  void underLogAndContinueUndecodableRecordsAreSkippedAndCounted() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Integer())).to("out");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            builder.build(),
            Map.of(SluiceConfig.DESERIALIZATION_EXCEPTION_HANDLER, "log-and-continue"))) {
      TestInputTopic<String, Integer> good =
          driver.inputTopic("numbers", Serdes.String(), Serdes.Integer());
      TestInputTopic<String, String> bad =
          driver.inputTopic("numbers", Serdes.String(), Serdes.String());
      good.pipe("a", 1);
      bad.pipe("b", "abc");
      bad.pipe("c", "x");
      good.pipe("d", 4);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Integer()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1), KeyValue.pair("d", 4));
      assertThat(driver.skippedRecords()).isEqualTo(2);
    }
  }

  @Test
  void aCustomHandlerSeesTheRawRecordAndTheDeserializer() {
    List<String> seen = new ArrayList<>();
    DeserializationExceptionHandler handler =
        (record, deserializer, error) -> {
          seen.add(
              record.topic()
                  + "/"
                  + record.offset()
                  + "/"
                  + new String(record.value(), StandardCharsets.UTF_8)
                  + "/"
                  + deserializer);
          return DeserializationExceptionHandler.Response.CONTINUE;
        };
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Integer())).to("out");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            builder.build(), Map.of(SluiceConfig.DESERIALIZATION_EXCEPTION_HANDLER, handler))) {
      driver.inputTopic("numbers", Serdes.String(), Serdes.String()).pipe("k", "oops!");

      assertThat(seen).containsExactly("numbers/0/oops!/" + IntegerDeserializer.class.getName());
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void anUnknownHandlerSettingIsRejected() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    Topology topology = builder.build();

    assertThatThrownBy(
            () ->
                new TopologyTestDriver(
                        topology, Map.of(SluiceConfig.DESERIALIZATION_EXCEPTION_HANDLER, "ignore"))
                    .inputTopic("in", Serdes.String(), Serdes.String())
                    .pipe("k", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ignore'")
        .hasMessageContaining("log-and-continue");
  }

  @Test
  void namedSourcesKeepTheirNameAndMissingSerdesFailTheBuild() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS.withName("orders-source")).to("out");
    assertThat(builder.build().describe().text()).contains("orders-source");

    builder.stream("in2", Consumed.as("second"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("Source 'second' (topics [in2]) has no key serde")
        .hasMessageContaining("Consumed.with(keySerde, valueSerde)");
  }

  @Test
  void badArgumentsAreRejected() {
    StreamsBuilder builder = new StreamsBuilder();

    assertThatThrownBy(() -> builder.stream((String) null, STRINGS))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("topic name must not be null");
    assertThatThrownBy(() -> builder.stream("bad topic", STRINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad topic'");
    assertThatThrownBy(() -> builder.stream("in", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("consumed must not be null");
    assertThatThrownBy(() -> builder.stream(List.of(), STRINGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one topic");
    assertThatThrownBy(() -> builder.stream((Pattern) null, STRINGS))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pattern must not be null");
    assertThatThrownBy(() -> Consumed.with(Serdes.String(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("valueSerde must not be null");
    assertThatThrownBy(() -> STRINGS.withTimestampExtractor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timestampExtractor must not be null");
    assertThatThrownBy(() -> Consumed.as("bad name!")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTopicReadByTwoSourcesFailsTheBuild() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    builder.stream(List.of("in", "other"), STRINGS).to("out2");

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("topic 'in' is read by two sources");
  }
}
