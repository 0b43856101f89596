package jp.machi.shared.time;

import java.time.ZoneId;

/** The ward's time zone: times are stored as timestamptz and shown in Asia/Tokyo. */
public final class MachiClock {
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private MachiClock() {}
}
