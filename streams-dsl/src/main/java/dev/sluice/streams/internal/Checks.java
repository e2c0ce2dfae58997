package dev.sluice.streams.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks with messages that name the parameter and the fix. */
public final class Checks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._\\-]+");

  private Checks() {}

  /**
   * Fails with a {@link NullPointerException} naming the parameter.
   *
   * @param value the argument
   * @param parameter the parameter name
   * @param <T> the type
   * @return the argument
   */
  public static <T> T notNull(T value, String parameter) {
    return Objects.requireNonNull(value, () -> parameter + " must not be null");
  }

  /**
   * Checks a condition on an argument.
   *
   * @param condition the condition
   * @param template a {@code %s} message template
   * @param args the template arguments
   */
  public static void argument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }

  /**
   * Checks an invariant the library itself guarantees.
   *
   * @param condition the condition
   * @param template a {@code %s} message template
   * @param args the template arguments
   */
  public static void invariant(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException("BUG: " + String.format(template, args));
    }
  }

  /**
   * Checks a step or topic name: non-null, non-empty, and only characters Kafka topic names allow.
   *
   * @param name the name
   * @param what what is being named, for the message
   * @return the name
   */
  public static String validName(String name, String what) {
    notNull(name, what + " name");
    argument(
        NAME.matcher(name).matches() && name.length() <= 200,
        "%s name '%s' is invalid: use 1-200 letters, digits, '.', '_' or '-'",
        what,
        name);
    return name;
  }
}
