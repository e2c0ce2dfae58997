package dev.sluice.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Rows of the Markdown tables the benchmark reports write. */
public final class MarkdownTable {

  private MarkdownTable() {}

  /**
   * One table row.
   *
   * @param cells the cells, in column order ({@code toString()} of each)
   * @return {@code "| a | b |\n"}
   */
  public static String row(Object... cells) {
    return Arrays.stream(cells)
        .map(String::valueOf)
        .collect(Collectors.joining(" | ", "| ", " |\n"));
  }
}
