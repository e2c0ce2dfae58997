package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AccountBalancesTest {

  @Test
  void eachTransactionEmitsItsAccountsRunningBalanceAsRecomputedHere() {
    Random random = new Random(5);
    List<Transaction> transactions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      transactions.add(new Transaction("acct-" + random.nextInt(8), random.nextInt(2001) - 1000));
    }
    Map<String, Double> balances = new HashMap<>();
    List<KeyValue<String, Double>> expected = new ArrayList<>();
    for (Transaction transaction : transactions) {
      double balance = balances.merge(transaction.accountId(), transaction.amount(), Double::sum);
      expected.add(KeyValue.pair(transaction.accountId(), balance));
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(AccountBalances.topology())) {
      TestInputTopic<String, Transaction> in =
          driver.inputTopic(
              AccountBalances.TRANSACTIONS,
              SluiceSerdes.strings(),
              AccountBalances.TRANSACTION_SERDE);
      transactions.forEach(transaction -> in.pipe(transaction.accountId(), transaction));

      assertThat(
              driver
                  .outputTopic(
                      AccountBalances.BALANCES, SluiceSerdes.strings(), SluiceSerdes.doubles())
                  .readKeyValuesToList())
          .isEqualTo(expected);
      KeyValueStore<String, Double> store = driver.keyValueStore(AccountBalances.BALANCES);
      balances.forEach((account, balance) -> assertThat(store.get(account)).isEqualTo(balance));
    }
  }
}
