package jp.machi.reservation.lottery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.draw.VerifiableDraw;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lottery tables (reservation_lottery_*), in plain SQL. */
@Repository
public class LotteryRepository {


    /** One ranked choice of an application. */
    public record Choice(int rank, long roomId, LocalDate date, String slotCode) {}

    /** An application (one card) with its choices in rank order. */
    public record Application(long id, long roundId, String applicantKind, long applicantId, Instant createdAt,
                              Integer cardNo, Integer wonRank, Long bookingId, List<Choice> choices) {

        public Optional<Choice> won() {
            return wonRank == null ? Optional.empty() : choices.stream().filter(c -> c.rank() == wonRank).findFirst();
        }
    }

    /** What a round needs to send one applicant their result. */
    public record Applicant(long roundId, String kind, long applicantId, String reference) {}

    private final JdbcClient jdbc;

    LotteryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- rounds ----

    public long insertRound(String nameJa, String nameEn, LocalDate month, Instant opens, Instant closes, Instant draw,
                            Instant confirmBy, Instant firstCome, int maxChoices, int maxApplications,
                            LotteryRound.Who who, Long createdBy) {
        return jdbc.sql("""
                insert into reservation_lottery_round (name_ja, name_en, target_month, opens_at, closes_at, draw_at,
                    confirm_by, first_come_at, max_choices, max_applications, individuals, groups, non_residents, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(nameJa, nameEn, month, ts(opens), ts(closes), ts(draw), ts(confirmBy), ts(firstCome), maxChoices,
                maxApplications, who.individuals(), who.groups(), who.nonResidents(), createdBy)
            .query(Long.class).single();
    }

    public void addRoom(long roundId, long roomId, String facilityId) {
        jdbc.sql("insert into reservation_lottery_room (round_id, room_id, facility_id) values (?, ?, ?) on conflict do nothing")
            .params(roundId, roomId, facilityId).update();
    }

    public List<LotteryRound> rounds() {
        return jdbc.sql("select * from reservation_lottery_round order by target_month desc, opens_at desc, id desc limit 200")
            .query(LotteryRepository::round).list();
    }

    public Optional<LotteryRound> find(long id) {
        return jdbc.sql("select * from reservation_lottery_round where id = ?").param(id)
            .query(LotteryRepository::round).optional();
    }

    public Optional<LotteryRound> lock(long id) {
        return jdbc.sql("select * from reservation_lottery_round where id = ? for update").param(id)
            .query(LotteryRepository::round).optional();
    }

    /** The round, share-locked: applying and withdrawing wait for a running commitment and see its outcome. */
    public Optional<LotteryRound> share(long id) {
        return jdbc.sql("select * from reservation_lottery_round where id = ? for share").param(id)
            .query(LotteryRepository::round).optional();
    }

    public List<Long> roomsOf(long roundId) {
        return jdbc.sql("select room_id from reservation_lottery_room where round_id = ? order by room_id").param(roundId)
            .query(Long.class).list();
    }

    /** Rounds covering the room whose target month meets [from, to] and that hold their slots at {@code now}. */
    public List<LotteryRound> holding(long roomId, LocalDate from, LocalDate to, Instant now) {
        return jdbc.sql("""
                select r.* from reservation_lottery_round r join reservation_lottery_room rr on rr.round_id = r.id
                where rr.room_id = ? and r.target_month <= ? and r.target_month + interval '1 month' > ?
                and r.opens_at <= ? and r.first_come_at > ?""")
            .params(roomId, to, from, ts(now), ts(now)).query(LotteryRepository::round).list();
    }

    /** {@link #holding} of many rooms in one statement, by room id (rooms without a holding round are absent). */
    public Map<Long, List<LotteryRound>> holdingRooms(Collection<Long> roomIds, LocalDate from, LocalDate to, Instant now) {
        Map<Long, List<LotteryRound>> result = new java.util.HashMap<>();
        if (roomIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select rr.room_id as held_room_id, r.* from reservation_lottery_round r
                join reservation_lottery_room rr on rr.round_id = r.id
                where rr.room_id = any(?) and r.target_month <= ? and r.target_month + interval '1 month' > ?
                and r.opens_at <= ? and r.first_come_at > ?""")
            .params(roomIds.toArray(Long[]::new), to, from, ts(now), ts(now))
            .query((java.sql.ResultSet rs) -> {
                result.computeIfAbsent(rs.getLong("held_room_id"), k -> new ArrayList<>()).add(round(rs, 0));
            });
        return result;
    }

