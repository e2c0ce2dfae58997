package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.JoinWindows;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.CoPartitionGroup;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.Change;
import dev.sluice.streams.internal.ops.JoinKind;
import dev.sluice.streams.internal.ops.ListSerde;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.internal.ops.StreamStreamJoinProcessor;
import dev.sluice.streams.internal.ops.StreamTableJoinProcessor;
import dev.sluice.streams.internal.ops.TableJoinProcessor;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The DSL side of joins: validates the arguments and adds the steps. A join is a lookup into the
 * other side's key-value store, so every join input must have a store:
 *
 * <ul>
 *   <li>a table kept by a store step (a source, {@code toTable}, an aggregation) uses its store;
 *   <li>a table without one ({@code filter}, {@code mapValues}, a table-table join result) is
 *       materialized on first use by a step {@code <table step>.materialize} with the store {@code
 *       <table step>.materialize-store}, shared by every join that reads that table. Looking up
 *       through the parent's store instead would mean re-running the filter or mapper on each
 *       lookup and would not see rows the parent store lacks; a store is simpler and restorable.
 * </ul>
 *
 * <p>The joining step names the looked-up store, so the compiler puts it in the store's
 * sub-topology: the stream (or both tables) and the table read there must be co-partitioned. Each
 * join records its two inputs as a {@link CoPartitionGroup}; before processing starts the runtime
 * sizes internal repartition topics of a group to its largest partition count and refuses to start
 * when two of the user's topics in it differ, naming the join. A stream whose keys changed upstream
 * is first repartitioned, exactly like before a grouping (and sharing that topic when both follow
 * the same key change with the same serdes).
 *
 * <p>A stream-stream join keeps each side in a window store of its own ({@code <step>-this-store},
 * {@code <step>-other-store}); a left or outer join also buffers records without partner until
 * their window closes ({@code <step>-this-unmatched-store}, and for an outer join {@code
 * <step>-other-unmatched-store}). Both side steps use all of them, so they share a sub-topology.
 *
 * <p>Names derive from the left side's step and the verb ({@code <step>.join}, {@code
 * <step>.leftJoin.left}), never from a counter.
 */
final class Joins {

  private Joins() {}

  /**
   * Joins each record of a stream with the table's row for its key.
   *
   * @param stream the stream
   * @param other the table, from the same builder
   * @param joiner combines the stream value with the row (null for a missing row in a left join)
   * @param joined the step name and input serdes
   * @param kind inner or left
   * @param <K> key type
   * @param <V> stream value type
   * @param <T> table value type
   * @param <O> result value type
   * @return the joined stream
   */
  static <K, V, T, O> KStream<K, O> streamTable(
      GraphStream<K, V> stream,
      KTable<K, T> other,
      ValueJoiner<? super V, ? super T, ? extends O> joiner,
      Joined<K, V, T> joined,
      JoinKind kind) {
    Checks.notNull(joiner, "joiner");
    Checks.notNull(joined, "joined");
    GraphTable<K, T> table = sameBuilder(stream.graph(), other, kind);
    GraphBuilder graph = stream.graph();
    String name = graph.name(joined.name(), stream.nodeName(), kind.verb());
    // the stream's keys are the table's keys: the table's key serde is the last resort
    Serde<?> keySerde =
        joined.keySerde() != null
            ? joined.keySerde()
            : stream.keySerde() != null ? stream.keySerde() : table.keySerde();
    Serde<?> valueSerde = joined.valueSerde() != null ? joined.valueSerde() : stream.valueSerde();
    String input = stream.nodeName();
    if (stream.keyChanged()) {
      String base = joined.name() != null ? joined.name() : stream.nodeName();
      input =
          Repartitioner.repartition(stream, base, keySerde, valueSerde, Repartitioner.JOINED)
              .nodeName();
    }
    GraphTable<K, T> lookedUp = materialized(table, joined.otherValueSerde());
    String store = lookedUp.storeName();
    coPartitioned(graph, name, kind, input, lookedUp.nodeName());
    graph.add(
        new ProcessorNode(
            name,
            List.of(input),
            kind.verb(),
            StreamTableJoinProcessor.of(name, store, kind, joiner),
            keySerde,
            null,
            List.of(store)));
    return new GraphStream<>(graph, name, keySerde, null, false);
  }

