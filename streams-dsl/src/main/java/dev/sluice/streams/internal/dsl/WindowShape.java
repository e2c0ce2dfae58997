package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.SlidingWindows;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.SlidingWindowAggregateProcessor;
import dev.sluice.streams.internal.ops.TimeWindowAggregateProcessor;
import dev.sluice.streams.internal.ops.WindowAggregation;
import dev.sluice.streams.processor.ProcessorSupplier;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What differs between the fixed-size window kinds behind a {@link
 * dev.sluice.streams.TimeWindowedKStream} ({@link TimeWindows}, {@link SlidingWindows}); {@link
 * GraphTimeWindowedStream} builds everything else (steps, window store, emit-final marker, side
 * output) the same way for both.
 */
sealed interface WindowShape {

  /**
   * The grace period, checked by the step.
   *
   * @return the grace
   */
  Duration grace();

  /**
   * The window size in the windowed keys of the result, for {@code WindowedSerdes.timeWindowed}.
   *
   * @return the size
   */
  Duration keySize();

  /**
   * The length of a window in the window store (exclusive end minus start).
   *
   * @return the length in milliseconds
   */
  long storeLengthMs();

  /**
   * How long the window store keeps windows.
   *
   * @return the retention in milliseconds
   */
  long retentionMs();

  /**
   * Stores the processor needs besides the window store and the marker.
   *
   * @param windowStore the window store's spec
   * @return the other stores
   */
  List<StoreSpec> companionStores(StoreSpec windowStore);

  /**
   * The processor of the step.
   *
   * @param aggregation what the step does
   * @param <K> key type
   * @param <V> value type
   * @param <A> aggregate type
   * @return the processor supplier
   */
  <K, V, A> ProcessorSupplier<K, V, Object, Object> processor(
      WindowAggregation<K, V, A> aggregation);

  /**
   * Tumbling or hopping windows: the store length is the size, kept size + grace.
   *
   * @param windows the windows
   */
  record Time(TimeWindows windows) implements WindowShape {
    /** Checks the windows. */
    public Time {
      Checks.notNull(windows, "windows");
    }

    @Override
    public Duration grace() {
      return windows.grace();
    }

    @Override
    public Duration keySize() {
      return windows.size();
    }

    @Override
    public long storeLengthMs() {
      return windows.size().toMillis();
    }

    @Override
    public long retentionMs() {
      return windows.size().plus(windows.grace()).toMillis();
    }

    @Override
    public List<StoreSpec> companionStores(StoreSpec windowStore) {
      return List.of();
    }

    @Override
    public <K, V, A> ProcessorSupplier<K, V, Object, Object> processor(
        WindowAggregation<K, V, A> aggregation) {
      return TimeWindowAggregateProcessor.of(aggregation, windows);
    }
  }

  /**
   * Sliding windows: a window {@code [s, s + d]} is the store window {@code [s, s + d + 1)}, and a
   * companion store keeps the record times (see {@link SlidingWindowAggregateProcessor}).
   *
   * @param windows the windows
   */
  record Sliding(SlidingWindows windows) implements WindowShape {
    /** Checks the windows. */
    public Sliding {
      Checks.notNull(windows, "windows");
    }

    @Override
    public Duration grace() {
      return windows.grace();
    }

    @Override
    public Duration keySize() {
      return windows.timeDifference();
    }

    @Override
    public long storeLengthMs() {
      return windows.timeDifference().toMillis() + 1;
    }

    @Override
    public long retentionMs() {
      return SlidingWindowAggregateProcessor.retentionMs(windows);
    }

    @Override
    public List<StoreSpec> companionStores(StoreSpec windowStore) {
      return List.of(
          new StoreSpec(
              SlidingWindowAggregateProcessor.recordTimesStore(windowStore.name()),
              StoreSpec.Kind.WINDOW,
              windowStore.keySerde(),
              Serdes.Long(),
              windowStore.persistent(),
              windowStore.logged(),
              false,
              null,
              windowStore.definedBy(),
              1,
              windowStore.retentionMs()));
    }

    @Override
    public <K, V, A> ProcessorSupplier<K, V, Object, Object> processor(
        WindowAggregation<K, V, A> aggregation) {
      return SlidingWindowAggregateProcessor.of(aggregation, windows);
    }
  }
}