    /** Ids of rounds of the same target month that already cover one of the rooms. */
    public List<Long> overlapping(LocalDate month, List<Long> roomIds) {
        if (roomIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct r.id from reservation_lottery_round r join reservation_lottery_room rr on rr.round_id = r.id
                where r.target_month = :month and rr.room_id in (:rooms)""")
            .param("month", month).param("rooms", roomIds).query(Long.class).list();
    }

    public List<Long> due(String phase, String column, Instant now) {
        return jdbc.sql("select id from reservation_lottery_round where phase = ? and " + column + " <= ? order by id")
            .params(phase, ts(now)).query(Long.class).list();
    }

    public void committed(long roundId, String listCsv, String listSha, String seed, String seedSha, Instant now) {
        jdbc.sql("""
                update reservation_lottery_round set phase = 'COMMITTED', list_csv = ?, list_sha256 = ?, seed = ?,
                    seed_sha256 = ?, committed_at = ? where id = ? and phase = 'PLANNED'""")
            .params(listCsv, listSha, seed, seedSha, ts(now), roundId).update();
    }

    public void drawn(long roundId, String resultsCsv, Instant now) {
        jdbc.sql("update reservation_lottery_round set phase = 'DRAWN', results_csv = ?, drawn_at = ? where id = ? and phase = 'COMMITTED'")
            .params(resultsCsv, ts(now), roundId).update();
    }

    /** The seed, which only the draw may read before it is published. */
    public String secretSeed(long roundId) {
        return jdbc.sql("select seed from reservation_lottery_round where id = ?").param(roundId).query(String.class).single();
    }

    public Optional<String> listCsv(long roundId) {
        return jdbc.sql("select list_csv from reservation_lottery_round where id = ? and phase <> 'PLANNED'").param(roundId)
            .query(String.class).optional();
    }

    public Optional<String> resultsCsv(long roundId) {
        return jdbc.sql("select results_csv from reservation_lottery_round where id = ? and phase = 'DRAWN'").param(roundId)
            .query(String.class).optional();
    }

    public long applicationCount(long roundId) {
        return jdbc.sql("select count(*) from reservation_lottery_application where round_id = ?").param(roundId)
            .query(Long.class).single();
    }

    public long applicantCount(long roundId) {
        return jdbc.sql("select count(distinct (applicant_kind, applicant_id)) from reservation_lottery_application where round_id = ?")
            .param(roundId).query(Long.class).single();
    }

    // ---- applicants and applications ----

    /** The applicant's public reference in the round, created (random) on first use. The row is locked. */
    public String lockApplicant(long roundId, String kind, long applicantId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            jdbc.sql("""
                    insert into reservation_lottery_applicant (round_id, applicant_kind, applicant_id, reference)
                    values (?, ?, ?, ?) on conflict do nothing""")
                .params(roundId, kind, applicantId, VerifiableDraw.newReference()).update();
            Optional<String> ref = jdbc.sql("""
                    select reference from reservation_lottery_applicant
                    where round_id = ? and applicant_kind = ? and applicant_id = ? for update""")
                .params(roundId, kind, applicantId).query(String.class).optional();
            if (ref.isPresent()) {
                return ref.get();
            }
        }
        throw new IllegalStateException("no free reference");
    }

    /** Serialises one applicant's applications for one target month (a transaction-scoped advisory lock). */
    public void lockApplicantMonth(String kind, long applicantId, LocalDate month) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('lottery-month'), hashtext(?))")
            .param(kind + ":" + applicantId + ":" + month).query(Object.class).optional();
    }

    /** The applicant's applications in every round of the target month (the cap of entries counts them all). */
    public long applicationsInMonth(String kind, long applicantId, LocalDate month) {
        return jdbc.sql("""
                select count(*) from reservation_lottery_application a join reservation_lottery_round r on r.id = a.round_id
                where a.applicant_kind = ? and a.applicant_id = ? and r.target_month = ?""")
            .params(kind, applicantId, month).query(Long.class).single();
    }

    public Optional<String> reference(long roundId, String kind, long applicantId) {
        return jdbc.sql("""
                select reference from reservation_lottery_applicant
                where round_id = ? and applicant_kind = ? and applicant_id = ?""")
            .params(roundId, kind, applicantId).query(String.class).optional();
    }

    public long insertApplication(long roundId, String kind, long applicantId, Instant now) {
        return jdbc.sql("""
                insert into reservation_lottery_application (round_id, applicant_kind, applicant_id, created_at)
                values (?, ?, ?, ?) returning id""")
            .params(roundId, kind, applicantId, ts(now)).query(Long.class).single();
    }

    public void insertChoice(long applicationId, Choice c) {
        jdbc.sql("insert into reservation_lottery_choice (application_id, rank, room_id, use_date, slot_code) values (?, ?, ?, ?, ?)")
            .params(applicationId, c.rank(), c.roomId(), c.date(), c.slotCode()).update();
    }

    public boolean deleteApplication(long applicationId) {
        return jdbc.sql("delete from reservation_lottery_application where id = ?").param(applicationId).update() == 1;
    }

    public List<Application> applicationsOf(long roundId, String kind, long applicantId) {
        return applications("a.round_id = ? and a.applicant_kind = ? and a.applicant_id = ?", roundId, kind, applicantId);
    }

    public List<Application> applicationsOfPerson(long accountId) {
        return applications("a.applicant_kind = 'PERSON' and a.applicant_id = ?", accountId);
    }

    public List<Application> applicationsOfGroup(long groupId) {
        return applications("a.applicant_kind = 'GROUP' and a.applicant_id = ?", groupId);
    }

    public Optional<Application> application(long id) {
        return applications("a.id = ?", id).stream().findFirst();
    }

    private List<Application> applications(String where, Object... params) {
        Map<Long, Application> found = new LinkedHashMap<>();
        jdbc.sql("""
                select a.*, c.rank, c.room_id, c.use_date, c.slot_code from reservation_lottery_application a
                left join reservation_lottery_choice c on c.application_id = a.id
                where %s order by a.round_id desc, a.id, c.rank""".formatted(where))
            .params(params).query((ResultSet rs) -> {
                long id = rs.getLong("id");
                Application a = found.get(id);
                if (a == null) {
                    a = new Application(id, rs.getLong("round_id"), rs.getString("applicant_kind"), rs.getLong("applicant_id"),
                        rs.getTimestamp("created_at").toInstant(), (Integer) rs.getObject("card_no"),
                        (Integer) rs.getObject("won_rank"), (Long) rs.getObject("booking_id"), new ArrayList<>());
                    found.put(id, a);
                }
                if (rs.getObject("rank") != null) {
                    a.choices().add(new Choice(rs.getInt("rank"), rs.getLong("room_id"), rs.getDate("use_date").toLocalDate(),
                        rs.getString("slot_code")));
                }
            });
        return List.copyOf(found.values());
    }

    /** Removes the reference of an applicant who withdrew every application (they are not in the list). */
    public void deleteApplicantsWithoutApplications(long roundId) {
        jdbc.sql("""
                delete from reservation_lottery_applicant p where p.round_id = ? and not exists (
                    select 1 from reservation_lottery_application a where a.round_id = p.round_id
                    and a.applicant_kind = p.applicant_kind and a.applicant_id = p.applicant_id)""")
            .param(roundId).update();
    }

    /** Numbers each applicant's applications 1, 2, … in the order they were made (id order). */
    public void numberApplications(long roundId) {
        jdbc.sql("""
                update reservation_lottery_application a set card_no = n.no from (
                    select id, row_number() over (partition by applicant_kind, applicant_id order by id) as no
                    from reservation_lottery_application where round_id = ?) n
                where a.id = n.id""")
            .param(roundId).update();
    }

    /** Every choice of the round with the applicant's reference and the application's number: the list's rows. */
    public List<VerifiableDraw.Entry> entries(long roundId) {
        return jdbc.sql("""
                select p.reference, a.card_no, c.rank, c.room_id, c.use_date, c.slot_code
                from reservation_lottery_application a
                join reservation_lottery_applicant p on p.round_id = a.round_id and p.applicant_kind = a.applicant_kind
                    and p.applicant_id = a.applicant_id
                join reservation_lottery_choice c on c.application_id = a.id
                where a.round_id = ?""")
            .param(roundId).query((rs, n) -> new VerifiableDraw.Entry(rs.getString(1), rs.getInt(2), rs.getInt(3),
                LotteryFormat.choice(rs.getLong(4), rs.getDate(5).toLocalDate(), rs.getString(6)))).list();
    }

    /** (reference, application number) → application id, applicant kind and id, for the winners' bookings. */
    public record Card(long applicationId, String kind, long applicantId) {}

    public Map<String, Card> cards(long roundId) {
        Map<String, Card> cards = new java.util.HashMap<>();
        jdbc.sql("""
                select p.reference, a.card_no, a.id, a.applicant_kind, a.applicant_id from reservation_lottery_application a
                join reservation_lottery_applicant p on p.round_id = a.round_id and p.applicant_kind = a.applicant_kind
                    and p.applicant_id = a.applicant_id
                where a.round_id = ?""")
            .param(roundId).query((ResultSet rs) -> {
                cards.put(rs.getString(1) + "#" + rs.getInt(2), new Card(rs.getLong(3), rs.getString(4), rs.getLong(5)));
            });
        return cards;
    }

    /** Stores each winning application's rank and booking (null when the slot could not be booked). */
    public void markWinners(List<long[]> winners) {
        if (winners.isEmpty()) {
            return;
        }
        Long[] app = new Long[winners.size()];
        Long[] rank = new Long[winners.size()];
        Long[] booking = new Long[winners.size()];
        for (int i = 0; i < winners.size(); i++) {
            app[i] = winners.get(i)[0];
            rank[i] = winners.get(i)[1];
            booking[i] = winners.get(i)[2] < 0 ? null : winners.get(i)[2];
        }
        jdbc.sql("""
                update reservation_lottery_application a set won_rank = u.rank, booking_id = u.booking
                from unnest(cast(:app as bigint[]), cast(:rank as bigint[]), cast(:booking as bigint[])) as u(app, rank, booking)
                where a.id = u.app""")
            .param("app", app).param("rank", rank).param("booking", booking).update();
    }

    // ---- result mail ----

    /** Applicants of drawn rounds not told yet, locked so two instances never mail one twice. */
    public List<Applicant> unnotified(int limit) {
        return jdbc.sql("""
                select p.round_id, p.applicant_kind, p.applicant_id, p.reference from reservation_lottery_applicant p
                join reservation_lottery_round r on r.id = p.round_id
                where r.phase = 'DRAWN' and p.notified_at is null
                order by p.round_id, p.reference limit ? for update of p skip locked""")
            .param(limit).query((rs, n) -> new Applicant(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
    }

    public void notified(Applicant a, Instant now) {
        jdbc.sql("update reservation_lottery_applicant set notified_at = ? where round_id = ? and applicant_kind = ? and applicant_id = ?")
            .params(ts(now), a.roundId(), a.kind(), a.applicantId()).update();
    }

    // ---- what refers to slots, and a person's data ----

    /** Rounds not drawn yet that cover one of the rooms {@code condition} selects (columns room_id, facility_id). */
    public long undrawnRoundsCovering(String condition, Map<String, Object> params) {
        var spec = jdbc.sql("""
                select count(distinct r.id) from reservation_lottery_round r
                join reservation_lottery_room lr on lr.round_id = r.id where r.phase <> 'DRAWN'""" + " and " + condition);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query(Long.class).single();
    }

    /** One round of a person's applications as their export shows it. */
    public record PersonRound(long roundId, String round, String reference, List<Application> applications) {}

    public List<PersonRound> ofPerson(long accountId) {
        List<PersonRound> out = new ArrayList<>();
        Map<Long, List<Application>> byRound = new LinkedHashMap<>();
        for (Application a : applicationsOfPerson(accountId)) {
            byRound.computeIfAbsent(a.roundId(), k -> new ArrayList<>()).add(a);
        }
        for (var r : jdbc.sql("""
                select p.round_id, r.name_en, p.reference from reservation_lottery_applicant p
                join reservation_lottery_round r on r.id = p.round_id
                where p.applicant_kind = 'PERSON' and p.applicant_id = ? order by p.round_id desc""")
            .param(accountId).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list()) {
            long round = (Long) r[0];
            out.add(new PersonRound(round, (String) r[1], (String) r[2], byRound.getOrDefault(round, List.of())));
        }
        return out;
    }

    /** Account deletion: the person's references and applications (with their choices) go. */
    public int deletePerson(long accountId) {
        return jdbc.sql("delete from reservation_lottery_applicant where applicant_kind = 'PERSON' and applicant_id = ?")
            .param(accountId).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static LotteryRound round(ResultSet rs, int n) throws SQLException {
        return new LotteryRound(rs.getLong("id"), rs.getString("name_ja"), rs.getString("name_en"),
            rs.getDate("target_month").toLocalDate(), instant(rs, "opens_at"), instant(rs, "closes_at"),
            instant(rs, "draw_at"), instant(rs, "confirm_by"), instant(rs, "first_come_at"), rs.getInt("max_choices"),
            rs.getInt("max_applications"), LotteryRound.Phase.valueOf(rs.getString("phase")), rs.getString("list_sha256"),
            rs.getString("seed_sha256"), "DRAWN".equals(rs.getString("phase")) ? rs.getString("seed") : null, instant(rs, "committed_at"), instant(rs, "drawn_at"),
            new LotteryRound.Who(rs.getBoolean("individuals"), rs.getBoolean("groups"), rs.getBoolean("non_residents")));
    }
}
