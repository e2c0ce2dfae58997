package dev.sluice.streams.processor;

/** A handle to a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {

  /** Stops further calls of the punctuator; calling it again has no effect. */
  void cancel();
}
