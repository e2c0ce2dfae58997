package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * The one processor behind every step that keeps a table in a key-value store: stream count, reduce
 * and aggregate, {@code toTable}, table sources and grouped-table aggregations. Each is this
 * processor with a different {@link Update}.
 *
 * <p>For each record: a null key (or a null input, where {@code dropNullInput}) is dropped and
 * counted; otherwise the update computes the key's new value from the input and the stored value,
 * and the store is written (null deletes). The table update {@code Change(new, old)} is emitted at
 * once without a cache, or from the cache's flush listener with one, so that updates to one key
 * between two commits are emitted once.
 *
 * @param <K> key type
 * @param <I> input value type
 * @param <A> stored value type
 */
public final class StoreUpdateProcessor<K, I, A> implements Processor<K, I, K, Change<A>> {

  /**
   * Computes a key's new stored value.
   *
   * @param <K> key type
   * @param <I> input value type
   * @param <A> stored value type
   */
  @FunctionalInterface
  public interface Update<K, I, A> {
    /**
     * The new value.
     *
     * @param key the key, not null
     * @param input the input value
     * @param current the stored value, or null if absent
     * @return the new value, or null to delete the key
     */
    A apply(K key, I input, A current);
  }

  private final String step;
  private final String storeName;
  private final Update<K, I, A> update;
  private final boolean dropNullInput;
  private ProcessorContext<K, Change<A>> context;
  private StepContext stepContext;
  private KeyValueStore<K, A> store;
  private boolean cached;

  private StoreUpdateProcessor(
      String step, String storeName, Update<K, I, A> update, boolean dropNullInput) {
    this.step = step;
    this.storeName = storeName;
    this.update = update;
    this.dropNullInput = dropNullInput;
  }

  /**
   * A supplier of these processors.
   *
   * @param step the step name, for messages
   * @param storeName the store the table lives in
   * @param update computes the new stored value
   * @param dropNullInput whether a null input value is dropped (aggregations) rather than passed to
   *     the update (table sources, where it is a tombstone)
   * @param <K> key type
   * @param <I> input value type
   * @param <A> stored value type
   * @return the supplier
   */
  public static <K, I, A> ProcessorSupplier<K, I, K, Change<A>> of(
      String step, String storeName, Update<K, I, A> update, boolean dropNullInput) {
    return () -> new StoreUpdateProcessor<>(step, storeName, update, dropNullInput);
  }

  @Override
  public void init(ProcessorContext<K, Change<A>> context) {
    Checks.invariant(
        context instanceof StepContext, "step '%s' runs outside a task's context", step);
    this.context = context;
    this.stepContext = (StepContext) context;
    this.store = context.getStateStore(storeName);
    this.cached = stepContext.cached(storeName);
    if (cached) {
      stepContext.<K, A>onCacheFlush(
          storeName,
          (key, newValue, oldValue, timestamp) ->
              context.forward(new Record<>(key, new Change<>(newValue, oldValue), timestamp)));
    }
  }

  @Override
  public void process(Record<K, I> record) {
    if (record.key() == null) {
      stepContext.recordDropped("null key: it belongs to no group or row");
      return;
    }
    if (record.value() == null && dropNullInput) {
      stepContext.recordDropped("null value: aggregations skip null values");
      return;
    }
    A current = store.get(record.key());
    A next = update.apply(record.key(), record.value(), current);
    if (next == null && current == null) {
      return;
    }
    store.put(record.key(), next);
    if (!cached) {
      context.forward(record.withValue(new Change<>(next, current)));
    }
  }
}
