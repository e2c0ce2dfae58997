package dev.sluice.serdes;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema was refused at registration because it breaks the subject's {@link Compatibility}.
 *
 * <p>It extends {@link SerializationException} because registration usually happens on the first
 * {@code serialize} call, where Kafka expects that type. The message lists every incompatibility;
 * {@link #incompatibilities()} gives them one by one.
 */
public final class IncompatibleSchemaException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String subject;
  private final Compatibility compatibility;
  private final List<String> incompatibilities;

  /**
   * Creates the exception.
   *
   * @param subject the subject the schema was registered under
   * @param compatibility the subject's mode
   * @param incompatibilities one line per problem found, never empty
   */
  public IncompatibleSchemaException(
      String subject, Compatibility compatibility, List<String> incompatibilities) {
    super(
        String.format(
            "Schema for subject '%s' is not %s compatible (%s problem(s)); make the change"
                + " compatible (e.g. give new fields a default, use aliases to rename) or register it"
                + " under a new subject:%n  - %s",
            subject,
            compatibility,
            incompatibilities.size(),
            String.join(String.format("%n  - "), incompatibilities)));
    this.subject = subject;
    this.compatibility = compatibility;
    this.incompatibilities = List.copyOf(incompatibilities);
  }

  /**
   * The subject the schema was refused under.
   *
   * @return the subject
   */
  public String subject() {
    return subject;
  }

  /**
   * The mode the schema was checked against.
   *
   * @return the subject's compatibility mode
   */
  public Compatibility compatibility() {
    return compatibility;
  }

  /**
   * Every incompatibility found, each naming the earlier version, the direction, the kind of
   * problem and where in the schema it is.
   *
   * @return an immutable, non-empty list
   */
  public List<String> incompatibilities() {
    return incompatibilities;
  }
}
