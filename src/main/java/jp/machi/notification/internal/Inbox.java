package jp.machi.notification.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A resident's My Page inbox: their personal notices and the notices delivered to their subscriptions (ward mail and
 * lists), newest first.
 */
@Repository
public class Inbox {

    /**
     * One item. {@code kind} is {@code personal} or {@code notice}; {@code ref} the personal notice's or the
     * delivery's id (the item's address in My Page); {@code noticeId} the notice (for notices).
     */
    public record Item(String kind, long ref, Long noticeId, String title, String body, String reason, String link,
                       Instant at, boolean read, String typeCode, String topicCode, Long listId, Priority priority) {}

    private final JdbcClient jdbc;
    private final PersonalRepository personal;
    private final NoticeRepository notices;

    Inbox(JdbcClient jdbc, PersonalRepository personal, NoticeRepository notices) {
        this.jdbc = jdbc;
        this.personal = personal;
        this.notices = notices;
    }

    public List<Item> of(long accountId, String language, int limit) {
        List<Item> items = new ArrayList<>();
        for (PersonalRecord p : personal.ofAccount(accountId, limit)) {
            items.add(new Item("personal", p.id(), null, p.title(), p.body(), p.reason(), p.link(), p.createdAt(), p.readAt() != null,
                p.typeCode(), null, null, null));
        }
        jdbc.sql("select d.id as delivery_id, d.read_at as delivery_read_at, " + NoticeRepository.COLUMNS + """
                 from notification_delivery d join notification_notice n on n.id = d.notice_id
                where d.account_id = ? and d.notice_id is not null
                order by d.queued_at desc, d.id desc limit ?""")
            .params(accountId, limit)
            .query((rs, i) -> {
                Notice n = NoticeRepository.map(rs);
                return new Item("notice", rs.getLong("delivery_id"), n.id(), n.title(language), n.body(language), null, null,
                    n.releasedAt(), rs.getTimestamp("delivery_read_at") != null, null, n.topicCode(), n.listId(), n.priority());
            })
            .list().forEach(items::add);
        items.sort(Comparator.comparing(Item::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    public long unread(long accountId) {
        return jdbc.sql("""
                select (select count(*) from notification_personal where account_id = :a and read_at is null)
                     + (select count(*) from notification_delivery where account_id = :a and notice_id is not null and read_at is null)""")
            .param("a", accountId).query(Long.class).single();
    }

    /** One item of the account's inbox, marked read; empty when it is not theirs. */
    @Transactional
    public Optional<Item> open(long accountId, String kind, long ref, String language) {
        if ("personal".equals(kind)) {
            Optional<PersonalRecord> p = personal.find(ref).filter(r -> r.accountId() != null && r.accountId() == accountId);
            p.ifPresent(r -> personal.markRead(r.id(), accountId));
            return p.map(r -> new Item("personal", r.id(), null, r.title(), r.body(), r.reason(), r.link(), r.createdAt(), true,
                r.typeCode(), null, null, null));
        }
        if ("notice".equals(kind)) {
            Optional<Long> noticeId = jdbc.sql("select notice_id from notification_delivery where id = ? and account_id = ? and notice_id is not null")
                .params(ref, accountId).query(Long.class).optional();
            noticeId.ifPresent(x -> jdbc.sql("update notification_delivery set read_at = coalesce(read_at, now()) where id = ?").param(ref).update());
            return noticeId.flatMap(notices::find).map(n -> new Item("notice", ref, n.id(), n.title(language), n.body(language), null,
                null, n.releasedAt(), true, null, n.topicCode(), n.listId(), n.priority()));
        }
        return Optional.empty();
    }
}
