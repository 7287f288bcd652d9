package org.accueil.patients.imports;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The patients of a stored file, in file order, read as they are needed. */
interface RowSource extends Iterator<ImportRow>, AutoCloseable {

  @Override
  void close();

  /** The next {@code n} rows, fewer at the end of the file. */
  default List<ImportRow> next(int n) {
    List<ImportRow> rows = new ArrayList<>(n);
    while (rows.size() < n && hasNext()) {
      rows.add(next());
    }
    return rows;
  }
}
