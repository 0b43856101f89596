package jp.machi.shared.image;

/** Why an upload was refused; each module turns {@link #reason()} into a message of its own bundle. */
public final class ImageRejected extends Exception {

    /** The reasons; {@link #key()} is the suffix modules append to their message prefix. */
    public enum Reason {
        EMPTY("empty"), TOO_LARGE("tooLarge"), NOT_IMAGE("notImage"), TOO_MANY_PIXELS("tooManyPixels");

        private final String key;

        Reason(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Reason reason;

    public ImageRejected(Reason reason) {
        super(reason.key());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
