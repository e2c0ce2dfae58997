package dev.sluice.state;

/** The session store contract on the RocksDB engine. */
class RocksDbSessionStoreTest extends SessionStoreContractTest {

  @Override
  StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> configure(
      StoreBuilder<SessionStore<String, Long>, Windowed<String>, Long> builder) {
    return builder;
  }
}
