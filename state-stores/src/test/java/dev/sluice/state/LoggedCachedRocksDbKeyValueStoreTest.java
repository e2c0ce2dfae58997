package dev.sluice.state;

/**
 * The key-value contract on RocksDB with change logging and a record cache small enough (4 KiB)
 * that the property test evicts and merges cache and store entries constantly.
 */
class LoggedCachedRocksDbKeyValueStoreTest extends KeyValueStoreContractTest {

  @Override
  StoreBuilder<KeyValueStore<String, String>, String, String> configure(
      StoreBuilder<KeyValueStore<String, String>, String, String> builder) {
    return builder.withChangelog(new InMemoryChangelog()).withCaching();
  }

  @Override
  long cacheBytes() {
    return 4096;
  }
}
