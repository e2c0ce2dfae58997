package dev.sluice.streams.internal.ops;

import dev.sluice.state.Windowed;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * The one processor behind every time-windowed aggregation (count, reduce, aggregate; tumbling or
 * hopping; eager or final emission): each is this processor with a different {@link
 * StoreUpdateProcessor.Update} applied per window.
 *
 * <p>For each record: a null key or value is dropped and counted. The close time is {@code
 * streamTime - grace} (in final mode with the stream time persisted by {@link WindowEmission}); a
 * window is closed when {@code end <= closeTime} or when it was already emitted. Every open window
 * of the record is updated in the window store ({@link WindowEmission} writes and emits it); for
 * every closed one the record is late, as in Kafka Streams, which drops and counts it per expired
 * window: counted as dropped once per closed window and, when a side output is configured,
 * forwarded once per closed window as a {@link Late} value to that one child. So a hopping record
 * late for some of its windows but not all updates the open ones and is counted (and side-output)
 * for the others, and the side output always holds exactly one record per drop counted.
 *
 * @param <K> key type
 * @param <V> input value type
 * @param <A> aggregate type
 */
public final class TimeWindowAggregateProcessor<K, V, A>
    implements Processor<K, V, Object, Object> {

  /**
   * A late record on its way to the side output, once per closed window it missed.
   *
   * @param value the record's value
   * @param windowStart the start of the closed window (of the session, for session windows)
   */
  public record Late(Object value, long windowStart) {}

  private final WindowAggregation<K, V, A> aggregation;
  private final TimeWindows windows;
  private final long sizeMs;
  private final long advanceMs;
  private final long graceMs;
  private WindowEmission<K, A> emission;

  private TimeWindowAggregateProcessor(
      WindowAggregation<K, V, A> aggregation, TimeWindows windows) {
    this.aggregation = aggregation;
    this.windows = windows;
    this.sizeMs = windows.size().toMillis();
    this.advanceMs = windows.advance().toMillis();
    this.graceMs = windows.grace().toMillis();
  }

  /**
   * A supplier of these processors.
   *
   * @param aggregation what the step does
   * @param windows the windows; the grace is {@code >= 0}
   * @param <K> key type
   * @param <V> input value type
   * @param <A> aggregate type
   * @return the supplier
   */
  public static <K, V, A> ProcessorSupplier<K, V, Object, Object> of(
      WindowAggregation<K, V, A> aggregation, TimeWindows windows) {
    return () -> new TimeWindowAggregateProcessor<>(aggregation, windows);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    emission =
        WindowEmission.open(
            context, aggregation, sizeMs, (key, start) -> Windowed.of(key, start, start + sizeMs));
  }

  @Override
  public void process(Record<K, V> record) {
    if (emission.droppedNull(record)) {
      return;
    }
    long closeTime = emission.advance(graceMs);
    long timestamp = record.timestamp();
    long newestStart = timestamp - timestamp % advanceMs;
    for (long start = windows.firstWindowStart(timestamp);
        start <= newestStart;
        start += advanceMs) {
      if (start + sizeMs > closeTime && !emission.emitted(start)) {
        update(record, start);
      } else {
        emission.dropLate(
            record,
            start,
            String.format(
                "late record at %d: window [%d, %d) closed at stream time %d with grace %d ms",
                timestamp, start, start + sizeMs, closeTime + graceMs, graceMs));
      }
    }
  }

  private void update(Record<K, V> record, long start) {
    A current = emission.store().fetch(record.key(), start);
    A next = aggregation.update().apply(record.key(), record.value(), current);
    if (next == null && current == null) {
      return;
    }
    emission.put(record.key(), start, next, current, record.timestamp());
  }
}