  /**
   * Joins two tables into a table that changes whenever either side does.
   *
   * @param left this table
   * @param other the other table, from the same builder
   * @param joiner combines a left and a right value
   * @param named the step name, or null to derive it
   * @param kind inner, left or outer
   * @param <K> key type
   * @param <L> left value type
   * @param <R> right value type
   * @param <O> result value type
   * @return the joined table, without a store of its own
   */
  static <K, L, R, O> KTable<K, O> tableTable(
      GraphTable<K, L> left,
      KTable<K, R> other,
      ValueJoiner<? super L, ? super R, ? extends O> joiner,
      Named named,
      JoinKind kind) {
    Checks.notNull(joiner, "joiner");
    GraphTable<K, R> right = sameBuilder(left.graph(), other, kind);
    GraphBuilder graph = left.graph();
    String name = graph.name(named == null ? null : named.name(), left.nodeName(), kind.verb());
    GraphTable<K, L> leftTable = materialized(left, null);
    GraphTable<K, R> rightTable = materialized(right, null);
    coPartitioned(graph, name, kind, leftTable.nodeName(), rightTable.nodeName());
    String leftStep =
        side(graph, name, "left", leftTable, rightTable.storeName(), true, kind, joiner);
    String rightStep =
        side(graph, name, "right", rightTable, leftTable.storeName(), false, kind, joiner);
    merge(graph, name, List.of(leftStep, rightStep), kind, left.keySerde());
    return new GraphTable<>(graph, name, left.keySerde(), null);
  }

  /**
   * Joins two streams on the key, pairing records at most the windows' time difference apart.
   *
   * @param left this stream
   * @param other the other stream, from the same builder
   * @param joiner combines a left and a right value
   * @param windows the time difference and grace
   * @param joined the step name and input serdes
   * @param kind inner, left or outer
   * @param <K> key type
   * @param <L> left value type
   * @param <R> right value type
   * @param <O> result value type
   * @return the joined stream
   */
  static <K, L, R, O> KStream<K, O> streamStream(
      GraphStream<K, L> left,
      KStream<K, R> other,
      ValueJoiner<? super L, ? super R, ? extends O> joiner,
      JoinWindows windows,
      Joined<K, L, R> joined,
      JoinKind kind) {
    Checks.notNull(other, "other");
    Checks.notNull(joiner, "joiner");
    Checks.notNull(windows, "windows");
    Checks.notNull(joined, "joined");
    Checks.argument(
        other instanceof GraphStream<?, ?> g && g.graph() == left.graph(),
        "%s: the other stream must come from the same StreamsBuilder",
        kind.verb());
    GraphStream<K, R> right = (GraphStream<K, R>) other;
    GraphBuilder graph = left.graph();
    String name = graph.name(joined.name(), left.nodeName(), kind.verb());
    Serde<?> keySerde =
        joined.keySerde() != null
            ? joined.keySerde()
            : left.keySerde() != null ? left.keySerde() : right.keySerde();
    Serde<?> leftSerde = joined.valueSerde() != null ? joined.valueSerde() : left.valueSerde();
    Serde<?> rightSerde =
        joined.otherValueSerde() != null ? joined.otherValueSerde() : right.valueSerde();
    String leftInput =
        input(left, joined.name() == null ? null : name + "-left", keySerde, leftSerde);
    String rightInput =
        input(right, joined.name() == null ? null : name + "-right", keySerde, rightSerde);
    coPartitioned(graph, name, kind, leftInput, rightInput);
    long sizeMs = Math.max(1, windows.before().toMillis() + windows.after().toMillis());
    long retentionMs = sizeMs + windows.grace().toMillis();
    String leftStore =
        windowStore(graph, name + "-this-store", name, keySerde, leftSerde, sizeMs, retentionMs);
    String rightStore =
        windowStore(graph, name + "-other-store", name, keySerde, rightSerde, sizeMs, retentionMs);
    // left and outer joins buffer records without partner until their window closes
    String leftUnmatched =
        kind == JoinKind.INNER
            ? null
            : windowStore(
                graph,
                name + "-this-unmatched-store",
                name,
                keySerde,
                leftSerde,
                sizeMs,
                retentionMs);
    String rightUnmatched =
        kind != JoinKind.OUTER
            ? null
            : windowStore(
                graph,
                name + "-other-unmatched-store",
                name,
                keySerde,
                rightSerde,
                sizeMs,
                retentionMs);
    List<String> stores = new ArrayList<>(List.of(leftStore, rightStore));
    if (leftUnmatched != null) {
      stores.add(leftUnmatched);
    }
    if (rightUnmatched != null) {
      stores.add(rightUnmatched);
    }
    List<String> parents = new ArrayList<>();
    for (boolean isLeft : new boolean[] {true, false}) {
      String step = name + (isLeft ? ".this" : ".other");
      StreamStreamJoinProcessor.Side side =
          new StreamStreamJoinProcessor.Side(
              step,
              stores.get(isLeft ? 0 : 1),
              stores.get(isLeft ? 1 : 0),
              isLeft,
              kind,
              joiner,
              windows.before().toMillis(),
              windows.after().toMillis(),
              retentionMs,
              windows.grace().toMillis(),
              leftUnmatched,
              rightUnmatched);
      parents.add(streamSide(graph, side, isLeft ? leftInput : rightInput, stores, keySerde));
    }
    merge(graph, name, parents, kind, keySerde);
    return new GraphStream<>(graph, name, keySerde, null, false);
  }

