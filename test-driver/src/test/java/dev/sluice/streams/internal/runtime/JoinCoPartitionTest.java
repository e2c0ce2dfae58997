package dev.sluice.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.engine.TaskId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * A join's inputs land in one sub-topology, so the task assignor's partition-count check is the
 * join's co-partitioning check: matching counts give tasks that each read the same partition of
 * both topics; different counts fail the assignment naming the topics.
 */
class JoinCoPartitionTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static CompiledTopology clicksJoinUsers(boolean rekey) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users = builder.table("users", STRINGS);
    var clicks = builder.stream("clicks", STRINGS);
    (rekey ? clicks.selectKey((key, value) -> value) : clicks)
        .join(users, (click, user) -> click + user, Joined.as("by-user"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return ((CompiledTopology) builder.build()).forApplication("app");
  }

  @Test
  void coPartitionedJoinInputsGiveOneTaskPerPartitionReadingBoth() {
    Map<TaskId, List<TopicPartition>> tasks =
        TaskAssignor.tasks(clicksJoinUsers(false), Set.of(), topic -> 2);

    assertThat(tasks)
        .containsExactly(
            Map.entry(
                new TaskId(0, 0),
                List.of(new TopicPartition("clicks", 0), new TopicPartition("users", 0))),
            Map.entry(
                new TaskId(0, 1),
                List.of(new TopicPartition("clicks", 1), new TopicPartition("users", 1))));
  }

  @Test
  void joinInputsWithDifferentPartitionCountsFailTheAssignmentNamingThem() {
    assertThatThrownBy(
            () ->
                TaskAssignor.tasks(
                    clicksJoinUsers(false), Set.of(), topic -> topic.equals("users") ? 2 : 4))
        .isInstanceOf(StreamsException.class)
        .hasMessageStartingWith(
            "sub-topology 0 reads topics with different partition counts {clicks=4, users=2}");
  }

  @Test
  void aRepartitionedJoinInputIsCheckedAgainstTheTableToo() {
    // the join (with the table source defined first) is sub-topology 0; the runtime creates its
    // repartition topic with the table's count (CoPartitioning), so this mismatch only arises when
    // the topics change after the start, and the assignor still refuses it
    assertThatThrownBy(
            () ->
                TaskAssignor.tasks(
                    clicksJoinUsers(true), Set.of(), topic -> topic.equals("users") ? 2 : 4))
        .isInstanceOf(StreamsException.class)
        .hasMessageStartingWith(
            "sub-topology 0 reads topics with different partition counts"
                + " {app-by-user-repartition=4, users=2}");
  }
}
