package dev.sluice.serdes.internal;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The one place that turns a failed precondition into an exception with a {@code %s} message.
 *
 * <p>Messages name the offending value and, where there is one, the fix; callers pass the values as
 * arguments so that formatting only happens on the failure path.
 */
public final class Checks {

  private Checks() {}

  /** Returns {@code value}, or throws {@link NullPointerException} with the formatted message. */
  public static <T> T checkNotNull(T value, String template, Object... args) {
    if (value == null) {
      throw new NullPointerException(String.format(template, args));
    }
    return value;
  }

  /** Throws {@link IllegalArgumentException} with the formatted message unless {@code ok}. */
  public static void checkArgument(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }

  /** A {@link SerializationException} with the formatted message and no cause. */
  public static SerializationException serializationError(String template, Object... args) {
    return new SerializationException(String.format(template, args));
  }

  /** A {@link SerializationException} with the formatted message and {@code cause}. */
  public static SerializationException serializationError(
      Throwable cause, String template, Object... args) {
    return new SerializationException(String.format(template, args), cause);
  }
}
