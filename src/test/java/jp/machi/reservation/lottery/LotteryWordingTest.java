package jp.machi.reservation.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A lottery result in words: facility, room, the day in the ward's style and the slot's name, in ja and en. */
@MachiTest
class LotteryWordingTest {

    @Autowired LotteryWording wording;
    @Autowired BookableRooms rooms;

    @Test
    void aWinNamesFacilityRoomDayAndSlotInBothLanguages() {
        BookableRoom room = rooms.byFacility().values().stream().flatMap(java.util.List::stream)
            .filter(r -> r.slot("am").isPresent()).findFirst().orElseThrow();
        LocalDate day = LocalDate.of(2027, 1, 9);
        String ja = wording.in(Locale.JAPANESE).won(1, room.room().id(), day, "am");
        assertThat(ja).isEqualTo("当選（第1希望）：" + room.facility().name().in(Locale.JAPANESE) + " "
            + room.room().name().in(Locale.JAPANESE) + "、令和9年1月9日（土）、" + room.slot("am").get().labelJa() + "（9:00–12:00）");
        String en = wording.in(Locale.ENGLISH).won(2, room.room().id(), day, "am");
        assertThat(en).isEqualTo("Won (choice 2): " + room.facility().name().in(Locale.ENGLISH) + " "
            + room.room().name().in(Locale.ENGLISH) + ", Sat 9 January 2027, " + room.slot("am").get().labelEn() + " (9:00–12:00)");
        assertThat(en).doesNotContain("2027-01-09").doesNotContain(" am").doesNotContain("room " + room.room().id());
    }

    @Test
    void aLossSaysWhatHappenedAndNeverNotDrawn() {
        assertThat(wording.in(Locale.ENGLISH).lost()).startsWith("Not won").doesNotContain("drawn");
        assertThat(wording.in(Locale.JAPANESE).lost()).startsWith("落選（");
        assertThat(wording.rule(Locale.ENGLISH)).contains("more than one").doesNotContain("''").doesNotContain("SHA");
        assertThat(wording.rule(Locale.JAPANESE)).contains("1つの枠だけ").doesNotContain("ハッシュ").doesNotContain("シード");
    }

    @Test
    void aRoomNoLongerBookableIsSaidInWordsNotAsANumber() {
        String ja = wording.in(Locale.JAPANESE).slot(987_654_321L, LocalDate.of(2027, 1, 9), "am");
        assertThat(ja).doesNotContain("987654321").contains("令和9年1月9日（土）");
    }
}
