package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.GlobalKTable;
import dev.sluice.streams.JoinWindows;
import dev.sluice.streams.Joined;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KTable;
import dev.sluice.streams.KeyValueMapper;
import dev.sluice.streams.Named;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.ops.JoinKind;

/**
 * The join verbs of {@link GraphStream}, kept apart so the stream handle stays small: each one
 * hands the stream to {@link Joins} (stream-table, stream-stream) or {@link GraphGlobalTable}
 * (stream-global-table), which validate the arguments and add the steps.
 *
 * @param <K> key type
 * @param <V> value type
 */
abstract sealed class StreamJoins<K, V> implements KStream<K, V> permits GraphStream {

  /** The stream itself, as the handle the join builders take. */
  private GraphStream<K, V> self() {
    return (GraphStream<K, V>) this;
  }

  @Override
  public <VT, VR> KStream<K, VR> join(
      KTable<K, VT> table,
      ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
      Joined<K, V, VT> joined) {
    return Joins.streamTable(self(), table, joiner, joined, JoinKind.INNER);
  }

  @Override
  public <VT, VR> KStream<K, VR> leftJoin(
      KTable<K, VT> table,
      ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
      Joined<K, V, VT> joined) {
    return Joins.streamTable(self(), table, joiner, joined, JoinKind.LEFT);
  }

  @Override
  public <VO, VR> KStream<K, VR> join(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined) {
    return Joins.streamStream(self(), other, joiner, windows, joined, JoinKind.INNER);
  }

  @Override
  public <VO, VR> KStream<K, VR> leftJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined) {
    return Joins.streamStream(self(), other, joiner, windows, joined, JoinKind.LEFT);
  }

  @Override
  public <VO, VR> KStream<K, VR> outerJoin(
      KStream<K, VO> other,
      ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
      JoinWindows windows,
      Joined<K, V, VO> joined) {
    return Joins.streamStream(self(), other, joiner, windows, joined, JoinKind.OUTER);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> join(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner) {
    return GraphGlobalTable.join(self(), table, keySelector, joiner, null, JoinKind.INNER);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> join(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner,
      Named named) {
    Checks.notNull(named, "named");
    return GraphGlobalTable.join(self(), table, keySelector, joiner, named, JoinKind.INNER);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> leftJoin(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner) {
    return GraphGlobalTable.join(self(), table, keySelector, joiner, null, JoinKind.LEFT);
  }

  @Override
  public <GK, GV, VR> KStream<K, VR> leftJoin(
      GlobalKTable<GK, GV> table,
      KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
      ValueJoiner<? super V, ? super GV, ? extends VR> joiner,
      Named named) {
    Checks.notNull(named, "named");
    return GraphGlobalTable.join(self(), table, keySelector, joiner, named, JoinKind.LEFT);
  }
}
