package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import org.apache.kafka.common.serialization.Serde;

/**
 * Account balances: sums the transactions of each account (keyed by account id in {@code
 * transactions}) into a table of balances, kept in the store {@code balances} and written to the
 * topic {@code balances} as each one changes.
 *
 * <p>Runs on a broker with {@code --example balances}.
 */
public final class AccountBalances {
  /** The input topic, keyed by account id. */
  public static final String TRANSACTIONS = "transactions";

  /** The output topic (and store name): the balance of an account after each transaction. */
  public static final String BALANCES = "balances";

  /** The value serde of the input topic. */
  public static final Serde<Transaction> TRANSACTION_SERDE = SluiceSerdes.json(Transaction.class);

  private AccountBalances() {}

  /**
   * The topology.
   *
   * @return {@code transactions} → group by account → sum of amounts → {@code balances}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(TRANSACTIONS, Consumed.with(SluiceSerdes.strings(), TRANSACTION_SERDE))
        .groupByKey(Grouped.with(SluiceSerdes.strings(), TRANSACTION_SERDE))
        .aggregate(
            () -> 0.0,
            (account, transaction, balance) -> balance + transaction.amount(),
            Materialized.<String, Double>as(BALANCES)
                .withKeySerde(SluiceSerdes.strings())
                .withValueSerde(SluiceSerdes.doubles()))
        .toStream()
        .to(BALANCES, Produced.with(SluiceSerdes.strings(), SluiceSerdes.doubles()));
    return builder.build();
  }
}
