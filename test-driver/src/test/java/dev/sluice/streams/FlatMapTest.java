package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class FlatMapTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  @Test
  void flatMapEmitsEveryResultOfEachRecordBeforeTheNextRecord() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .flatMap(
            (k, v) -> {
              List<KeyValue<String, String>> out = new ArrayList<>();
              for (String part : v.split(",")) {
                out.add(KeyValue.pair(k + "-" + part, part));
              }
              return out;
            })
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1,2,3");
      in.pipe("b", "4");
      in.pipe("c", "5,6");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a-1", "1"),
              KeyValue.pair("a-2", "2"),
              KeyValue.pair("a-3", "3"),
              KeyValue.pair("b-4", "4"),
              KeyValue.pair("c-5", "5"),
              KeyValue.pair("c-6", "6"));
    }
  }

  @Test
  void flatMapReturningNullOrEmptyEmitsNothing() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .flatMap(
            (k, v) ->
                v == null
                    ? null
                    : v.isEmpty()
                        ? List.<KeyValue<String, String>>of()
                        : List.of(KeyValue.pair(k, v)))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", null);
      in.pipe("b", "");
      in.pipe("c", "kept");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("c", "kept"));
    }
  }

  @Test
  void flatMapPassesNullKeysAndValuesInItsResults() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .flatMap((k, v) -> Arrays.asList(KeyValue.pair(null, v), KeyValue.pair(k, null)))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair(null, "v"), KeyValue.pair("k", null));
    }
  }

  @Test
  void everyResultKeepsTheInputTimestampAndHeaders() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> stream = builder.stream("in", STRINGS);
    stream.flatMap((k, v) -> List.of(KeyValue.pair(k, v), KeyValue.pair(k, v))).to("out", OUT);
    stream.flatMapValues(v -> List.of(v, v)).to("out2", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("h", new byte[] {9});
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v", 1234L, headers);

      for (String topic : List.of("out", "out2")) {
        List<TestRecord<String, String>> records =
            driver.outputTopic(topic, Serdes.String(), Serdes.String()).readAll();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(1234L));
        assertThat(records)
            .allSatisfy(r -> assertThat(r.headers().lastHeader("h").value()).containsExactly(9));
      }
    }
  }

  @Test
  void flatMapValuesKeepsTheKeyForEveryValueInOrder() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .flatMapValues(v -> v == null ? null : Arrays.asList(v.split(",")))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "x,y");
      in.pipe("b", null);
      in.pipe(null, "z");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "x"), KeyValue.pair("a", "y"), KeyValue.pair(null, "z"));
    }
  }

  @Test
  void flatMapValuesWithKeySeesTheKeyAndKeepsTheKeySerde() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.Long(), Serdes.String()))
        .flatMapValues((k, v) -> Arrays.asList(k + ":" + v, null))
        .to("out", Produced.with(Serdes.Long(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<Long, String> in = driver.inputTopic("in", Serdes.Long(), Serdes.String());
      in.pipe(7L, "v");
      in.pipe(null, "w");

      TestOutputTopic<Long, String> out = driver.outputTopic("out", Serdes.Long(), Serdes.String());
      assertThat(out.readKeyValuesToList())
          .containsExactly(
              KeyValue.pair(7L, "7:v"),
              KeyValue.pair(7L, null),
              KeyValue.pair(null, "null:w"),
              KeyValue.pair(null, null));
    }
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.flatMap(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.flatMapValues((ValueMapper<String, List<String>>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(
            () -> stream.flatMapValues((ValueMapperWithKey<String, String, List<String>>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mapper must not be null");
    assertThatThrownBy(() -> stream.flatMap((k, v) -> List.of(KeyValue.pair(k, v)), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.flatMapValues(v -> List.of(v), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.flatMapValues((k, v) -> List.of(v), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
  }
}
