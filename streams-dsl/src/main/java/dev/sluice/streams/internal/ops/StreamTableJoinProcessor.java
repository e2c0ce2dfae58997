package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.KeyValueMapper;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * Joins each stream record with the row of its key in a table's store. Only stream records emit:
 * table updates just change what later stream records find. The step runs in the task that owns the
 * table's store (the compiler joins steps that share a store into one sub-topology), so the stream
 * and the table must be co-partitioned.
 *
 * <p>A record with a null key or a null value is dropped and counted: it can match no row, and a
 * joiner is never handed a null stream value.
 *
 * <p>The same step joins with a global table ({@link #global}): the row is looked up by the key a
 * selector computes from the record, in the instance's copy of the global store, so any task can
 * run it. A null record key is then allowed (the selector decides); a null selected key matches no
 * row: an inner join drops and counts the record, a left join emits it with a null row.
 *
 * @param <K> key type
 * @param <V> stream value type
 * @param <T> table value type
 * @param <O> result value type
 */
public final class StreamTableJoinProcessor<K, V, T, O> implements Processor<K, V, K, O> {
  private final String step;
  private final String storeName;
  private final JoinKind kind;
  private final KeyValueMapper<? super K, ? super V, ?> keySelector;
  private final ValueJoiner<? super V, ? super T, ? extends O> joiner;
  private ProcessorContext<K, O> context;
  private StepContext stepContext;
  private KeyValueStore<Object, T> store;

  private StreamTableJoinProcessor(
      String step,
      String storeName,
      JoinKind kind,
      KeyValueMapper<? super K, ? super V, ?> keySelector,
      ValueJoiner<? super V, ? super T, ? extends O> joiner) {
    this.step = step;
    this.storeName = storeName;
    this.kind = kind;
    this.keySelector = keySelector;
    this.joiner = joiner;
  }

  /**
   * A supplier of these processors.
   *
   * @param step the step name, for messages
   * @param storeName the table's store
   * @param kind inner or left
   * @param joiner combines the stream value and the row
   * @param <K> key type
   * @param <V> stream value type
   * @param <T> table value type
   * @param <O> result value type
   * @return the supplier
   */
  public static <K, V, T, O> ProcessorSupplier<K, V, K, O> of(
      String step,
      String storeName,
      JoinKind kind,
      ValueJoiner<? super V, ? super T, ? extends O> joiner) {
    return () -> new StreamTableJoinProcessor<K, V, T, O>(step, storeName, kind, null, joiner);
  }

  /**
   * A supplier of processors that join with a global table.
   *
   * @param step the step name, for messages
   * @param storeName the global table's store
   * @param kind inner or left
   * @param keySelector maps a stream record to the table key
   * @param joiner combines the stream value and the row
   * @param <K> key type
   * @param <V> stream value type
   * @param <T> table value type
   * @param <O> result value type
   * @return the supplier
   */
  public static <K, V, T, O> ProcessorSupplier<K, V, K, O> global(
      String step,
      String storeName,
      JoinKind kind,
      KeyValueMapper<? super K, ? super V, ?> keySelector,
      ValueJoiner<? super V, ? super T, ? extends O> joiner) {
    return () ->
        new StreamTableJoinProcessor<K, V, T, O>(step, storeName, kind, keySelector, joiner);
  }

  @Override
  public void init(ProcessorContext<K, O> context) {
    Checks.invariant(
        context instanceof StepContext, "step '%s' runs outside a task's context", step);
    this.context = context;
    this.stepContext = (StepContext) context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<K, V> record) {
    if (keySelector == null && record.key() == null) {
      stepContext.recordDropped("null key: a join looks rows up by key");
      return;
    }
    if (record.value() == null) {
      stepContext.recordDropped("null value: a stream-table join skips null stream values");
      return;
    }
    Object key =
        keySelector == null ? record.key() : keySelector.apply(record.key(), record.value());
    if (key == null && kind == JoinKind.INNER) {
      stepContext.recordDropped("the key selector returned null: an inner join needs a row");
      return;
    }
    T row = key == null ? null : store.get(key);
    if (kind.matches(record.value(), row)) {
      context.forward(record.<O>withValue(joiner.apply(record.value(), row)));
    }
  }
}
