package dev.sluice.serdes.internal.avro;

import dev.sluice.serdes.Compatibility;
import dev.sluice.serdes.RegisteredSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Applies a {@link Compatibility} mode to a candidate schema and earlier versions, using Avro's own
 * {@link SchemaCompatibility} reader/writer check so the rules are exactly those Avro's schema
 * resolution applies when reading (aliases and numeric promotion included).
 *
 * <p>Stateless.
 */
public final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * Lists every way {@code candidate} breaks {@code mode} against {@code earlier}.
   *
   * @param candidate the schema about to be registered
   * @param earlier the subject's versions, oldest first
   * @param mode the subject's mode
   * @return one line per incompatibility, empty if compatible
   */
  public static List<String> incompatibilities(
      Schema candidate, List<RegisteredSchema> earlier, Compatibility mode) {
    List<String> problems = new ArrayList<>();
    if (mode == Compatibility.NONE || earlier.isEmpty()) {
      return problems;
    }
    List<RegisteredSchema> against =
        mode.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
    for (RegisteredSchema previous : against) {
      if (mode.checksBackward()) {
        String direction =
            String.format(
                "new schema cannot read data written with version %s", previous.version());
        problems.addAll(readerWriter(candidate, previous.schema(), direction));
      }
      if (mode.checksForward()) {
        String direction =
            String.format(
                "version %s cannot read data written with the new schema", previous.version());
        problems.addAll(readerWriter(previous.schema(), candidate, direction));
      }
    }
    return problems;
  }

  /**
   * Lists why {@code reader} cannot read data written with {@code writer}.
   *
   * @param reader the reader schema
   * @param writer the writer schema
   * @param direction a prefix for each line saying which versions are involved
   * @return one line per incompatibility, empty if the reader can read the writer's data
   */
  public static List<String> readerWriter(Schema reader, Schema writer, String direction) {
    List<String> problems = new ArrayList<>();
    for (Incompatibility problem :
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities()) {
      problems.add(
          String.format(
              "%s: %s at %s: %s",
              direction, problem.getType(), problem.getLocation(), problem.getMessage()));
    }
    return problems;
  }
}
