package jp.machi.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for audit_entry and audit_checkpoint. Reads never load the whole log into memory. */
@Repository
class AuditEntryRepository {

    /** Any constant will do as long as nothing else in the database uses it: "MACHAUDT" in ASCII. */
    static final long APPEND_LOCK = 0x4D41_4348_4155_4454L;

    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "id, occurred_at, action, actor_account_id, actor_label, on_behalf_of_id, "
        + "subject_account_id, subject, detail, remote_address, prev_hash, hash, detail_key, detail_args";

    private static final RowMapper<AuditEntry> ENTRY = AuditEntryRepository::entry;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AuditEntryRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Waits until no other transaction is appending; held until this transaction ends. */
    void lockForAppend() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query((rs, n) -> Boolean.TRUE).list();
    }

    record Tail(long id, String hash) {}

    Optional<Tail> tail() {
        return jdbc.sql("select id, hash from audit_entry order by id desc limit 1")
            .query((rs, n) -> new Tail(rs.getLong("id"), rs.getString("hash"))).optional();
    }

    void insert(AuditEntry e, String seal) {
        jdbc.sql("insert into audit_entry (" + COLUMNS + ", seal) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(e.id(), Timestamp.from(e.occurredAt()), e.action(), e.actorAccountId(), e.actorLabel(),
                e.onBehalfOfId(), e.subjectAccountId(), e.subject(), e.detail(), e.remoteAddress(), e.prevHash(),
                e.hash(), e.detailKey(), e.detailArgs(), seal)
            .update();
    }

    /** Inserts the entries (already chained and sealed, in id order) in one statement. */
    void insertAll(List<AuditEntry> list, List<String> seals) {
        int n = list.size();
        Long[] id = new Long[n];
        String[] at = new String[n];
        String[] action = new String[n];
        Long[] actor = new Long[n];
        String[] label = new String[n];
        Long[] onBehalf = new Long[n];
        Long[] subjectAccount = new Long[n];
        String[] subject = new String[n];
        String[] detail = new String[n];
        String[] address = new String[n];
        String[] prev = new String[n];
        String[] hash = new String[n];
        String[] key = new String[n];
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = list.get(i);
            id[i] = e.id();
            at[i] = AuditChain.canonicalTime(e.occurredAt());
            action[i] = e.action();
            actor[i] = e.actorAccountId();
            label[i] = e.actorLabel();
            onBehalf[i] = e.onBehalfOfId();
            subjectAccount[i] = e.subjectAccountId();
            subject[i] = e.subject();
            detail[i] = e.detail();
            address[i] = e.remoteAddress();
            prev[i] = e.prevHash();
            hash[i] = e.hash();
            key[i] = e.detailKey();
            args[i] = e.detailArgs();
        }
        jdbc.sql("insert into audit_entry (" + COLUMNS + ", seal) select * from unnest(cast(:id as bigint[]), "
                + "cast(:at as timestamptz[]), cast(:action as varchar[]), cast(:actor as bigint[]), cast(:label as varchar[]), "
                + "cast(:onBehalf as bigint[]), cast(:subjectAccount as bigint[]), cast(:subject as varchar[]), "
                + "cast(:detail as varchar[]), cast(:address as varchar[]), cast(:prev as varchar[]), cast(:hash as varchar[]), "
                + "cast(:key as varchar[]), cast(:args as varchar[]), cast(:seal as varchar[]))")
            .param("id", id).param("at", at).param("action", action).param("actor", actor).param("label", label)
            .param("onBehalf", onBehalf).param("subjectAccount", subjectAccount).param("subject", subject)
            .param("detail", detail).param("address", address).param("prev", prev).param("hash", hash)
            .param("key", key).param("args", args)
            .param("seal", seals.toArray(String[]::new))
            .update();
    }

    /**
     * Every entry with its seal (null for entries recorded before sealing) in id order, one at a time. Must run in
     * a transaction so that PostgreSQL uses a cursor.
     */
    void forEachInOrder(BiConsumer<AuditEntry, String> action) {
        template.query(con -> {
            var ps = con.prepareStatement("select " + COLUMNS + ", seal from audit_entry order by id");
            ps.setFetchSize(FETCH_SIZE);
            return ps;
        }, rs -> {
            action.accept(entry(rs, 0), rs.getString("seal"));
        });
    }

    /** The entries that match, oldest first, one at a time (for the CSV export). */
    void forEachMatching(AuditQuery q, Consumer<AuditEntry> action) {
        Where where = where(q);
        stream("select " + COLUMNS + " from audit_entry" + where.sql() + " order by id", where.args(), action);
    }

    /** One page of matching entries, newest first. */
    List<AuditEntry> search(AuditQuery q, long offset, int limit) {
        Where where = where(q);
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        args.add(offset);
        return jdbc.sql("select " + COLUMNS + " from audit_entry" + where.sql() + " order by id desc limit ? offset ?")
            .params(args).query(ENTRY).list();
    }

    long count(AuditQuery q) {
        Where where = where(q);
        return jdbc.sql("select count(*) from audit_entry" + where.sql()).params(where.args())
            .query(Long.class).single();
    }

    /** A stored checkpoint; {@code seal} is null for checkpoints made before sealing. */
    record Checkpoint(long entryId, long entryCount, String entryHash, String seal) {}

    /** Every checkpoint in the order they were made (a few a day: small enough to hold in memory). */
    List<Checkpoint> checkpoints() {
        return jdbc.sql("select entry_id, entry_count, entry_hash, seal from audit_checkpoint order by id")
            .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
    }

    void insertCheckpoint(Checkpoint c) {
        jdbc.sql("insert into audit_checkpoint (entry_id, entry_count, entry_hash, seal) values (?, ?, ?, ?)")
            .params(c.entryId(), c.entryCount(), c.entryHash(), c.seal()).update();
    }

    private void stream(String sql, List<Object> args, Consumer<AuditEntry> action) {
        template.query(con -> {
            var ps = con.prepareStatement(sql);
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            action.accept(entry(rs, 0));
        });
    }

    private record Where(String sql, List<Object> args) {}

    private static Where where(AuditQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (q.actionPrefix() != null) {
            conditions.add("action like ? escape '\\'");
            args.add(escapeLike(q.actionPrefix()) + "%");
        }
        if (q.actorAccountId() != null) {
            conditions.add("actor_account_id = ?");
            args.add(q.actorAccountId());
        }
        if (q.actorLabel() != null) {
            conditions.add("lower(actor_label) = lower(?)");
            args.add(q.actorLabel());
        }
        if (q.subjectAccountId() != null) {
            conditions.add("(subject_account_id = ? or on_behalf_of_id = ?)");
            args.add(q.subjectAccountId());
            args.add(q.subjectAccountId());
        }
        if (q.from() != null) {
            conditions.add("occurred_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.until() != null) {
            conditions.add("occurred_at < ?");
            args.add(Timestamp.from(q.until()));
        }
        if (q.text() != null) {
            conditions.add("detail ilike ? escape '\\'");
            args.add("%" + escapeLike(q.text()) + "%");
        }
        return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), args);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            rs.getString("action"), rs.getObject("actor_account_id", Long.class), rs.getString("actor_label"),
            rs.getObject("on_behalf_of_id", Long.class), rs.getObject("subject_account_id", Long.class),
            rs.getString("subject"), rs.getString("detail"), rs.getString("remote_address"),
            rs.getString("prev_hash"), rs.getString("hash"), rs.getString("detail_key"), rs.getString("detail_args"));
    }
}
