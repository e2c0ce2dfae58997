package dev.sluice.streams.internal.dsl;

import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.ValueJoiner;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GraphBuilder;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.JoinKind;
import dev.sluice.streams.internal.ops.fkjoin.CombinedKeySerde;
import dev.sluice.streams.internal.ops.fkjoin.ResponseResolver;
import dev.sluice.streams.internal.ops.fkjoin.ResponseSerde;
import dev.sluice.streams.internal.ops.fkjoin.RightRowFanOut;
import dev.sluice.streams.internal.ops.fkjoin.SubscriptionReceiver;
import dev.sluice.streams.internal.ops.fkjoin.SubscriptionSender;
import dev.sluice.streams.internal.ops.fkjoin.SubscriptionSerde;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The DSL side of the table-table foreign-key join: each left row points at one right row through a
 * foreign key taken from its value. The two tables need not be co-partitioned; the join is a
 * subscription protocol over two internal topics, both sized by the runtime like repartition topics
 * (to the partition count of the sub-topology that reads them):
 *
 * <ol>
 *   <li>{@code <step>.subscribe}, after the left table's store: each left update subscribes the
 *       left key to its new foreign key (and unsubscribes it from the old one) through {@code
 *       <step>-subscription-repartition}, keyed by foreign key, so it reaches the right row's task.
 *   <li>{@code <step>.subscriptions}, in the right table's task: keeps subscriptions in {@code
 *       <step>-subscription-store} (change-logged, keyed by foreign key then left key) and answers
 *       each one with the right row's value; {@code <step>.rightUpdates} sends every right-row
 *       update to all its subscribers. Both write to {@code <step>-response-repartition}, keyed by
 *       left key, back to the left row's task.
 *   <li>{@code <step>.resolve}, in the left table's task: joins a response with the left store's
 *       current value, dropping responses to a value the row no longer has (see {@link
 *       ResponseResolver}); the result table {@code <step>} keeps the results in a store ({@code
 *       Materialized} name, or {@code <step>-store}), which gives downstream steps the old result
 *       of every update.
 * </ol>
 *
 * <p>Tables without a store of their own are materialized first, as for the other table joins.
 */
final class ForeignKeyJoins {

  // The subscription and response topics take their serdes from the two tables.
  private static final String FOREIGN_KEY_SERDE_FIX =
      "Materialized.with(keySerde, valueSerde) to both tables of the foreign-key join";

  private ForeignKeyJoins() {}

  /**
   * Adds a foreign-key join.
   *
   * @param left this table
   * @param other the right table, from the same builder
   * @param foreignKey extracts the right table's key from a left value
   * @param joiner combines a left value and a right value
   * @param named the step name, or null to derive {@code <left step>.join} / {@code .leftJoin}
   * @param materialized the result store's options
   * @param kind inner or left
   * @param <K> left key type
   * @param <V> left value type
   * @param <F> foreign key type, the right table's key
   * @param <R> right value type
   * @param <O> result value type
   * @return the joined table, keyed like the left table
   */
  static <K, V, F, R, O> KTable<K, O> join(
      GraphTable<K, V> left,
      KTable<F, R> other,
      Function<? super V, ? extends F> foreignKey,
      ValueJoiner<? super V, ? super R, ? extends O> joiner,
      Named named,
      Materialized<K, O> materialized,
      JoinKind kind) {
    Checks.notNull(foreignKey, "foreignKeyExtractor");
    Checks.notNull(joiner, "joiner");
    Checks.notNull(materialized, "materialized");
    Checks.invariant(kind != JoinKind.OUTER, "a foreign-key join is inner or left, not %s", kind);
    GraphBuilder graph = left.graph();
    GraphTable<F, R> right = Joins.materialized(Joins.sameBuilder(graph, other, kind), null);
    GraphTable<K, V> leftTable = Joins.materialized(left, null);
    String name = graph.name(named == null ? null : named.name(), left.nodeName(), kind.verb());
    Serde<K> leftKeySerde = serde(leftTable.keySerde());
    Serde<F> foreignKeySerde = serde(right.keySerde());

    String subscriptionStore = name + "-subscription-store";
    String receiver = name + ".subscriptions";
    graph.addStore(
        new StoreSpec(
            subscriptionStore,
            StoreSpec.Kind.KEY_VALUE,
            new CombinedKeySerde<>(foreignKeySerde, leftKeySerde),
            Serdes.ByteArray(),
            true,
            true,
            false,
            null,
            receiver));

    String resolver = name + ".resolve";
    String sender = name + ".subscribe";
    String subscriptions = name + "-subscription";
    graph.add(
        new ProcessorNode(
            sender,
            List.of(leftTable.nodeName()),
            kind.verb(),
            SubscriptionSender.<K, V, F>of(
                new SubscriptionSender.Names(
                    sender, leftTable.storeName(), subscriptions + "-repartition-sink", resolver),
                foreignKey),
            null,
            null,
            List.of(leftTable.storeName())));
    String subscriptionSource =
        Repartitioner.internalTopic(
            graph,
            subscriptions,
            List.of(sender),
            new Repartitioner.TopicSerdes(
                foreignKeySerde, new SubscriptionSerde<>(leftKeySerde), FOREIGN_KEY_SERDE_FIX));
    graph.add(
        new ProcessorNode(
            receiver,
            List.of(subscriptionSource),
            kind.verb(),
            SubscriptionReceiver.of(subscriptionStore, right.storeName()),
            leftKeySerde,
            null,
            List.of(subscriptionStore, right.storeName())));
    String fanOut = name + ".rightUpdates";
    graph.add(
        new ProcessorNode(
            fanOut,
            List.of(right.nodeName()),
            kind.verb(),
            RightRowFanOut.of(subscriptionStore),
            leftKeySerde,
            null,
            List.of(subscriptionStore)));
    String responseSource =
        Repartitioner.internalTopic(
            graph,
            name + "-response",
            List.of(receiver, fanOut),
            new Repartitioner.TopicSerdes(
                leftKeySerde,
                new ResponseSerde<>(serde(right.valueSerde())),
                FOREIGN_KEY_SERDE_FIX));
    graph.add(
        new ProcessorNode(
            resolver,
            List.of(responseSource, sender),
            kind.verb(),
            ResponseResolver.of(leftTable.storeName(), kind, joiner),
            leftKeySerde,
            null,
            List.of(leftTable.storeName())));
    return TableSteps.<K, O, O>materialize(
        new TableSteps.Spec(
            graph, resolver, name, kind.verb(), materialized, leftKeySerde, null, null),
        (key, result, current) -> result,
        false);
  }

  @SuppressWarnings("unchecked")
  private static <T> Serde<T> serde(Serde<?> serde) {
    return (Serde<T>) serde;
  }
}
