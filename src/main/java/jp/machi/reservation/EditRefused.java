package jp.machi.reservation;

import java.util.List;

/**
 * A staff edit of booking data (slots, room parts) refused, with every problem found: the field to link to (e.g.
 * {@code slots[2].start}) and a message code with its arguments. Nothing was written.
 */
public class EditRefused extends RuntimeException {

    /** One problem: the form field and a message code with arguments. */
    public record Problem(String field, String code, List<Object> args) {}

    private final transient List<Problem> problems;

    public EditRefused(List<Problem> problems) {
        super(problems.toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
