package dev.sluice.streams.internal.ops;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * One side of a table-table join: for each update {@code Change(new, old)} of this side's table, it
 * looks up the other table's row for the key and emits the join result's update {@code
 * Change(join(new, row), join(old, row))}. A table-table join is two of these (one per side, each
 * reading the other side's store) merged into one table.
 *
 * <p>Because the old result is recomputed from the old value, a deletion on either side retracts
 * the result (an inner join emits {@code Change(null, previous)}, a tombstone downstream); an
 * update whose old and new results are both absent emits nothing.
 *
 * @param <K> key type
 * @param <L> left value type
 * @param <R> right value type
 * @param <O> result value type
 */
public final class TableJoinProcessor<K, L, R, O>
    implements Processor<K, Change<Object>, K, Change<O>> {
  private final String step;
  private final String otherStore;
  private final boolean thisIsLeft;
  private final JoinKind kind;
  private final ValueJoiner<? super L, ? super R, ? extends O> joiner;
  private ProcessorContext<K, Change<O>> context;
  private KeyValueStore<K, Object> store;

  private TableJoinProcessor(
      String step,
      String otherStore,
      boolean thisIsLeft,
      JoinKind kind,
      ValueJoiner<? super L, ? super R, ? extends O> joiner) {
    this.step = step;
    this.otherStore = otherStore;
    this.thisIsLeft = thisIsLeft;
    this.kind = kind;
    this.joiner = joiner;
  }

  /**
   * A supplier of these processors.
   *
   * @param step the step name, for messages
   * @param otherStore the store of the other side's table
   * @param thisIsLeft whether the updates this step receives are the left side's
   * @param kind inner, left or outer
   * @param joiner combines a left and a right value
   * @param <K> key type
   * @param <L> left value type
   * @param <R> right value type
   * @param <O> result value type
   * @return the supplier
   */
  public static <K, L, R, O> ProcessorSupplier<K, Change<Object>, K, Change<O>> of(
      String step,
      String otherStore,
      boolean thisIsLeft,
      JoinKind kind,
      ValueJoiner<? super L, ? super R, ? extends O> joiner) {
    return () -> new TableJoinProcessor<K, L, R, O>(step, otherStore, thisIsLeft, kind, joiner);
  }

  @Override
  public void init(ProcessorContext<K, Change<O>> context) {
    this.context = context;
    this.store = context.getStateStore(otherStore);
  }

  @Override
  public void process(Record<K, Change<Object>> record) {
    Checks.invariant(record.key() != null, "step '%s' got a table update without key", step);
    Object row = store.get(record.key());
    O newResult = join(record.value().newValue(), row);
    O oldResult = join(record.value().oldValue(), row);
    if (newResult != null || oldResult != null) {
      context.forward(record.withValue(new Change<>(newResult, oldResult)));
    }
  }

  @SuppressWarnings("unchecked")
  private O join(Object mine, Object other) {
    return thisIsLeft
        ? kind.join(joiner, (L) mine, (R) other)
        : kind.join(joiner, (L) other, (R) mine);
  }
}
