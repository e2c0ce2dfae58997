package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.JoinKind;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The last step of a foreign-key join, in the left row's task: turns a {@link Response} into the
 * row's join result (null deletes it), for the result table's store step.
 *
 * <p>Stale responses are dropped: a response answers the left value whose hash it carries, and the
 * left row may have changed since (a new foreign key, whose response is still on its way, or the
 * same key with a new value). Only a response whose hash equals the hash of the left store's
 * current value is joined, so an answer from an old foreign key never overwrites a newer result.
 * When the left row is gone, the result is deleted whatever the response says.
 *
 * @param <K> left key type
 * @param <V> left value type
 * @param <R> right value type
 * @param <O> result value type
 */
public final class ResponseResolver<K, V, R, O> implements Processor<K, Response<R>, K, O> {
  private final String leftStore;
  private final JoinKind kind;
  private final ValueJoiner<? super V, ? super R, ? extends O> joiner;
  private final ValueHash hash = new ValueHash();
  private ProcessorContext<K, O> context;
  private KeyValueStore<K, V> lefts;
  private Serializer<V> valueSerializer;
  private String hashTopic;

  private ResponseResolver(
      String leftStore, JoinKind kind, ValueJoiner<? super V, ? super R, ? extends O> joiner) {
    this.leftStore = leftStore;
    this.kind = kind;
    this.joiner = joiner;
  }

  /**
   * A supplier of these processors.
   *
   * @param leftStore the left table's store
   * @param kind inner (a missing right row deletes the result) or left (the joiner gets null)
   * @param joiner combines the left value with the right value
   * @param <K> left key type
   * @param <V> left value type
   * @param <R> right value type
   * @param <O> result value type
   * @return the supplier
   */
  public static <K, V, R, O> ProcessorSupplier<K, Response<R>, K, O> of(
      String leftStore, JoinKind kind, ValueJoiner<? super V, ? super R, ? extends O> joiner) {
    return () -> new ResponseResolver<>(leftStore, kind, joiner);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<K, O> context) {
    this.context = context;
    this.lefts = context.getStateStore(leftStore);
    StoreSpec left = ((StepContext) context).storeSpec(leftStore);
    this.valueSerializer = (Serializer<V>) left.valueSerde().serializer();
    this.hashTopic = left.changelogName();
  }

  @Override
  public void process(Record<K, Response<R>> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    V current = lefts.get(record.key());
    if (current == null) {
      context.forward(record.withValue(null));
      return;
    }
    byte[] expected = record.value().hash();
    if (expected == null
        || !Arrays.equals(expected, hash.of(valueSerializer.serialize(hashTopic, current)))) {
      return; // answers a value this row no longer has
    }
    context.forward(record.withValue(kind.join(joiner, current, record.value().rightValue())));
  }
}
