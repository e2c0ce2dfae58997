package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.WindowStore;
import dev.sluice.state.Windowed;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One side of a stream-stream windowed join. Each record is appended to this side's window store
 * (the records of one key and timestamp as a list, so equal timestamps do not overwrite each other)
 * and joined with the other side's records of its key within the time difference; each result
 * carries the later of the two timestamps. A join is two of these, one per side, each writing its
 * own store and reading the other's, so a pair is emitted once: by whichever record arrives second.
 *
 * <p>Left and outer joins emit a record without partner only once its join window has closed (as
 * Kafka Streams does since 3.1), so a partner arriving later within the window yields just the
 * joined pair, never a spurious null result first. A record that finds no partner on arrival waits
 * in its side's unmatched buffer, a logged window store shared by both side steps; a partner
 * arriving later takes it out. Whenever stream time advances, each side step emits (with null for
 * the other side, at the record's own timestamp) and deletes every buffered record whose window has
 * closed: a left record at t once stream time passes {@code t + after + grace}, a right record once
 * it passes {@code t + before + grace}. A record whose window is already closed on arrival is
 * emitted at once. The buffers are written and read only in the task's thread, and their changelogs
 * commit with the join stores, so after a restart pending records are neither lost nor emitted
 * twice.
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
   * @param graceMs how long after its window a record may still find a partner
   * @param leftUnmatchedStore the buffer of left records without partner (left and outer joins),
   *     else null
   * @param rightUnmatchedStore the buffer of right records without partner (outer joins), else null
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
      long retentionMs,
      long graceMs,
      String leftUnmatchedStore,
      String rightUnmatchedStore) {}

  private final Side side;
  private ProcessorContext<K, O> context;
  private StepContext stepContext;
  private WindowStore<K, List<Object>> mine;
  private WindowStore<K, List<Object>> theirs;
  private WindowStore<K, List<Object>> leftUnmatched;
  private WindowStore<K, List<Object>> rightUnmatched;

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
    if (side.leftUnmatchedStore() != null) {
      this.leftUnmatched = context.getStateStore(side.leftUnmatchedStore());
    }
    if (side.rightUnmatchedStore() != null) {
      this.rightUnmatched = context.getStateStore(side.rightUnmatchedStore());
    }
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
    emitClosed(streamTime);
    List<Object> same = mine.fetch(record.key(), timestamp);
    mine.put(record.key(), appended(same, record.value()), timestamp);
    // the other side's records in [t - before, t + after] from the left side's point of view
    long from = timestamp - (side.thisIsLeft() ? side.beforeMs() : side.afterMs());
    long to = timestamp + (side.thisIsLeft() ? side.afterMs() : side.beforeMs());
    WindowStore<K, List<Object>> theirUnmatched =
        side.thisIsLeft() ? rightUnmatched : leftUnmatched;
    boolean matched = false;
    try (KeyValueIterator<Long, List<Object>> partners =
        theirs.fetch(record.key(), Math.max(0, from), to)) {
      while (partners.hasNext()) {
        KeyValue<Long, List<Object>> partner = partners.next();
        for (Object other : partner.value()) {
          matched = true;
          emit(record, record.value(), other, Math.max(timestamp, partner.key()));
        }
        if (theirUnmatched != null && theirUnmatched.fetch(record.key(), partner.key()) != null) {
          // every record at that time has a partner now: none of them ends with a null result
          theirUnmatched.put(record.key(), null, partner.key());
        }
      }
    }
    WindowStore<K, List<Object>> myUnmatched = side.thisIsLeft() ? leftUnmatched : rightUnmatched;
    if (!matched && myUnmatched != null) {
      if (closed(timestamp, side.thisIsLeft(), streamTime)) {
        emit(record, record.value(), null, timestamp);
      } else {
        myUnmatched.put(
            record.key(),
            appended(myUnmatched.fetch(record.key(), timestamp), record.value()),
            timestamp);
      }
    }
  }

  private static List<Object> appended(List<Object> values, Object value) {
    List<Object> appended = values == null ? new ArrayList<>() : new ArrayList<>(values);
    appended.add(value);
    return appended;
  }

  /** Whether the window of a record at this time, of this side, has closed. */
  private boolean closed(long timestamp, boolean left, long streamTime) {
    long horizon = left ? side.afterMs() : side.beforeMs();
    return timestamp + horizon + side.graceMs() < streamTime;
  }

  /**
   * Emits, in time order, and forgets every buffered record without partner whose window closed.
   */
  private void emitClosed(long streamTime) {
    if (streamTime == Long.MIN_VALUE) {
      return;
    }
    List<Unmatched<K>> closed = new ArrayList<>();
    collectClosed(leftUnmatched, true, streamTime, closed);
    collectClosed(rightUnmatched, false, streamTime, closed);
    closed.sort(Comparator.comparingLong(Unmatched::timestamp));
    for (Unmatched<K> unmatched : closed) {
      (unmatched.left() ? leftUnmatched : rightUnmatched)
          .put(unmatched.key(), null, unmatched.timestamp());
      for (Object value : unmatched.values()) {
        emitUnmatched(unmatched.key(), value, unmatched.left(), unmatched.timestamp());
      }
    }
  }

  private void collectClosed(
      WindowStore<K, List<Object>> buffer,
      boolean left,
      long streamTime,
      List<Unmatched<K>> closed) {
    if (buffer == null) {
      return;
    }
    long horizon = left ? side.afterMs() : side.beforeMs();
    long upTo = streamTime - horizon - side.graceMs() - 1;
    if (upTo < 0) {
      return;
    }
    try (KeyValueIterator<Windowed<K>, List<Object>> records = buffer.fetchAll(0, upTo)) {
      while (records.hasNext()) {
        KeyValue<Windowed<K>, List<Object>> entry = records.next();
        closed.add(new Unmatched<>(entry.key().key(), entry.key().start(), left, entry.value()));
      }
    }
  }

  /** Buffered records of one key and time on one side. */
  private record Unmatched<K>(K key, long timestamp, boolean left, List<Object> values) {}

  @SuppressWarnings("unchecked")
  private void emitUnmatched(K key, Object value, boolean left, long timestamp) {
    ValueJoiner<Object, Object, O> joiner = (ValueJoiner<Object, Object, O>) side.joiner();
    O result = left ? joiner.apply(value, null) : joiner.apply(null, value);
    context.forward(new Record<>(key, result, timestamp));
  }

  @SuppressWarnings("unchecked")
  private void emit(Record<K, V> record, Object value, Object other, long timestamp) {
    ValueJoiner<Object, Object, O> joiner = (ValueJoiner<Object, Object, O>) side.joiner();
    O result = side.thisIsLeft() ? joiner.apply(value, other) : joiner.apply(other, value);
    context.forward(record.withValue(result).withTimestamp(timestamp));
  }
}
