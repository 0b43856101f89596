package jp.machi.shared.web;

/**
 * A request parameter that no field of Machi accepts (longer than {@link jp.machi.shared.text.TextInput#MAX_LENGTH}),
 * raised by {@link InputGuard} before the handler runs, so that each kind of client gets its own error format: problem
 * details for {@code /api/**}, Open311's errors for {@code /open311/**}, the 400 page for people.
 */
public class InputRejected extends RuntimeException {

    private final String parameter;

    public InputRejected(String parameter) {
        super("parameter " + parameter + " rejected", null, false, false);
        this.parameter = parameter;
    }

    /** The parameter's name as it was sent. */
    public String parameter() {
        return parameter;
    }

    /** The message key of the explanation ({@code {0}} is the largest length). */
    public String messageKey() {
        return "problem.tooLong";
    }
}
