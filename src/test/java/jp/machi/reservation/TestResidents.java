package jp.machi.reservation;

import java.util.UUID;
import jp.machi.identity.TestAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Residents for tests (accounts from the identity module's fixture): a verified account, an API token and a booker registration. */
public final class TestResidents {

    private TestResidents() {}

    public record Resident(long id, String token) {}

    public static Resident create(JdbcClient jdbc, String residency) {
        return create(jdbc, residency, "予約 テスト");
    }

    /** A resident with their own name (for tests that look for it afterwards). */
    public static Resident create(JdbcClient jdbc, String residency, String name) {
        String unique = UUID.randomUUID().toString();
        long id = TestAccounts.resident(jdbc, "booker-" + unique + "@example.com", name);
        String token = "test-" + unique;
        TestAccounts.token(jdbc, id, token);
        if (residency != null) {
            jdbc.sql("insert into reservation_booker (account_id, residency) values (?, ?)").params(id, residency).update();
        }
        return new Resident(id, token);
    }
}
