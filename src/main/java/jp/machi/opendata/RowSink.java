package jp.machi.opendata;

import java.util.List;

/** Receives the rows of a dataset, one at a time, cells in the order of the dataset's columns. */
@FunctionalInterface
public interface RowSink {

    /** One row; {@code null} or empty cells are written empty. */
    void row(List<String> cells);
}
