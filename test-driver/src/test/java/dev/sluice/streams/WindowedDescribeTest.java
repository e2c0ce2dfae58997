package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.internal.compile.CompiledTopology;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** describe() of a windowed topology: steps, window and marker stores, side output, changelogs. */
class WindowedDescribeTest {

  @Test
  void describeOfAWindowedAggregationWithEmitFinalAndSideOutput() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((user, page) -> page)
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
        .emitFinal()
        .lateRecordsTo("late-clicks")
        .count(Materialized.as("clicks-per-page"))
        .toStream()
        .to("page-counts");
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.describe().text())
        .isEqualTo(
            """
            Topologies:
              Sub-topology: 0
                Source: from-clicks (topics: [clicks])
                  --> from-clicks.selectKey
                Processor: from-clicks.selectKey (operation: selectKey)
                  --> from-clicks.selectKey-repartition-sink
                  <-- from-clicks
                Sink: from-clicks.selectKey-repartition-sink (topic: from-clicks.selectKey-repartition)
                  <-- from-clicks.selectKey
              Sub-topology: 1
                Source: from-clicks.selectKey-repartition-source (topics: [from-clicks.selectKey-repartition])
                  --> from-clicks.selectKey.windowedBy.count
                Processor: from-clicks.selectKey.windowedBy.count (operation: windowedBy.count, stores: [clicks-per-page, clicks-per-page-emitted])
                  --> from-clicks.selectKey.windowedBy.count.late, from-clicks.selectKey.windowedBy.count.toStream
                  <-- from-clicks.selectKey-repartition-source
                Processor: from-clicks.selectKey.windowedBy.count.late (operation: lateRecords)
                  --> from-clicks.selectKey.windowedBy.count.late.to-late-clicks
                  <-- from-clicks.selectKey.windowedBy.count
                Sink: from-clicks.selectKey.windowedBy.count.late.to-late-clicks (topic: late-clicks)
                  <-- from-clicks.selectKey.windowedBy.count.late
                Processor: from-clicks.selectKey.windowedBy.count.toStream (operation: toStream)
                  --> from-clicks.selectKey.windowedBy.count.toStream.to-page-counts
                  <-- from-clicks.selectKey.windowedBy.count
                Sink: from-clicks.selectKey.windowedBy.count.toStream.to-page-counts (topic: page-counts)
                  <-- from-clicks.selectKey.windowedBy.count.toStream
              Internal topics:
                from-clicks.selectKey-repartition (repartition, written by sub-topology 0, read by sub-topology 1)
                clicks-per-page-changelog (changelog of store clicks-per-page, sub-topology 1)
                clicks-per-page-emitted-changelog (changelog of store clicks-per-page-emitted, sub-topology 1)
            """);
  }

  @Test
  void describeOfASlidingWindowAggregationListsItsRecordTimesStoreAndChangelogs() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(
            SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
        .emitFinal()
        .count(Materialized.as("clicks-per-user"))
        .toStream()
        .to("user-counts");
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.describe().text())
        .isEqualTo(
            """
            Topologies:
              Sub-topology: 0
                Source: from-clicks (topics: [clicks])
                  --> from-clicks.windowedBy.count
                Processor: from-clicks.windowedBy.count (operation: windowedBy.count, stores: [clicks-per-user, clicks-per-user-record-times, clicks-per-user-emitted])
                  --> from-clicks.windowedBy.count.toStream
                  <-- from-clicks
                Processor: from-clicks.windowedBy.count.toStream (operation: toStream)
                  --> from-clicks.windowedBy.count.toStream.to-user-counts
                  <-- from-clicks.windowedBy.count
                Sink: from-clicks.windowedBy.count.toStream.to-user-counts (topic: user-counts)
                  <-- from-clicks.windowedBy.count.toStream
              Internal topics:
                clicks-per-user-changelog (changelog of store clicks-per-user, sub-topology 0)
                clicks-per-user-record-times-changelog (changelog of store clicks-per-user-record-times, sub-topology 0)
                clicks-per-user-emitted-changelog (changelog of store clicks-per-user-emitted, sub-topology 0)
            """);
  }
}
