package dev.sluice.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.JoinWindows;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Produced;
import dev.sluice.streams.Repartitioned;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.compile.CoPartitionedTopics;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Partition counts decided before the start: a join's internal repartition topics are sized to the
 * larger side, and a join of two user topics with different counts is refused naming the step, both
 * topics, both counts and the fix.
 */
class CoPartitioningTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  /** clicks joined with the users table, after {@code beforeJoin} on the clicks. */
  private static CompiledTopology clicksJoinUsers(
      UnaryOperator<KStream<String, String>> beforeJoin) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users = builder.table("users", STRINGS);
    beforeJoin
        .apply(builder.stream("clicks", STRINGS))
        .join(users, (click, user) -> click + user, Joined.as("by-user"))
        .to("out", OUT);
    return ((CompiledTopology) builder.build()).forApplication("app");
  }

  private static int partitions(CompiledTopology topology, Map<String, Integer> counts, String t) {
    Map<Integer, Integer> perSub = CoPartitioning.partitionsPerSubTopology(topology, counts);
    InternalTopic topic =
        topology.internalTopics().stream()
            .filter(i -> i.name().equals(t))
            .findFirst()
            .orElseThrow();
    return CoPartitioning.partitionsFor(topic, perSub);
  }

  @Test
  void theTopologyRecordsWhichTopicsEachJoinNeedsCoPartitioned() {
    CompiledTopology topology = clicksJoinUsers(clicks -> clicks.selectKey((k, v) -> v));

    assertThat(topology.coPartitionGroups())
        .containsExactly(
            new CoPartitionedTopics(
                "by-user", "join", List.of("app-by-user-repartition", "users")));
  }

  @Test
  void aReKeyedStreamsRepartitionTopicTakesTheLargerCountOfTheTableItJoins() {
    CompiledTopology topology = clicksJoinUsers(clicks -> clicks.selectKey((k, v) -> v));

    assertThat(partitions(topology, Map.of("clicks", 3, "users", 6), "app-by-user-repartition"))
        .isEqualTo(6);
  }

  @Test
  void aJoinOfTwoUserTopicsWithDifferentCountsIsRefusedNamingBothAndTheFix() {
    CompiledTopology topology = clicksJoinUsers(clicks -> clicks);

    assertThatThrownBy(
            () ->
                CoPartitioning.partitionsPerSubTopology(topology, Map.of("clicks", 3, "users", 6)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "join step 'by-user' needs its inputs co-partitioned, but topic 'clicks' has 3"
                + " partitions and topic 'users' has 6: send the 'clicks' side through a topic"
                + " with 6 partitions before the join"
                + " (KStream.repartition(Repartitioned.numberOfPartitions(6)))");
  }

  @Test
  void repartitioningTheSmallerSideToTheLargerCountIsTheFix() {
    CompiledTopology topology =
        clicksJoinUsers(
            clicks ->
                clicks.repartition(
                    Repartitioned.<String, String>as("clicks-6").withNumberOfPartitions(6)));
    Map<String, Integer> counts = Map.of("clicks", 3, "users", 6);

    assertThat(CoPartitioning.partitionsPerSubTopology(topology, counts))
        .containsEntry(topology.subTopologyReading("users").id(), 6)
        .containsEntry(topology.subTopologyReading("clicks").id(), 3);
    assertThat(partitions(topology, counts, "app-clicks-6-repartition")).isEqualTo(6);
  }

  @Test
  void aRepartitionCountThatStillDiffersFromTheTableIsRefusedNamingTheRepartitionTopic() {
    CompiledTopology topology =
        clicksJoinUsers(clicks -> clicks.repartition(Repartitioned.numberOfPartitions(4)));

    assertThatThrownBy(
            () ->
                CoPartitioning.partitionsPerSubTopology(topology, Map.of("clicks", 3, "users", 6)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "topic 'app-from-clicks.repartition-repartition' has 4 partitions and topic 'users'"
                + " has 6");
  }

  @Test
  void twoReKeyedStreamsAreBothRepartitionedToTheLargerSide() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> small = builder.stream("small", STRINGS).selectKey((k, v) -> v);
    KStream<String, String> large = builder.stream("large", STRINGS).selectKey((k, v) -> v);
    small
        .join(
            large,
            (a, b) -> a + b,
            JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(1)),
            Joined.with(Serdes.String(), Serdes.String(), Serdes.String()).withName("pairs"))
        .to("out", OUT);
    CompiledTopology topology = ((CompiledTopology) builder.build()).forApplication("app");
    Map<String, Integer> counts = Map.of("small", 3, "large", 6);

    assertThat(partitions(topology, counts, "app-pairs-left-repartition")).isEqualTo(6);
    assertThat(partitions(topology, counts, "app-pairs-right-repartition")).isEqualTo(6);
    assertThat(partitions(topology, counts, "app-pairs-this-store-changelog")).isEqualTo(6);
  }

  @Test
  void aMergeOfTopicsWithDifferentCountsIntoOneAggregationIsRefusedNamingTheSubTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", STRINGS).merge(builder.stream("b", STRINGS)).groupByKey().count();
    CompiledTopology topology = ((CompiledTopology) builder.build()).forApplication("app");

    assertThatThrownBy(
            () -> CoPartitioning.partitionsPerSubTopology(topology, Map.of("a", 2, "b", 4)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "sub-topology 0 reads topics with different partition counts {a=2," + " b=4}");
  }
}
