package dev.sluice.state;

/** The window store contract on the RocksDB engine. */
class RocksDbWindowStoreTest extends WindowStoreContractTest {

  @Override
  StoreBuilder<WindowStore<String, String>, Windowed<String>, String> configure(
      StoreBuilder<WindowStore<String, String>, Windowed<String>, String> builder) {
    return builder;
  }
}
