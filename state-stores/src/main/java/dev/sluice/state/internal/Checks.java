package dev.sluice.state.internal;

/**
 * The one place that formats precondition failures. Messages use {@code %s} templates and name the
 * store, the offending value and the fix; broken invariants start with {@code BUG:}.
 */
public final class Checks {

  private Checks() {}

  /**
   * Fails with an {@link IllegalArgumentException} when a caller passed a bad value.
   *
   * @param ok the condition that must hold
   * @param template message with {@code %s} placeholders
   * @param args the values for the placeholders
   */
  public static void checkArgument(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(template.formatted(args));
    }
  }

  /**
   * Fails with an {@link IllegalStateException} when the object is in the wrong state.
   *
   * @param ok the condition that must hold
   * @param template message with {@code %s} placeholders
   * @param args the values for the placeholders
   */
  public static void checkState(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new IllegalStateException(template.formatted(args));
    }
  }

  /**
   * Returns the value if not null, else fails with an {@link IllegalArgumentException}.
   *
   * @param value the value
   * @param template message with {@code %s} placeholders
   * @param args the values for the placeholders
   * @param <T> value type
   * @return the value
   */
  public static <T> T checkNotNull(T value, String template, Object... args) {
    if (value == null) {
      throw new IllegalArgumentException(template.formatted(args));
    }
    return value;
  }

  /**
   * An error for a broken internal invariant.
   *
   * @param template message with {@code %s} placeholders
   * @param args the values for the placeholders
   * @return the error to throw
   */
  public static IllegalStateException bug(String template, Object... args) {
    return new IllegalStateException("BUG: " + template.formatted(args));
  }
}
