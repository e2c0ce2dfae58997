package dev.sluice.streams;

/** A failure while processing records: a bad record under the fail policy, or a broken step. */
public class StreamsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, where, and the fix
   * @param cause the underlying error, or null
   */
  public StreamsException(String message, Throwable cause) {
    super(message, cause);
  }
}
