package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream-stream windowed joins (inner, left, outer) through the test driver. */
class StreamStreamJoinTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());
  private static final ValueJoiner<String, String, String> JOINER = (l, r) -> l + "+" + r;
  private static final JoinWindows ONE_SECOND =
      JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1));

  private static Topology join(JoinKindUnderTest kind) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> left = builder.stream("left", STRINGS);
    KStream<String, String> right = builder.stream("right", STRINGS);
    (switch (kind) {
          case INNER -> left.join(right, JOINER, ONE_SECOND);
          case LEFT -> left.leftJoin(right, JOINER, ONE_SECOND);
          case OUTER -> left.outerJoin(right, JOINER, ONE_SECOND);
        })
        .to("out", OUT);
    return builder.build();
  }

  private enum JoinKindUnderTest {
    INNER,
    LEFT,
    OUTER
  }

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  /** Pipes one sequence to both sides and returns (value, timestamp) of each output record. */
  private static List<String> run(Topology topology) {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<String, String> left = topic(driver, "left");
      TestInputTopic<String, String> right = topic(driver, "right");
      left.pipe("k", "a", 1_000); // left first
      right.pipe("k", "x", 1_500); // within 1 s of a: a+x at 1500
      right.pipe("k", "y", 5_000); // right first, nothing within 1 s yet
      left.pipe("k", "b", 4_500); // within 1 s of y: b+y at 5000
      left.pipe("j", "c", 5_000); // another key: no partner
      right.pipe("t", "tick", 6_001); // stream time 6001: c's window [4000, 6000] has closed
      return driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll().stream()
          .map(r -> r.key() + ":" + r.value() + "@" + r.timestamp())
          .toList();
    }
  }

  @Test
  void anInnerJoinPairsRecordsWithinTheTimeDifferenceInEitherArrivalOrder() {
    assertThat(run(join(JoinKindUnderTest.INNER))).containsExactly("k:a+x@1500", "k:b+y@5000");
  }

  @Test
  void aLeftJoinEmitsALeftRecordWithoutPartnerOnlyOnceItsWindowHasClosed() {
    // a found its partner x later within the window: no spurious a+null first
    assertThat(run(join(JoinKindUnderTest.LEFT)))
        .containsExactly("k:a+x@1500", "k:b+y@5000", "j:c+null@5000");
  }

  @Test
  void anOuterJoinEmitsARecordOfEitherSideWithoutPartnerOnlyOnceItsWindowHasClosed() {
    // y waited for b (right first), a for x (left first); the tick's own window is still open
    assertThat(run(join(JoinKindUnderTest.OUTER)))
        .containsExactly("k:a+x@1500", "k:b+y@5000", "j:c+null@5000");
  }

  @Test
  void unmatchedRecordsOfBothSidesAreEmittedInTimeOrderWhenTheirWindowsClose() {
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.OUTER))) {
      topic(driver, "right").pipe("r", "r1", 1_000);
      topic(driver, "left").pipe("l", "l1", 500);
      topic(driver, "left").pipe("l", "l2", 500);
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());

      assertThat(out.readValuesToList()).isEmpty();

      topic(driver, "left").pipe("z", "z", 2_001); // closes l1, l2 (at 1500) and r1 (at 2000)

      assertThat(out.readAll())
          .extracting(r -> r.key() + ":" + r.value() + "@" + r.timestamp())
          .containsExactly("l:l1+null@500", "l:l2+null@500", "r:null+r1@1000");
    }
  }

  @Test
  void withGraceAPartnerArrivingOutOfOrderStillMatchesAndNoNullResultIsEmitted() {
    JoinWindows withGrace =
        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(1), Duration.ofMillis(500));
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("left", STRINGS)
        .leftJoin(builder.stream("right", STRINGS), JOINER, withGrace)
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      topic(driver, "left").pipe("k", "a", 1_000);
      topic(driver, "right").pipe("k", "far", 2_400); // outside a's window; stream time 2400
      topic(driver, "right").pipe("k", "x", 1_900); // out of order, within grace: a+x
      topic(driver, "right").pipe("t", "tick", 2_501); // a's window + grace closed: nothing left
      topic(driver, "left").pipe("j", "c", 2_600);
      topic(driver, "right").pipe("t", "tick", 4_101); // c's window + grace closed

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a+x", "c+null");
    }
  }

  @Test
  void recordsWaitingForTheirWindowToCloseSurviveARestart(@TempDir Path dir) {
    Map<String, Object> config = Map.of(SluiceConfig.STATE_DIR, dir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.LEFT), config)) {
      topic(driver, "left").pipe("k", "a", 1_000);
      topic(driver, "left").pipe("j", "b", 1_200);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .isEmpty();
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.LEFT), config)) {
      topic(driver, "right").pipe("k", "x", 1_500); // still finds a: a+x, a leaves the buffer
      topic(driver, "right").pipe("t", "tick", 5_000); // b's window has closed

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a+x", "b+null");
    }
  }

  @Test
  void aRecordWhoseWindowClosedBeforeItArrivedIsEmittedWithNullAtOnce() {
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.LEFT))) {
      topic(driver, "right").pipe("t", "tick", 5_000);
      // retention is 2 s (1 s each way, no grace): 3500 is kept, but its window ended at 4500
      topic(driver, "left").pipe("k", "a", 3_500);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a+null");
    }
  }

  @Test
  void recordsWithTheSameKeyAndTimestampAreAllKept() {
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.INNER))) {
      topic(driver, "left").pipe("k", "a1", 1_000);
      topic(driver, "left").pipe("k", "a2", 1_000);
      topic(driver, "right").pipe("k", "x", 1_000);
      topic(driver, "right").pipe("k", "z", 2_001); // 1001 ms after: outside the window

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a1+x", "a2+x");
    }
  }

  @Test
  void aRecordOlderThanTheStoresRetentionIsDroppedAndCounted() {
    try (TopologyTestDriver driver = new TopologyTestDriver(join(JoinKindUnderTest.LEFT))) {
      topic(driver, "right").pipe("k", "x", 10_000);
      // retention = 1 s before + 1 s after + no grace: stream time 10000 keeps records from 8000
      topic(driver, "left").pipe("k", "late", 7_999);
      topic(driver, "left").pipe("k", "kept", 8_000); // its window closed at 9000: null at once

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("kept+null");
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void aReKeyedSideIsRepartitionedAndBothStoresHaveStableNames() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> clicks = builder.stream("clicks", STRINGS);
    KStream<String, String> views =
        builder.stream("views", STRINGS).selectKey((key, value) -> value);
    clicks.join(views, JOINER, ONE_SECOND, Joined.as("clicks-views")).to("out", OUT);
    Topology topology = builder.build();

    assertThat(topology.describe().text())
        .contains(
            "Sink: clicks-views-right-repartition-sink (topic: clicks-views-right-repartition)")
        .contains(
            "Processor: clicks-views.this (operation: join, stores: [clicks-views-this-store,"
                + " clicks-views-other-store])")
        .contains(
            "Processor: clicks-views.other (operation: join, stores: [clicks-views-this-store,"
                + " clicks-views-other-store])")
        .contains("clicks-views-this-store-changelog")
        .contains("clicks-views-other-store-changelog");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "views").pipe("v1", "u1", 1_000);
      driver
          .inputTopic("clicks", Serdes.String(), Serdes.String())
          .pipe(new TestRecord<>("u1", "c1", 1_200));

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "c1+u1"));
    }
  }

  /** A join of a re-keyed left side with the right side, named, with a step or not before it. */
  private static CompiledTopology namedJoin(JoinKindUnderTest kind, boolean extraStep) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> clicks = builder.stream("left", STRINGS);
    KStream<String, String> byUser =
        (extraStep ? clicks.filter((key, value) -> value != null) : clicks)
            .selectKey((key, value) -> value);
    KStream<String, String> views = builder.stream("right", STRINGS);
    Named named = Named.as("pairs");
    (switch (kind) {
          case INNER -> byUser.join(views, JOINER, ONE_SECOND, named);
          case LEFT -> byUser.leftJoin(views, JOINER, ONE_SECOND, named);
          case OUTER -> byUser.outerJoin(views, JOINER, ONE_SECOND, named);
        })
        .to("out", OUT);
    return (CompiledTopology) builder.build();
  }

  @Test
  void aNamedWindowedJoinNamesItsStepsStoresAndTopicsWhateverComesBeforeIt() {
    for (JoinKindUnderTest kind : JoinKindUnderTest.values()) {
      String verb =
          switch (kind) {
            case INNER -> "join";
            case LEFT -> "leftJoin";
            case OUTER -> "outerJoin";
          };
      CompiledTopology topology = namedJoin(kind, false);

      assertThat(topology.describe().text())
          .contains(
              "Processor: pairs.this (operation: "
                  + verb
                  + ", stores: [pairs-this-store, pairs-other-store",
              "Processor: pairs.other (operation: " + verb,
              "Processor: pairs (operation: " + verb + ")",
              "Sink: pairs-left-repartition-sink (topic: pairs-left-repartition)",
              "[pairs-left-repartition, right] (" + verb + " step pairs)");
      assertThat(topology.internalTopics())
          .extracting(InternalTopic::name)
          .startsWith(
              "pairs-left-repartition", "pairs-this-store-changelog", "pairs-other-store-changelog")
          .isEqualTo(
              namedJoin(kind, true).internalTopics().stream().map(InternalTopic::name).toList());
      // left and outer joins keep records without partner in logged buffers until their window
      // closes
      List<String> buffers =
          switch (kind) {
            case INNER -> List.of();
            case LEFT -> List.of("pairs-this-unmatched-store-changelog");
            case OUTER ->
                List.of(
                    "pairs-this-unmatched-store-changelog",
                    "pairs-other-unmatched-store-changelog");
          };
      assertThat(topology.internalTopics())
          .extracting(InternalTopic::name)
          .filteredOn(name -> name.contains("unmatched"))
          .isEqualTo(buffers);
      try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
        topic(driver, "left").pipe("c1", "u1", 1_000);
        topic(driver, "right").pipe("u1", "v1", 1_200);

        assertThat(
                driver.outputTopic("out", Serdes.String(), Serdes.String()).readKeyValuesToList())
            .as(verb)
            .endsWith(KeyValue.pair("u1", "u1+v1"));
      }
    }
  }

  @Test
  void aStreamJoinInputWithoutSerdesFailsTheBuildNamingTheStoreAndTheFix() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, Integer> lengths = builder.stream("left", STRINGS).mapValues(String::length);
    lengths.join(builder.stream("right", STRINGS), (l, r) -> r + l, ONE_SECOND).to("out", OUT);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            TopologyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "step 'from-left.mapValues.join' has no value serde for its store"
                            + " 'from-left.mapValues.join-this-store': it is kept for a join: pass"
                            + " Joined.with(keySerde, valueSerde, otherValueSerde) to the join"
                            + " (Materialized.with(keySerde, valueSerde) for the result of a"
                            + " foreign-key join), give its input a serde upstream, or create the builder with"
                            + " StreamsBuilder.withDefaultSerdes"));
  }
}
