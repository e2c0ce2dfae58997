package dev.sluice.state;

import java.nio.file.Path;

/**
 * Told when a store directory could not be reused and was wiped, so the store will be rebuilt from
 * its changelog. The default listener logs a warning through {@link System.Logger}.
 */
@FunctionalInterface
public interface StoreEventListener {

  /**
   * A store directory was corrupt, belonged to another store kind or had an unknown format; it was
   * deleted and recreated empty.
   *
   * @param storeName the store
   * @param directory the directory that was wiped
   * @param reason what was wrong, for humans
   */
  void onStoreWiped(String storeName, Path directory, String reason);
}
