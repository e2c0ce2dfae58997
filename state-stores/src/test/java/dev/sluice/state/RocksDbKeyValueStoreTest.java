package dev.sluice.state;

/** The key-value contract on the RocksDB engine alone. */
class RocksDbKeyValueStoreTest extends KeyValueStoreContractTest {

  @Override
  StoreBuilder<KeyValueStore<String, String>, String, String> configure(
      StoreBuilder<KeyValueStore<String, String>, String, String> builder) {
    return builder;
  }
}
