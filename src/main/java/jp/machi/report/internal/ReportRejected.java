package jp.machi.report.internal;

import java.util.List;

/** The input could not be accepted; nothing was stored. */
public class ReportRejected extends RuntimeException {

    private final List<Problem> problems;

    public ReportRejected(List<Problem> problems) {
        super(problems.isEmpty() ? "rejected" : problems.getFirst().key());
        this.problems = List.copyOf(problems);
    }

    public ReportRejected(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
