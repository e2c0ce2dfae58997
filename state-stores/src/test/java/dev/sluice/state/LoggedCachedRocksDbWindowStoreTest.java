package dev.sluice.state;

/** The window store contract on RocksDB with change logging and a small record cache. */
class LoggedCachedRocksDbWindowStoreTest extends WindowStoreContractTest {

  @Override
  StoreBuilder<WindowStore<String, String>, Windowed<String>, String> configure(
      StoreBuilder<WindowStore<String, String>, Windowed<String>, String> builder) {
    return builder.withChangelog(new InMemoryChangelog()).withCaching();
  }
}
