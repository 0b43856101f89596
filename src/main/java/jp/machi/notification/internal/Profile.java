package jp.machi.notification.internal;

import java.time.YearMonth;
import java.util.List;

/** What a resident told Machi so that it can tell them about services they may be eligible for. */
public record Profile(long accountId, String district, String ageBand, List<YearMonth> children) {

    public static final List<String> AGE_BANDS = List.of("U20", "20S", "30S", "40S", "50S", "60S", "70S", "80P");

    public static Profile empty(long accountId) {
        return new Profile(accountId, null, null, List.of());
    }
}
