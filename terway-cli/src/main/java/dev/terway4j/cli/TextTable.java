package dev.terway4j.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.terway4j.model.ControlCharacters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Columns of text aligned under upper-case headers, two spaces apart; the last column is never
 * padded, so lines carry no trailing blanks. Not thread-safe.
 */
final class TextTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /** Creates a table with these column headers. */
  TextTable(String... headers) {
    checkArgument(headers.length > 0, "a table needs at least one column");
    this.headers = List.of(headers);
  }

  /**
   * Adds a row; {@code null} cells print as {@code -}, control characters {@linkplain
   * ControlCharacters#escape escaped}.
   *
   * @throws IllegalArgumentException if the row has another number of cells than the headers
   */
  TextTable row(Object... cells) {
    checkArgument(
        cells.length == headers.size(),
        "expected %s cells but got %s: %s",
        headers.size(),
        cells.length,
        Arrays.toString(cells));
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      // Escaped here, not only by the writer, so that widths count what is printed.
      row.add(cell == null ? "-" : ControlCharacters.escape(cell.toString()));
    }
    rows.add(row);
    return this;
  }

  /** Returns whether no row was added. */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the headers and the rows, each line starting with {@code indent}. */
  void print(PrintWriter out, String indent) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printLine(out, indent, headers, widths);
    for (List<String> row : rows) {
      printLine(out, indent, row, widths);
    }
  }

  private static void printLine(PrintWriter out, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
