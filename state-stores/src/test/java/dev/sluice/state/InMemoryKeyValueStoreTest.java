package dev.sluice.state;

/** The key-value contract on the in-memory engine. */
class InMemoryKeyValueStoreTest extends KeyValueStoreContractTest {

  @Override
  StoreBuilder<KeyValueStore<String, String>, String, String> configure(
      StoreBuilder<KeyValueStore<String, String>, String, String> builder) {
    return builder.inMemory();
  }

  @Override
  boolean exactCount() {
    return true;
  }
}
