package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;

/**
 * The right side of a foreign-key join, for subscriptions: it reads the subscription topic (keyed
 * by foreign key, so it runs in the task of the right row), records or withdraws the subscription
 * in the subscription store, and answers a subscription at once with the right row's current value
 * (null if there is none), keyed by the left key for the response topic.
 *
 * @param <F> foreign key type, the right table's key
 * @param <K> left key type
 * @param <R> right value type
 */
public final class SubscriptionReceiver<F, K, R>
    implements Processor<F, Subscription<K>, K, Response<R>> {
  private final String subscriptionStore;
  private final String rightStore;
  private ProcessorContext<K, Response<R>> context;
  private KeyValueStore<CombinedKey<F, K>, byte[]> subscriptions;
  private KeyValueStore<F, R> rights;

  private SubscriptionReceiver(String subscriptionStore, String rightStore) {
    this.subscriptionStore = subscriptionStore;
    this.rightStore = rightStore;
  }

  /**
   * A supplier of these processors.
   *
   * @param subscriptionStore the store of subscriptions, by foreign key then left key
   * @param rightStore the right table's store
   * @param <F> foreign key type
   * @param <K> left key type
   * @param <R> right value type
   * @return the supplier
   */
  public static <F, K, R> ProcessorSupplier<F, Subscription<K>, K, Response<R>> of(
      String subscriptionStore, String rightStore) {
    return () -> new SubscriptionReceiver<>(subscriptionStore, rightStore);
  }

  @Override
  public void init(ProcessorContext<K, Response<R>> context) {
    this.context = context;
    this.subscriptions = context.getStateStore(subscriptionStore);
    this.rights = context.getStateStore(rightStore);
  }

  @Override
  public void process(Record<F, Subscription<K>> record) {
    Subscription<K> subscription = record.value();
    if (record.key() == null || subscription == null) {
      ((StepContext) context).recordDropped("a foreign-key subscription without key or value");
      return;
    }
    CombinedKey<F, K> key = new CombinedKey<>(record.key(), subscription.leftKey());
    if (subscription.unsubscribes()) {
      subscriptions.delete(key);
      return;
    }
    subscriptions.put(key, subscription.hash());
    R right = rights.get(record.key());
    context.forward(
        record
            .withKey(subscription.leftKey())
            .withValue(new Response<>(subscription.hash(), right)));
  }
}
