package jp.machi.reservation.groups.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.facility.Facilities;
import jp.machi.facility.RoomSummary;
import jp.machi.identity.Accounts;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Residency;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the demo group 「練馬卓球クラブ（デモ）」, represented by the demo account club@demo.machi.example (registered as a
 * booker, 在住) with four members without accounts, approved for the usual period; and the sports room 「体育室（例）」 for
 * people of the ward only (individuals and groups, no 区外). Idempotent: the group once its representative is in a
 * group; the rule of who may book is set again as it is.
 */
@Component
class GroupsDemoData extends DemoData {

    private final GroupService groups;
    private final EligibilityCheck eligibility;
    private final Bookers bookers;
    private final Accounts accounts;
    private final Facilities facilities;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    GroupsDemoData(DemoMode demo, GroupService groups, EligibilityCheck eligibility, Bookers bookers, Accounts accounts,
                   Facilities facilities, JdbcClient jdbc, TransactionTemplate tx) {
        super(demo);
        this.groups = groups;
        this.eligibility = eligibility;
        this.bookers = bookers;
        this.accounts = accounts;
        this.facilities = facilities;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        tx.executeWithoutResult(s -> {
            for (RoomSummary r : facilities.allBookableRooms()) {
                if ("Sports room (example)".equals(r.name().in(Locale.ENGLISH))) {
                    eligibility.set(r.facilityId(), r.id(), true, true, false);
                }
            }
        });
        var rep = accounts.findByEmail("club@demo.machi.example").orElse(null);
        if (rep == null || groups.groupOf(rep.id()).isPresent()) {
            return;
        }
        Instant now = Instant.now();
        tx.executeWithoutResult(s -> {
            bookers.registerIfAbsent(rep.id(), Residency.RESIDENT);
            List<GroupService.NewMember> members = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                members.add(new GroupService.NewMember("クラブ会員 " + i, "club-member-" + i + "@demo.machi.example", i != 4));
            }
            long id = groups.register(rep.id(), "練馬卓球クラブ（デモ）", "ネリマタッキュウクラブ", "卓球の練習（デモ用の架空の団体）", members);
            LocalDate until = LocalDate.ofInstant(now, MachiClock.ZONE).plusMonths(groups.settings().validityMonths());
            jdbc.sql("update reservation_group set status = 'APPROVED', valid_until = ?, decided_at = ?, decision_note = 'demo' where id = ?")
                .params(until, Timestamp.from(now), id).update();
        });
    }
}
