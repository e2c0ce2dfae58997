package dev.sluice.state;

/** A store could not do its work because of an I/O or storage-engine failure. */
public class StateStoreException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the store
   * @param cause the underlying failure
   */
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
