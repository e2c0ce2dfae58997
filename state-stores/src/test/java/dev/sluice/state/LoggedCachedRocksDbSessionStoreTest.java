package dev.sluice.state;

/** The session store contract on RocksDB with change logging and a small record cache. */
class LoggedCachedRocksDbSessionStoreTest extends SessionStoreContractTest {

  @Override
  StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> configure(
      StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> builder) {
    return builder.withChangelog(new InMemoryChangelog()).withCaching();
  }
}
