package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.Materialized;
import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.LateRecordsProcessor;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What time- and session-windowed aggregations share: the step name with the grace check, the
 * companion store of final emission, and the side output for late records (a {@code <step>.late}
 * step running {@link LateRecordsProcessor} and its sink {@code <step>.late.to-<topic>}, with the
 * grouped stream's serdes).
 */
final class WindowedSteps {

  private WindowedSteps() {}

  /**
   * Names a windowed aggregation step and checks its grace period.
   *
   * @param grouped the grouped stream
   * @param verb the DSL verb, e.g. {@code windowedBy.count}
   * @param grace the windows' grace period
   * @return the step name
   * @throws TopologyException if the grace is negative, naming the step
   */
  static String step(GraphGroupedStream<?, ?> grouped, String verb, Duration grace) {
    String step = grouped.graph().name(null, grouped.stepName(), verb);
    if (grace.isNegative()) {
      throw new TopologyException(
          List.of(
              String.format(
                  "step '%s': the grace period was %s; use a grace >= 0 (Duration.ZERO for none)",
                  step, grace)));
    }
    return step;
  }

  /**
   * Adds the companion store of final emission, {@code <store>-emitted} (see {@code
   * FinalEmission}): persistent and logged like the aggregation's store, never cached.
   *
   * @param graph the graph
   * @param storeName the aggregation's store
   * @param materialized the aggregation's store options
   * @param step the aggregation step
   * @return the companion store's name
   */
  static String addEmittedStore(
      GraphBuilder graph, String storeName, Materialized<?, ?> materialized, String step) {
    String markerStore = storeName + "-emitted";
    graph.addStore(
        new StoreSpec(
            markerStore,
            StoreSpec.Kind.KEY_VALUE,
            Serdes.String(),
            Serdes.Long(),
            materialized.persistent(),
            materialized.loggingEnabled(),
            false,
            null,
            step));
    return markerStore;
  }

  /**
   * The step late records go to.
   *
   * @param step the aggregation step
   * @param lateTopic the side topic, or null for none
   * @return {@code <step>.late}, or null without a side topic
   */
  static String lateStep(String step, String lateTopic) {
    return lateTopic == null ? null : step + ".late";
  }

  /**
   * Adds the side output for late records, if any, after the aggregation step was added.
   *
   * @param grouped the grouped stream
   * @param step the aggregation step
   * @param lateTopic the side topic, or null for none
   */
  static void addLateOutput(GraphGroupedStream<?, ?> grouped, String step, String lateTopic) {
    if (lateTopic == null) {
      return;
    }
    GraphBuilder graph = grouped.graph();
    String lateStep = lateStep(step, lateTopic);
    graph.add(
        new ProcessorNode(
            lateStep,
            List.of(step),
            "lateRecords",
            LateRecordsProcessor::new,
            grouped.keySerde(),
            grouped.valueSerde()));
    graph.add(
        new SinkNode(
            graph.name(null, lateStep, "to-" + lateTopic),
            List.of(lateStep),
            lateTopic,
            null,
            grouped.keySerde(),
            grouped.valueSerde(),
            null,
            Repartitioner.GROUPED));
  }
}
