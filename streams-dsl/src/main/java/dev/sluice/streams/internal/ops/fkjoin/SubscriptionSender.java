package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.engine.StepContext;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.Change;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The left side of a foreign-key join: for each update of a left row, tells the right rows its old
 * and new value point at. It runs after the left table's store step, so the store already holds the
 * new value when this step sees it.
 *
 * <ul>
 *   <li>If the foreign key changed (or the row was deleted), the old right row gets an
 *       unsubscription, so its later updates no longer reach this row.
 *   <li>If the new value has a foreign key, that right row gets a subscription carrying the hash of
 *       the new value; its response comes back through the response topic.
 *   <li>If there is nothing to ask (the row was deleted, or its new foreign key is null), the
 *       answer is known here: a response with no right value goes straight to the resolver step, so
 *       a deletion or a left join's null right side needs no round trip.
 * </ul>
 *
 * @param <K> left key type
 * @param <V> left value type
 * @param <F> foreign key type
 */
public final class SubscriptionSender<K, V, F> implements Processor<K, Change<V>, Object, Object> {
  private final Names names;
  private final Function<? super V, ? extends F> foreignKey;
  private ProcessorContext<Object, Object> context;
  private Serializer<V> valueSerializer;
  private String hashTopic;
  private final ValueHash hash = new ValueHash();

  /**
   * The steps and store this step works with.
   *
   * @param step this step's name, for messages
   * @param leftStore the left table's store, whose value serde the hash uses
   * @param subscriptionSink the child that writes to the subscription topic
   * @param resolver the child that resolves responses into results
   */
  public record Names(String step, String leftStore, String subscriptionSink, String resolver) {}

  private SubscriptionSender(Names names, Function<? super V, ? extends F> foreignKey) {
    this.names = names;
    this.foreignKey = foreignKey;
  }

  /**
   * A supplier of these processors.
   *
   * @param names the steps and store
   * @param foreignKey extracts the foreign key from a left value; null means no right row
   * @param <K> left key type
   * @param <V> left value type
   * @param <F> foreign key type
   * @return the supplier
   */
  public static <K, V, F> ProcessorSupplier<K, Change<V>, Object, Object> of(
      Names names, Function<? super V, ? extends F> foreignKey) {
    return () -> new SubscriptionSender<K, V, F>(names, foreignKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    StoreSpec left = ((StepContext) context).storeSpec(names.leftStore());
    this.valueSerializer = (Serializer<V>) left.valueSerde().serializer();
    this.hashTopic = left.changelogName();
  }

  @Override
  public void process(Record<K, Change<V>> record) {
    K key = record.key();
    Checks.invariant(key != null, "step '%s' got a table update without key", names.step());
    V newValue = record.value().newValue();
    V oldValue = record.value().oldValue();
    F newForeignKey = newValue == null ? null : foreignKey.apply(newValue);
    F oldForeignKey = oldValue == null ? null : foreignKey.apply(oldValue);
    if (oldForeignKey != null && !oldForeignKey.equals(newForeignKey)) {
      context.forward(
          record.withKey((Object) oldForeignKey).withValue(Subscription.unsubscribe(key)),
          names.subscriptionSink());
    }
    if (newValue == null) {
      context.forward(record.withValue(new Response<>(null, null)), names.resolver());
      return;
    }
    byte[] newHash = hash.of(valueSerializer.serialize(hashTopic, newValue));
    if (newForeignKey == null) {
      context.forward(record.withValue(new Response<>(newHash, null)), names.resolver());
    } else {
      context.forward(
          record.withKey((Object) newForeignKey).withValue(new Subscription<>(key, newHash)),
          names.subscriptionSink());
    }
  }
}
