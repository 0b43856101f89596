package jp.machi.shared.web;

/**
 * A rule a service checked that the form could not check on its own (a taken id, a limit reached): the form field to
 * show it at and the message key that says it in the person's language. No stack trace: it is an answer, not a fault.
 * A module's service throws its own subclass; the controller binds it to the field ({@code BindingResult.rejectValue}).
 */
public class FieldRefusal extends RuntimeException {

    private final String field;
    private final String messageKey;

    public FieldRefusal(String field, String messageKey) {
        super(messageKey, null, false, false);
        this.field = field;
        this.messageKey = messageKey;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
