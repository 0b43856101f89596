package jp.machi.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.PersonalDataService;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.legacy.internal.LegacyImport;
import jp.machi.reservation.lottery.internal.LotteryRepository;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 自己情報の開示 and erasure for reservation alone: a resident with a registration checked at a counter, a paid, an unpaid
 * and a late-cancelled booking (with its penalty), a group they represent, a lottery application, a calendar feed and
 * bookings imported under their address that they claimed. The export names every part; after the account is deleted,
 * no reservation table names them, the paid booking stays for the ward's accounts without them, and their group is
 * withdrawn with its members released.
 */
@MachiTest
class ReservationPersonalDataTest {

    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms rooms;
    @Autowired Bookings bookings;
    @Autowired Payments payments;
    @Autowired Cancellations cancellations;
    @Autowired CalendarFeed feed;
    @Autowired GroupService groups;
    @Autowired LotteryService lottery;
    @Autowired LegacyImport imports;
    @Autowired AccountService accounts;
    @Autowired PersonalDataService personalData;

    @Test
    void everyPartExportsAndErasesWhatItHoldsAboutAPerson() throws Exception {
        String name = "予約消去" + System.nanoTime();
        var who = TestResidents.create(jdbc, "RESIDENT", name);
        String email = jdbc.sql("select email from account where id = ?").param(who.id()).query(String.class).single();
        long staff = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        jdbc.sql("""
                update reservation_booker set evidence_kind = 'driver-licence', evidence_checked_at = now(),
                    evidence_checked_by = ? where account_id = ?""").params(staff, who.id()).update();

        // bookings: paid, unpaid, cancelled late (a penalty names it)
        var hall = TestRooms.create(jdbc, "kumin-kan", 30, false, false);
        LocalDate day = TestRooms.openDay(rooms, hall.roomId(), 20, "am");
        long paid = book(who.id(), hall.roomId(), day, "am");
        payments.markPaid(staff, paid);
        long unpaid = book(who.id(), hall.roomId(), day, "pm");
        LocalDate soon = TestRooms.openDay(rooms, hall.roomId(), 1, "night");
        long late = book(who.id(), hall.roomId(), soon, "night");
        // booked an hour ago: past the free cancellation after booking, so cancelling now is late
        jdbc.sql("update reservation_booking set created_at = now() - interval '1 hour' where id = ?").param(late).update();
        cancellations.byBooker(who.id(), late);
        assertThat(jdbc.sql("select count(*) from reservation_penalty where booker_account_id = ?").param(who.id())
            .query(Long.class).single()).isEqualTo(1);

        // a group they represent, with a member known by address
        String memberEmail = "member-" + UUID.randomUUID() + "@example.com";
        long group = groups.register(who.id(), "消去テスト団体" + who.id(), "ショウキョテストダンタイ", "合唱",
            List.of(new GroupService.NewMember("団員 一", memberEmail, true), new GroupService.NewMember("団員 二", null, true),
                new GroupService.NewMember("団員 三", null, true), new GroupService.NewMember("団員 四", null, true)));
        groups.approve(staff, group, null);

        // a lottery application, a calendar feed, an imported booker they claimed
        var place = LotteryFixtures.facility(jdbc, 1);
        LocalDate month = LotteryFixtures.targetMonth(rooms.today());
        long round = lottery.createRound(LotteryFixtures.openRound("消去 " + place.facilityId(), month, place.rooms(), 3, 2), null);
        lottery.apply(who.id(), round, List.of(new LotteryRepository.Choice(0, place.rooms().get(0),
            LotteryFixtures.weekday(month, 3), "am")), Instant.now());
        LotteryFixtures.retire(jdbc);
        feed.reset(who.id());
        long legacy = jdbc.sql("""
                insert into reservation_legacy_booker (legacy_id, name, email, residency, imported_at)
                values (?, ?, ?, 'RESIDENT', now()) returning id""")
            .params("L-" + who.id(), name, email).query(Long.class).single();
        assertThat(imports.claim(who.id(), email, legacy)).isZero();

        // the export names every part
        var export = personalData.export(who.id()).data();
        assertThat(export).containsKeys("reservation.booker", "reservation.bookings", "reservation.calendar-feed",
            "reservation.groups", "reservation.legacy-bookers", "reservation.lottery", "reservation.penalties");
        assertThat((List<?>) export.get("reservation.bookings")).hasSize(3);
        assertThat(export.get("reservation.booker").toString()).contains("driver-licence");
        assertThat(export.get("reservation.groups").toString()).contains("消去テスト団体");
        assertThat((List<?>) export.get("reservation.lottery")).hasSize(1);

        accounts.deleteAccount(who.id());

        assertThat(placesThatStillName(who.id(), email, name)).isEmpty();
        // the paid booking stays for the ward's accounts, cancelled with its fee to refund; the others are gone
        assertThat(jdbc.sql("select status || ' ' || (refund = fee) || ' ' || (erased_at is not null) from reservation_booking where id = ?")
            .param(paid).query(String.class).single()).isEqualTo("CANCELLED true true");
        assertThat(jdbc.sql("select count(*) from reservation_booking where id in (?, ?)").params(unpaid, late)
            .query(Long.class).single()).isZero();
        // the group is withdrawn, its members released, and nobody can be told in their name
        assertThat(jdbc.sql("select status from reservation_group where id = ?").param(group).query(String.class).single())
            .isEqualTo("WITHDRAWN");
        assertThat(jdbc.sql("select count(*) from reservation_group_member where group_id = ? and active").param(group)
            .query(Long.class).single()).isZero();
        // the slots of the deleted bookings are free again
        assertThat(rooms.availability(rooms.room(hall.roomId()).orElseThrow(), day, day).stream()
            .filter(a -> a.slot().code().equals("pm")).findFirst().orElseThrow().status().slug()).isEqualTo("open");
    }

    private long book(long bookerId, long roomId, LocalDate day, String slot) {
        return bookings.book(BookingRequest.of(bookerId, roomId, day, slot, UUID.randomUUID().toString())).booking().id();
    }

    /** Columns of reservation's tables that still hold the person's address, name or account number. */
    private List<String> placesThatStillName(long id, String email, String name) {
        List<String> found = new ArrayList<>();
        var columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' and table_name like 'reservation_%' order by 1, 2""")
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] c : columns) {
            String where;
            List<Object> params = new ArrayList<>();
            if (List.of("text", "character varying", "character").contains(c[2])) {
                where = c[1] + "::text ilike ? or " + c[1] + "::text ilike ?";
                params.add("%" + email + "%");
                params.add("%" + name + "%");
            } else if ("bigint".equals(c[2]) && c[1].matches(".*(account|booker|representative|applicant|claimed|cancelled|_by).*")) {
                where = c[1] + " = ?" + ("applicant_id".equals(c[1]) ? " and applicant_kind = 'PERSON'" : "");
                params.add(id);
            } else {
                continue;
            }
            long n = jdbc.sql("select count(*) from " + c[0] + " where " + where).params(params).query(Long.class).single();
            if (n > 0) {
                found.add(c[0] + "." + c[1] + " (" + n + ")");
            }
        }
        return found;
    }
}
