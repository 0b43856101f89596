package jp.machi.reservation.legacy.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import jp.machi.facility.FacilitySummary;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.groups.Groups;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Component;

/**
 * Reservation's dataset in the open data catalog: utilisation by facility and month, as staff see it on the
 * utilisation page ({@link Utilisation}), for the twelve months before the current one, the current month and the next
 * two (bookings so far: how busy the coming months already are). Counts only, never who booked.
 *
 * <p>Revision: the day (Tokyo), the bookings of the period and the blocks. A new booking, a cancellation, a no-show
 * or a block is in the next download at once; a change of opening hours or slot templates (which changes the
 * available slots) is in it from the next day.
 */
@Component
class UtilisationDataset implements DatasetSource {

    static final int MONTHS_BEFORE = 12;
    static final int MONTHS_AFTER = 2;

    private final Utilisation utilisation;
    private final BookableRooms rooms;
    private final Bookings bookings;
    private final Groups groups;
    private final WardProfile ward;
    private final Clock clock;

    UtilisationDataset(Utilisation utilisation, BookableRooms rooms, Bookings bookings, Groups groups, WardProfile ward,
                       Clock clock) {
        this.utilisation = utilisation;
        this.rooms = rooms;
        this.bookings = bookings;
        this.groups = groups;
        this.ward = ward;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    @Override
    public List<PublishedDataset> datasets() {
        return List.of(new PublishedDataset("facility-utilisation", "facility_utilisation", null,
            new LocalizedText("施設予約の利用状況（施設別・月別）", "Facility booking utilisation by facility and month"),
            new LocalizedText("オンライン予約できる部屋の、施設ごと・月ごとの予約できるコマ数、予約されたコマ数（取消しを除く）、"
                + "保守・行政使用で休止したコマ数と利用率。過去12か月、今月と先2か月（集計日までの予約）。予約した人の情報は含みません。",
                "For each facility and month: the slots that could be booked online, the slots booked (cancellations left "
                    + "out), the slots closed for maintenance or ward use, and the rate booked. The last twelve months, "
                    + "this month and the next two (bookings up to the day of the count). Nothing about who booked."),
            "kyodo-suishin", DataCategory.EDUCATION_CULTURE, List.of("施設予約", "区民館", "利用状況"), UpdateFrequency.DAILY,
            List.of(Column.id("全国地方公共団体コード", "localGovernmentCode", Identifier.LOCAL_GOVERNMENT_CODE),
                Column.id("施設ID", "facilityId", Identifier.FACILITY_ID), Column.of("施設名", "facilityName"),
                Column.of("年月", "month"), Column.of("予約可能コマ数", "availableSlots"),
                Column.of("予約コマ数", "bookedSlots"), Column.of("休止コマ数", "closedSlots"),
                Column.of("利用率", "utilisationPercent"), Column.of("集計日", "countedOn")),
            null, null,
            () -> {
                LocalDate today = today();
                YearMonth now = YearMonth.from(today);
                return today + "|" + bookings.changeToken(now.minusMonths(MONTHS_BEFORE).atDay(1), now.plusMonths(MONTHS_AFTER).atEndOfMonth())
                    + "|" + groups.blocksChangeToken();
            },
            (limit, sink) -> {
                LocalDate today = today();
                YearMonth now = YearMonth.from(today);
                String code = ward.code();
                int n = 0;
                List<FacilitySummary> facilities = rooms.byFacility().keySet().stream()
                    .sorted(Comparator.comparing(FacilitySummary::id)).toList();
                for (FacilitySummary f : facilities) {
                    for (Utilisation.Row r : utilisation.table(List.of(f), now.minusMonths(MONTHS_BEFORE), now.plusMonths(MONTHS_AFTER))) {
                        if (n++ >= limit) {
                            return;
                        }
                        sink.row(List.of(code, f.id(), f.name().ja(), r.month().toString(), Long.toString(r.available()),
                            Long.toString(r.bookings()), Long.toString(r.blocked()), r.percent(), today.toString()));
                    }
                }
            }));
    }
}
