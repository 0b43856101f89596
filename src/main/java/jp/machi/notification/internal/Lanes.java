package jp.machi.notification.internal;

/** The delivery lanes, each with its own workers and SMTP sessions, so a bulk send never delays an emergency. */
public enum Lanes {
    EMERGENCY, TRANSACTIONAL, BULK;

    public int code() {
        return ordinal();
    }

    public static Lanes of(int code) {
        return values()[code];
    }

    public static Lanes of(Priority priority) {
        return switch (priority) {
            case EMERGENCY -> EMERGENCY;
            case NORMAL -> TRANSACTIONAL;
            case BULK -> BULK;
        };
    }
}
