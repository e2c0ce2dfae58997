package dev.sluice.state;

/** The window store contract on the in-memory engine. */
class InMemoryWindowStoreTest extends WindowStoreContractTest {

  @Override
  StoreBuilder<WindowStore<String, String>, Windowed<String>, String> configure(
      StoreBuilder<WindowStore<String, String>, Windowed<String>, String> builder) {
    return builder.inMemory();
  }
}
