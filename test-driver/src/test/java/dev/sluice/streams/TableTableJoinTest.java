package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Table-table joins (inner, left, outer) through the test driver. */
class TableTableJoinTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());
  private static final ValueJoiner<String, String, String> JOINER = (l, r) -> l + "+" + r;

  private static Topology join(
      BiFunction<KTable<String, String>, KTable<String, String>, KTable<String, String>> join) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> left = builder.table("left", STRINGS, Materialized.as("left"));
    KTable<String, String> right = builder.table("right", STRINGS, Materialized.as("right"));
    join.apply(left, right).toStream().to("out", OUT);
    return builder.build();
  }

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  /** Pipes the same sequence of updates to both sides and returns the output values. */
  private static List<String> run(Topology topology) {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<String, String> left = topic(driver, "left");
      TestInputTopic<String, String> right = topic(driver, "right");
      left.pipe("k", "a"); // left first
      right.pipe("k", "x");
      right.pipe("k", "y"); // an update on either side looks up the other
      left.pipe("k", "b");
      right.pipe("k", null); // right deleted
      left.pipe("k", null); // left deleted
      right.pipe("j", "z"); // right first, on another key
      left.pipe("j", "c");
      return driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList();
    }
  }

  @Test
  void anInnerJoinHasARowWhileBothSidesDoAndDeletesItWhenOneSideIsDeleted() {
    assertThat(run(join((l, r) -> l.join(r, JOINER))))
        .containsExactly(
            "a+x", // right arrived
            "a+y",
            "b+y",
            null, // right deleted: the result row is deleted
            // left deleted: no result before or after, nothing emitted
            "c+z");
  }

  @Test
  void aLeftJoinKeepsEveryLeftRowWithNullForAMissingRight() {
    assertThat(run(join((l, r) -> l.leftJoin(r, JOINER))))
        .containsExactly("a+null", "a+x", "a+y", "b+y", "b+null", null, "c+z");
  }

  @Test
  void anOuterJoinKeepsARowWhileEitherSideHasOne() {
    assertThat(run(join((l, r) -> l.outerJoin(r, JOINER))))
        .containsExactly("a+null", "a+x", "a+y", "b+y", "b+null", null, "null+z", "c+z");
  }

  @Test
  void tablesWithoutStoresAreMaterializedAndTheResultCanBeJoinedAgain() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users =
        builder.table("users", STRINGS).filter((id, name) -> !name.isEmpty());
    KTable<String, String> statuses = builder.table("statuses", STRINGS);
    KTable<String, String> profiles = users.join(statuses, (name, status) -> name + ":" + status);
    builder.stream("clicks", STRINGS)
        .join(
            profiles,
            (click, profile) -> click + "@" + profile,
            Joined.with(Serdes.String(), Serdes.String(), Serdes.String()))
        .to("out", OUT);
    Topology topology = builder.build();

    assertThat(topology.describe().text())
        .contains("stores: [from-users.table.filter.materialize-store]")
        .contains("Processor: from-users.table.filter.join.materialize (operation: materialize");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "users").pipe("u1", "ann");
      topic(driver, "statuses").pipe("u1", "Gold");
      topic(driver, "clicks").pipe("u1", "c1");
      topic(driver, "statuses").pipe("u1", "Platinum");
      topic(driver, "clicks").pipe("u1", "c2");
      topic(driver, "users").pipe("u1", ""); // filtered out: the profile is deleted
      topic(driver, "clicks").pipe("u1", "c3");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("c1@ann:Gold", "c2@ann:Platinum");
    }
  }

  @Test
  void aNamedTableTableJoinNamesItsStepsAndBehavesLikeTheUnnamedOne() {
    Named both = Named.as("both");
    assertThat(run(join((l, r) -> l.join(r, JOINER, both))))
        .isEqualTo(run(join((l, r) -> l.join(r, JOINER))));
    assertThat(run(join((l, r) -> l.leftJoin(r, JOINER, both))))
        .isEqualTo(run(join((l, r) -> l.leftJoin(r, JOINER))));
    assertThat(run(join((l, r) -> l.outerJoin(r, JOINER, both))))
        .isEqualTo(run(join((l, r) -> l.outerJoin(r, JOINER))));

    assertThat(join((l, r) -> l.outerJoin(r, JOINER, both)).describe().text())
        .contains(
            "Processor: both.left (operation: outerJoin, stores: [right])",
            "Processor: both.right (operation: outerJoin, stores: [left])",
            "Processor: both (operation: outerJoin)",
            "Sink: both.toStream.to-out (topic: out)",
            "[left, right] (outerJoin step both)");
  }

  @Test
  void aNamedTableTableJoinKeepsTheNameOfTheStoreItMaterializesForAFilteredSide() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> left = builder.table("left", STRINGS);
    KTable<String, String> right = builder.table("right", STRINGS).filter((k, v) -> true);
    left.join(right, JOINER, Named.as("both"));
    left.leftJoin(right, JOINER, Named.as("again"));

    // the filtered side is materialized once, named after the filter, and shared by both joins
    assertThat(builder.build().describe().text())
        .contains(
            "Processor: both.left (operation: join, stores: [from-right.table.filter.materialize-store])",
            "Processor: again.left (operation: leftJoin, stores: [from-right.table.filter.materialize-store])");
  }

  @Test
  void aTableTableJoinsStepAndStoreNamesAreStableInDescribe() {
    // each side's step reads the other side's store; both tables stay in one sub-topology
    assertThat(join((l, r) -> l.leftJoin(r, JOINER)).describe().text())
        .isEqualTo(
            """
            Topologies:
              Sub-topology: 0
                Source: from-left (topics: [left])
                  --> from-left.table
                Processor: from-left.table (operation: table, stores: [left])
                  --> from-left.table.leftJoin.left
                  <-- from-left
                Source: from-right (topics: [right])
                  --> from-right.table
                Processor: from-right.table (operation: table, stores: [right])
                  --> from-left.table.leftJoin.right
                  <-- from-right
                Processor: from-left.table.leftJoin.left (operation: leftJoin, stores: [right])
                  --> from-left.table.leftJoin
                  <-- from-left.table
                Processor: from-left.table.leftJoin.right (operation: leftJoin, stores: [left])
                  --> from-left.table.leftJoin
                  <-- from-right.table
                Processor: from-left.table.leftJoin (operation: leftJoin)
                  --> from-left.table.leftJoin.toStream
                  <-- from-left.table.leftJoin.left, from-left.table.leftJoin.right
                Processor: from-left.table.leftJoin.toStream (operation: toStream)
                  --> from-left.table.leftJoin.toStream.to-out
                  <-- from-left.table.leftJoin
                Sink: from-left.table.leftJoin.toStream.to-out (topic: out)
                  <-- from-left.table.leftJoin.toStream
              Co-partitioned topics:
                [left, right] (leftJoin step from-left.table.leftJoin)
            """);
  }
}
