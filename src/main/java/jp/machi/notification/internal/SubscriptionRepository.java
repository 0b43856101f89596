package jp.machi.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The subscription tables (one writer: this class). */
@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = "id, list_id, email, account_id, language, status, label, near_lat, near_lon, "
        + "near_radius_m, created_at, confirmed_at, mailed_at";

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Subscription row(ResultSet rs) throws SQLException {
        long list = rs.getLong("list_id");
        Long listId = rs.wasNull() ? null : list;
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        double lat = rs.getDouble("near_lat");
        Double nearLat = rs.wasNull() ? null : lat;
        double lon = rs.getDouble("near_lon");
        Double nearLon = rs.wasNull() ? null : lon;
        int r = rs.getInt("near_radius_m");
        Integer radius = rs.wasNull() ? null : r;
        return new Subscription(rs.getLong("id"), listId, rs.getString("email"), accountId, rs.getString("language"),
            rs.getString("status"), rs.getString("label"), nearLat, nearLon, radius, instant(rs, "created_at"),
            instant(rs, "confirmed_at"), instant(rs, "mailed_at"), List.of(), List.of());
    }

    private List<Subscription> withDetails(List<Subscription> found) {
        if (found.isEmpty()) {
            return found;
        }
        List<Long> ids = found.stream().map(Subscription::id).toList();
        Map<Long, List<String>> topics = new LinkedHashMap<>();
        jdbc.sql("""
                select st.subscription_id, st.topic_code from notification_subscription_topic st
                join notification_topic t on t.code = st.topic_code
                where st.subscription_id = any(?) order by t.position, t.code""")
            .param(ids.toArray(Long[]::new))
            .query(rs -> { topics.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        Map<Long, List<String>> areas = new LinkedHashMap<>();
        jdbc.sql("select subscription_id, district from notification_subscription_area where subscription_id = any(?) and not derived order by district")
            .param(ids.toArray(Long[]::new))
            .query(rs -> { areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        return found.stream().map(s -> new Subscription(s.id(), s.listId(), s.email(), s.accountId(), s.language(), s.status(),
            s.label(), s.nearLat(), s.nearLon(), s.nearRadiusM(), s.createdAt(), s.confirmedAt(), s.mailedAt(),
            List.copyOf(topics.getOrDefault(s.id(), List.of())), List.copyOf(areas.getOrDefault(s.id(), List.of())))).toList();
    }

    public Optional<Subscription> find(long id) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where id = ?").param(id)
            .query((rs, n) -> row(rs)).list()).stream().findFirst();
    }

    /** Locks the row for the rest of the transaction. */
    public Optional<Subscription> findForUpdate(long id) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where id = ? for update").param(id)
            .query((rs, n) -> row(rs)).list()).stream().findFirst();
    }

    /** The subscription of an address to the ward's mail ({@code listId} null) or to a list, locked. */
    public Optional<Subscription> findByEmailForUpdate(Long listId, String email) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where coalesce(list_id, 0) = ? and email = ? for update")
            .params(listId == null ? 0L : listId, email).query((rs, n) -> row(rs)).list()).stream().findFirst();
    }

    public Optional<Subscription> findByConfirmToken(String tokenHash) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where confirm_token_hash = ? for update")
            .param(tokenHash).query((rs, n) -> row(rs)).list()).stream().findFirst();
    }

    public List<Subscription> byAccount(long accountId) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where account_id = ? order by list_id nulls first, id")
            .param(accountId).query((rs, n) -> row(rs)).list());
    }

    public List<Subscription> byEmail(String email) {
        return withDetails(jdbc.sql("select " + COLUMNS + " from notification_subscription where email = ? order by list_id nulls first, id")
            .param(email).query((rs, n) -> row(rs)).list());
    }

    /** The active members of a list, by label and address. */
    public List<Subscription> members(long listId) {
        return jdbc.sql("select " + COLUMNS + " from notification_subscription where list_id = ? and status = 'ACTIVE' order by label nulls last, email")
            .param(listId).query((rs, n) -> row(rs)).list();
    }

    public long insert(Long listId, String email, Long accountId, String language, String status, String label,
                       Double nearLat, Double nearLon, Integer radius, String confirmTokenHash, boolean mailed) {
        return jdbc.sql("""
                insert into notification_subscription (list_id, email, account_id, language, status, label, near_lat,
                    near_lon, near_radius_m, confirm_token_hash, mailed_at, confirmed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end, case when ? = 'ACTIVE' then now() end)
                returning id""")
            .params(listId, email, accountId, language, status, label, nearLat, nearLon, radius, confirmTokenHash, mailed, status)
            .query(Long.class).single();
    }

    /** Replaces language, label, point, topics and areas (the districts chosen and those derived from the point). */
    public void replace(long id, String language, String label, Double nearLat, Double nearLon, Integer radius,
                        Collection<String> topics, Collection<String> chosen, Collection<String> derived) {
        jdbc.sql("""
                update notification_subscription set language = ?, label = ?, near_lat = ?, near_lon = ?, near_radius_m = ?,
                    updated_at = now() where id = ?""")
            .params(language, label, nearLat, nearLon, radius, id).update();
        jdbc.sql("delete from notification_subscription_topic where subscription_id = ?").param(id).update();
        jdbc.sql("delete from notification_subscription_area where subscription_id = ?").param(id).update();
        for (String t : topics) {
            jdbc.sql("insert into notification_subscription_topic (subscription_id, topic_code) values (?, ?)").params(id, t).update();
        }
        for (String d : chosen) {
            jdbc.sql("insert into notification_subscription_area (subscription_id, district, derived) values (?, ?, false)")
                .params(id, d).update();
        }
        for (String d : derived) {
            jdbc.sql("insert into notification_subscription_area (subscription_id, district, derived) values (?, ?, true) on conflict do nothing")
                .params(id, d).update();
        }
    }

    public void setPending(long id, String confirmTokenHash) {
        jdbc.sql("update notification_subscription set status = 'PENDING', confirm_token_hash = ?, mailed_at = now(), updated_at = now() where id = ?")
            .params(confirmTokenHash, id).update();
    }

    public void markMailed(long id) {
        jdbc.sql("update notification_subscription set mailed_at = now() where id = ?").param(id).update();
    }

    public void activate(long id, Long accountId) {
        jdbc.sql("""
                update notification_subscription set status = 'ACTIVE', confirm_token_hash = null,
                    confirmed_at = coalesce(confirmed_at, now()), account_id = coalesce(?, account_id), updated_at = now()
                where id = ?""")
            .params(accountId, id).update();
    }

    public void removeTopic(long id, String topic) {
        jdbc.sql("delete from notification_subscription_topic where subscription_id = ? and topic_code = ?").params(id, topic).update();
    }

    public void delete(long id) {
        jdbc.sql("delete from notification_subscription where id = ?").param(id).update();
    }

    public void recordUnsubscribe(String topic, Long listId, String via) {
        jdbc.sql("insert into notification_unsubscribe (topic_code, list_id, via) values (?, ?, ?)").params(topic, listId, via).update();
    }

    /** Deletes PENDING subscriptions whose confirmation mail is older than {@code before}; returns how many. */
    public int deleteUnconfirmed(Instant before) {
        return jdbc.sql("delete from notification_subscription where status = 'PENDING' and coalesce(mailed_at, created_at) < ?")
            .param(Timestamp.from(before)).update();
    }

    /** Keeps the address of an account's subscriptions in step with the account's (it may have changed). */
    public void syncAccountEmail(long accountId, String email) {
        jdbc.sql("""
                update notification_subscription s set email = ?, updated_at = now() where account_id = ? and email <> ?
                  and not exists (select 1 from notification_subscription o
                                  where coalesce(o.list_id, 0) = coalesce(s.list_id, 0) and o.email = ? and o.id <> s.id)""")
            .params(email, accountId, email, email).update();
    }
}
