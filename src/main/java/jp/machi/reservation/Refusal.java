package jp.machi.reservation;

/**
 * Why something a resident or staff member asked for was refused. Each part of reservation has its own codes (an
 * enum implementing this type: the booking core's, groups', money's, the lottery's); the code goes into the API's
 * JSON and names the message {@code reservation.refusal.<code>}.
 */
public interface Refusal {

    /** The code in lowercase words with hyphens, e.g. {@code not-registered}. */
    String code();

    /** The code of an enum constant: {@code NOT_REGISTERED} is {@code not-registered}. */
    static String code(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
