package jp.machi.notification.internal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The list tables ({@code notification_list}, {@code notification_list_staff}). */
@Repository
public class NotificationLists {

    /** Join codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH. */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    NotificationLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SELECT = """
        select l.id, l.name_ja, l.name_en, l.kind, l.join_code, l.active,
               (select count(*) from notification_subscription s where s.list_id = l.id and s.status = 'ACTIVE') as members
        from notification_list l""";

    private static NotificationList map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new NotificationList(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getBoolean(6), rs.getInt(7));
    }

    public List<NotificationList> all() {
        return jdbc.sql(SELECT + " order by l.name_ja, l.id").query(NotificationLists::map).list();
    }

    public Optional<NotificationList> find(long id) {
        return jdbc.sql(SELECT + " where l.id = ?").param(id).query(NotificationLists::map).optional();
    }

    /** The active list with this join code (case, spaces and hyphens ignored). */
    public Optional<NotificationList> byCode(String code) {
        String normalized = normalizeCode(code);
        if (normalized == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where l.join_code = ? and l.active").param(normalized).query(NotificationLists::map).optional();
    }

    /** ABCD-EFGH from what a person typed, or null when it cannot be a code. */
    public static String normalizeCode(String code) {
        if (code == null) {
            return null;
        }
        String s = java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
            .replaceAll("[\\s\\-ー－]", "");
        if (s.length() != 8 || !s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return s.substring(0, 4) + "-" + s.substring(4);
    }

    static String newCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public long create(String nameJa, String nameEn, String kind) {
        return jdbc.sql("insert into notification_list (name_ja, name_en, kind, join_code) values (?, ?, ?, ?) returning id")
            .params(nameJa, nameEn, kind, newCode()).query(Long.class).single();
    }

    public String newJoinCode(long id) {
        String code = newCode();
        jdbc.sql("update notification_list set join_code = ? where id = ?").params(code, id).update();
        return code;
    }

    public void setActive(long id, boolean active) {
        jdbc.sql("update notification_list set active = ? where id = ?").params(active, id).update();
    }

    public List<Long> staff(long listId) {
        return jdbc.sql("select account_id from notification_list_staff where list_id = ? order by account_id").param(listId)
            .query(Long.class).list();
    }

    public boolean isStaff(long listId, long accountId) {
        return jdbc.sql("select count(*) from notification_list_staff where list_id = ? and account_id = ?")
            .params(listId, accountId).query(Long.class).single() > 0;
    }

    /** The lists an account sends to. */
    public List<NotificationList> ofStaff(long accountId) {
        return jdbc.sql(SELECT + " where l.id in (select list_id from notification_list_staff where account_id = ?) order by l.name_ja")
            .param(accountId).query(NotificationLists::map).list();
    }

    public void addStaff(long listId, long accountId) {
        jdbc.sql("insert into notification_list_staff (list_id, account_id) values (?, ?) on conflict do nothing")
            .params(listId, accountId).update();
    }

    public void removeStaff(long listId, long accountId) {
        jdbc.sql("delete from notification_list_staff where list_id = ? and account_id = ?").params(listId, accountId).update();
    }
}
