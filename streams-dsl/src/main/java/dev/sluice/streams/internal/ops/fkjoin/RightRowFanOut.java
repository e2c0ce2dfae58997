package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.internal.ops.Change;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The right side of a foreign-key join, for right-row updates: each update of a right row is sent,
 * as a response keyed by the left key, to every left row subscribed to it, found with one prefix
 * scan of the subscription store. A deleted right row sends a response without value.
 *
 * @param <F> foreign key type, the right table's key
 * @param <K> left key type
 * @param <R> right value type
 */
public final class RightRowFanOut<F, K, R> implements Processor<F, Change<R>, K, Response<R>> {
  private final String subscriptionStore;
  private ProcessorContext<K, Response<R>> context;
  private KeyValueStore<CombinedKey<F, K>, byte[]> subscriptions;
  private Serializer<F> prefix;

  private RightRowFanOut(String subscriptionStore) {
    this.subscriptionStore = subscriptionStore;
  }

  /**
   * A supplier of these processors.
   *
   * @param subscriptionStore the store of subscriptions, by foreign key then left key
   * @param <F> foreign key type
   * @param <K> left key type
   * @param <R> right value type
   * @return the supplier
   */
  public static <F, K, R> ProcessorSupplier<F, Change<R>, K, Response<R>> of(
      String subscriptionStore) {
    return () -> new RightRowFanOut<>(subscriptionStore);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<K, Response<R>> context) {
    this.context = context;
    this.subscriptions = context.getStateStore(subscriptionStore);
    CombinedKeySerde<F, K> keySerde =
        (CombinedKeySerde<F, K>) ((StepContext) context).storeSpec(subscriptionStore).keySerde();
    this.prefix = keySerde.prefixSerializer();
  }

  @Override
  public void process(Record<F, Change<R>> record) {
    if (record.key() == null) {
      return;
    }
    R right = record.value().newValue();
    try (KeyValueIterator<CombinedKey<F, K>, byte[]> subscribed =
        subscriptions.prefixScan(record.key(), prefix)) {
      while (subscribed.hasNext()) {
        KeyValue<CombinedKey<F, K>, byte[]> subscription = subscribed.next();
        context.forward(
            record
                .withKey(subscription.key().leftKey())
                .withValue(new Response<>(subscription.value(), right)));
      }
    }
  }
}
