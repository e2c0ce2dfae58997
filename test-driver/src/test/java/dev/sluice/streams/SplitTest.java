package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SplitTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static List<String> values(TopologyTestDriver driver, String topic) {
    return driver.outputTopic(topic, Serdes.String(), Serdes.String()).readValuesToList();
  }

  @Test
  void namedBranchesAndDefaultBranchRouteEachRecordOnce() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, String>> branches =
        builder.stream("in", STRINGS)
            .split()
            .branch((k, v) -> v.startsWith("a"), Branched.as("apples"))
            .branch((k, v) -> v.startsWith("b"), Branched.as("bananas"))
            .defaultBranch(Branched.as("rest"));
    branches.get("apples").to("a");
    branches.get("bananas").to("b");
    branches.get("rest").to("other");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      for (String v : List.of("a1", "b1", "c1", "a2", "d1", "b2")) {
        in.pipe("k", v);
      }

      assertThat(values(driver, "a")).containsExactly("a1", "a2");
      assertThat(values(driver, "b")).containsExactly("b1", "b2");
      assertThat(values(driver, "other")).containsExactly("c1", "d1");
    }
  }

  @Test
  void theFirstMatchingBranchWins() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, String>> branches =
        builder.stream("in", STRINGS)
            .split()
            .branch((k, v) -> v.length() > 1)
            .branch((k, v) -> v.startsWith("x"))
            .defaultBranch();
    branches.get("1").to("long");
    branches.get("2").to("x");
    branches.get("0").to("default");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "xx");
      in.pipe("k", "x");
      in.pipe("k", "y");

      assertThat(values(driver, "long")).containsExactly("xx");
      assertThat(values(driver, "x")).containsExactly("x");
      assertThat(values(driver, "default")).containsExactly("y");
    }
  }

  @Test
  void withoutADefaultBranchUnmatchedRecordsAreDropped() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, String>> branches =
        builder.stream("in", STRINGS)
            .split()
            .branch((k, v) -> v.equals("keep"), Branched.as("kept"))
            .noDefaultBranch();
    branches.get("kept").to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "drop");
      in.pipe("k", "keep");
      in.pipe("k", "drop");

      assertThat(values(driver, "out")).containsExactly("keep");
      assertThat(branches).containsOnlyKeys("kept");
    }
  }

  @Test
  void nullKeysAndValuesAreRoutedByThePredicates() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, String>> branches =
        builder.stream("in", STRINGS)
            .split()
            .branch((k, v) -> v == null, Branched.as("tombstones"))
            .branch((k, v) -> k == null, Branched.as("keyless"))
            .defaultBranch();
    branches.get("tombstones").to("t");
    branches.get("keyless").to("n");
    branches.get("0").to("d");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", null);
      in.pipe(null, "v");
      in.pipe(null, null);
      in.pipe("k", "v");

      assertThat(driver.outputTopic("t", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("k", null), KeyValue.pair(null, null));
      assertThat(driver.outputTopic("n", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair(null, "v"));
      assertThat(values(driver, "d")).containsExactly("v");
    }
  }

  @Test
  void returnedMapKeysArePositionsOrNamesWithTheSplitPrefix() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> stream = builder.stream("in", STRINGS);

    Map<String, KStream<String, String>> unnamed =
        stream.split().branch((k, v) -> true).branch((k, v) -> true).defaultBranch();
    Map<String, KStream<String, String>> named =
        stream
            .split(Named.as("route-"))
            .branch((k, v) -> true, Branched.as("first"))
            .branch((k, v) -> true)
            .defaultBranch(Branched.as("fallback"));

    assertThat(unnamed).containsOnlyKeys("1", "2", "0");
    assertThat(named).containsOnlyKeys("route-first", "route-2", "route-fallback");
  }

  @Test
  void branchedWithConsumerBuildsTheChainInPlaceAndIsLeftOutOfTheMap() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, String>> branches =
        builder.stream("in", STRINGS)
            .split(Named.as("s-"))
            .branch(
                (k, v) -> v.startsWith("a"),
                Branched.withConsumer(
                    b ->
                        b.mapValues(v -> v.toUpperCase())
                            .to("upper", Produced.with(Serdes.String(), Serdes.String()))))
            .branch(
                (k, v) -> v.startsWith("b"), Branched.withConsumer(b -> b.to("b-topic"), "bees"))
            .defaultBranch(Branched.withConsumer(b -> b.to("rest")));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "abc");
      in.pipe("k", "bcd");
      in.pipe("k", "cde");

      assertThat(branches).isEmpty();
      assertThat(values(driver, "upper")).containsExactly("ABC");
      assertThat(values(driver, "b-topic")).containsExactly("bcd");
      assertThat(values(driver, "rest")).containsExactly("cde");
    }
  }

  @Test
  void branchesKeepTheUpstreamSerdes() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<Long, Long>> branches =
        builder.stream("in", Consumed.with(Serdes.Long(), Serdes.Long()))
            .split()
            .branch((k, v) -> v % 2 == 0)
            .defaultBranch();
    branches.get("1").to("even");
    branches.get("0").to("odd");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<Long, Long> in = driver.inputTopic("in", Serdes.Long(), Serdes.Long());
      in.pipe(1L, 2L);
      in.pipe(2L, 3L);

      assertThat(driver.outputTopic("even", Serdes.Long(), Serdes.Long()).readKeyValue())
          .isEqualTo(KeyValue.pair(1L, 2L));
      assertThat(driver.outputTopic("odd", Serdes.Long(), Serdes.Long()).readKeyValue())
          .isEqualTo(KeyValue.pair(2L, 3L));
    }
  }

  @Test
  void anEndedSplitRejectsMoreBranches() {
    SplitStream<String, String> split = new StreamsBuilder().stream("in", STRINGS).split();
    split.branch((k, v) -> true).noDefaultBranch();

    assertThatThrownBy(() -> split.branch((k, v) -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already ended");
    assertThatThrownBy(split::defaultBranch)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already ended");
  }

  @Test
  void nullAndInvalidArgumentsAreRejected() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);
    SplitStream<String, String> split = stream.split();

    assertThatThrownBy(() -> stream.split(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> split.branch(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("predicate must not be null");
    assertThatThrownBy(() -> split.branch((k, v) -> true, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("branched must not be null");
    assertThatThrownBy(() -> split.defaultBranch(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("branched must not be null");
    assertThatThrownBy(() -> Branched.withConsumer(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("chain must not be null");
    assertThatThrownBy(() -> Branched.as("bad name!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad name!'");
  }
}
