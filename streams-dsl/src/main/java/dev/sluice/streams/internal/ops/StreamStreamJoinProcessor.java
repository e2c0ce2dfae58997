package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.WindowStore;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a stream-stream windowed join. Each record is appended to this side's window store
 * (the records of one key and timestamp as a list, so equal timestamps do not overwrite each other)
 * and joined with the other side's records of its key within the time difference; each result
 * carries the later of the two timestamps. A join is two of these, one per side, each writing its
 * own store and reading the other's, so a pair is emitted once: by whichever record arrives second.
 *
 * <p>Left and outer joins are eager: a record that finds no partner when it arrives is emitted at
 * once with null for the other side (as Kafka Streams did before 3.1); a partner that arrives later
 * emits the joined pair as well.
 *
 * <p>A record older than stream time minus the store retention is late (its partners may already be
 * gone): dropped and counted. Null keys and values are dropped and counted.
 *
 * @param <K> key type
 * @param <V> this side's value type
 * @param <O> result value type
 */
public final class StreamStreamJoinProcessor<K, V, O> implements Processor<K, V, K, O> {

  /**
   * What one side needs.
   *
   * @param step the step name, for messages
   * @param thisStore this side's window store
   * @param otherStore the other side's window store
   * @param thisIsLeft whether this is the left (calling) stream
   * @param kind inner, left or outer
   * @param joiner combines a left and a right value
   * @param beforeMs how far back the left side looks (from the left side's point of view)
   * @param afterMs how far ahead the left side looks
   * @param retentionMs how long the stores keep records
   */
  public record Side(
      String step,
      String thisStore,
      String otherStore,
      boolean thisIsLeft,
      JoinKind kind,
      ValueJoiner<?, ?, ?> joiner,
      long beforeMs,
      long afterMs,
      long retentionMs) {}

  private final Side side;
  private ProcessorContext<K, O> context;
  private StepContext stepContext;
  private WindowStore<K, List<Object>> mine;
  private WindowStore<K, List<Object>> theirs;

  private StreamStreamJoinProcessor(Side side) {
    this.side = side;
  }

  /**
   * A supplier of these processors.
   *
   * @param side the side's configuration
   * @param <K> key type
   * @param <V> this side's value type
   * @param <O> result value type
   * @return the supplier
   */
  public static <K, V, O> ProcessorSupplier<K, V, K, O> of(Side side) {
    return () -> new StreamStreamJoinProcessor<K, V, O>(side);
  }

  @Override
  public void init(ProcessorContext<K, O> context) {
    Checks.invariant(
        context instanceof StepContext, "step '%s' runs outside a task's context", side.step());
    this.context = context;
    this.stepContext = (StepContext) context;
    this.mine = context.getStateStore(side.thisStore());
    this.theirs = context.getStateStore(side.otherStore());
  }

  @Override
  public void process(Record<K, V> record) {
    if (record.key() == null || record.value() == null) {
      stepContext.recordDropped("null key or value: a stream-stream join skips it");
      return;
    }
    long timestamp = record.timestamp();
    long streamTime = context.currentStreamTimeMs();
    if (streamTime != Long.MIN_VALUE && timestamp < streamTime - side.retentionMs()) {
      stepContext.recordDropped(
          String.format(
              "late record at %d: the join keeps records for %d ms and stream time is %d",
              timestamp, side.retentionMs(), streamTime));
      return;
    }
    List<Object> same = mine.fetch(record.key(), timestamp);
    List<Object> appended = same == null ? new ArrayList<>() : new ArrayList<>(same);
    appended.add(record.value());
    mine.put(record.key(), appended, timestamp);
    // the other side's records in [t - before, t + after] from the left side's point of view
    long from = timestamp - (side.thisIsLeft() ? side.beforeMs() : side.afterMs());
    long to = timestamp + (side.thisIsLeft() ? side.afterMs() : side.beforeMs());
    boolean matched = false;
    try (KeyValueIterator<Long, List<Object>> partners =
        theirs.fetch(record.key(), Math.max(0, from), to)) {
      while (partners.hasNext()) {
        KeyValue<Long, List<Object>> partner = partners.next();
        for (Object other : partner.value()) {
          matched = true;
          emit(record, record.value(), other, Math.max(timestamp, partner.key()));
        }
      }
    }
    boolean keepsUnmatched =
        side.thisIsLeft() ? side.kind() != JoinKind.INNER : side.kind() == JoinKind.OUTER;
    if (!matched && keepsUnmatched) {
      emit(record, record.value(), null, timestamp);
    }
  }

  @SuppressWarnings("unchecked")
  private void emit(Record<K, V> record, Object value, Object other, long timestamp) {
    ValueJoiner<Object, Object, O> joiner = (ValueJoiner<Object, Object, O>) side.joiner();
    O result = side.thisIsLeft() ? joiner.apply(value, other) : joiner.apply(other, value);
    context.forward(record.withValue(result).withTimestamp(timestamp));
  }
}