  /** Records that the two steps a join reads must be co-partitioned, for the runtime to check. */
  private static void coPartitioned(
      GraphBuilder graph, String join, JoinKind kind, String left, String right) {
    graph.addCoPartitionGroup(new CoPartitionGroup(join, kind.verb(), List.of(left, right)));
  }

  /** The step a join side reads: the stream, or its repartition if its keys changed. */
  private static String input(
      GraphStream<?, ?> stream, String namedBase, Serde<?> keySerde, Serde<?> valueSerde) {
    if (!stream.keyChanged()) {
      return stream.nodeName();
    }
    String base = namedBase != null ? namedBase : stream.nodeName();
    return Repartitioner.repartition(stream, base, keySerde, valueSerde, Repartitioner.JOINED)
        .nodeName();
  }

  private static String windowStore(
      GraphBuilder graph,
      String store,
      String step,
      Serde<?> keySerde,
      Serde<?> valueSerde,
      long sizeMs,
      long retentionMs) {
    graph.addStore(
        new StoreSpec(
            store,
            StoreSpec.Kind.WINDOW,
            keySerde,
            new ListSerde<>(valueSerde),
            true,
            true,
            false,
            null,
            step,
            sizeMs,
            retentionMs));
    return store;
  }

  private static String streamSide(
      GraphBuilder graph,
      StreamStreamJoinProcessor.Side side,
      String input,
      List<String> stores,
      Serde<?> keySerde) {
    graph.add(
        new ProcessorNode(
            side.step(),
            List.of(input),
            side.kind().verb(),
            StreamStreamJoinProcessor.of(side),
            keySerde,
            null,
            stores));
    return side.step();
  }

  /** The step that emits what both sides of a join emit. */
  private static void merge(
      GraphBuilder graph, String name, List<String> sides, JoinKind kind, Serde<?> keySerde) {
    graph.add(
        new ProcessorNode(
            name,
            sides,
            kind.verb(),
            RecordFunctionProcessor.<Object, Object, Object, Object>of(r -> r),
            keySerde,
            null));
  }

  private static String side(
      GraphBuilder graph,
      String join,
      String side,
      GraphTable<?, ?> table,
      String otherStore,
      boolean isLeft,
      JoinKind kind,
      ValueJoiner<?, ?, ?> joiner) {
    String step = join + "." + side;
    graph.add(
        new ProcessorNode(
            step,
            List.of(table.nodeName()),
            kind.verb(),
            TableJoinProcessor.of(step, otherStore, isLeft, kind, joiner),
            table.keySerde(),
            null,
            List.of(otherStore)));
    return step;
  }

  @SuppressWarnings("unchecked")
  static <K, T> GraphTable<K, T> sameBuilder(
      GraphBuilder graph, KTable<K, T> other, JoinKind kind) {
    Checks.notNull(other, "other");
    Checks.argument(
        other instanceof GraphTable<?, ?> table && table.graph() == graph,
        "%s: the table must come from the same StreamsBuilder",
        kind.verb());
    return (GraphTable<K, T>) other;
  }

  /**
   * The table itself if it has a store, else its materialization (added once per table).
   *
   * @param table the table
   * @param valueSerde the value serde to store with if the table knows none, or null
   */
  static <K, T> GraphTable<K, T> materialized(GraphTable<K, T> table, Serde<?> valueSerde) {
    if (table.storeName() != null) {
      return table;
    }
    GraphBuilder graph = table.graph();
    return graph.shared(
        "materialize:" + table.nodeName(),
        () ->
            TableSteps.<K, Change<T>, T>materialize(
                new TableSteps.Spec(
                    graph,
                    table.nodeName(),
                    graph.name(null, table.nodeName(), "materialize"),
                    "materialize",
                    Materialized.defaults(),
                    table.keySerde(),
                    table.valueSerde() != null ? table.valueSerde() : valueSerde,
                    null),
                (key, change, current) -> change.newValue(),
                false));
  }
}
