package jp.machi.reservation.lottery;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.web.MachiDates;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How a lottery result is said to a person, in one place for the result pages and the result notice (mail): the
 * facility, the room, the day in the ward's style (令和9年1月9日（土） / Sat 9 January 2027) and the slot by its name
 * and times — never a room number, an ISO date or a slot code. The words themselves are the lottery's messages
 * ({@code reservation.lottery.wording.*}), so ja and en live with the rest of the lottery's texts.
 *
 * <p>Room lookups are cached per {@link Describer}: make one per page or notice, not per line.
 */
@Component
public class LotteryWording {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final BookableRooms rooms;
    private final MessageSource messages;

    LotteryWording(BookableRooms rooms, MessageSource messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    /** A describer for one language; it remembers the rooms it looked up. */
    public Describer in(Locale locale) {
        return new Describer(locale == null ? Locale.JAPANESE : locale);
    }

    /** The lottery's rule in plain words (how many applications, how many slots one can win, the order). */
    public String rule(Locale locale) {
        return messages.getMessage("reservation.lottery.rule", null, locale);
    }

    /** Says slots, wins and losses in one language. */
    public final class Describer {

        private final Locale locale;
        private final Map<Long, Optional<BookableRoom>> cache = new HashMap<>();

        private Describer(Locale locale) {
            this.locale = locale;
        }

        /** 「練馬区民館 集会室1、令和9年1月9日（土）、午前（9:00–12:00）」 */
        public String slot(long roomId, LocalDate date, String slotCode) {
            Optional<BookableRoom> room = cache.computeIfAbsent(roomId, rooms::room);
            String place = room.map(r -> r.facility().name().in(locale) + " " + r.room().name().in(locale))
                .orElseGet(() -> text("reservation.lottery.wording.unknownRoom"));
            String slot = room.flatMap(r -> r.slot(slotCode)).map(this::slotName)
                .orElseGet(() -> text("reservation.lottery.wording.unknownSlot"));
            return text("reservation.lottery.wording.slot", place, MachiDates.dateWithDay(date, locale), slot);
        }

        /** 「当選（第1希望）：練馬区民館 集会室1、令和9年1月9日（土）、午前（9:00–12:00）」 */
        public String won(int rank, long roomId, LocalDate date, String slotCode) {
            return text("reservation.lottery.wording.won", rank, slot(roomId, date, slotCode));
        }

        /** What a lost application means: every slot it chose went to other applications. */
        public String lost() {
            return text("reservation.lottery.wording.lost");
        }

        private String slotName(Slot s) {
            return text("reservation.lottery.wording.slotName", s.label(locale), TIME.format(s.start()), TIME.format(s.end()));
        }

        private String text(String key, Object... args) {
            return messages.getMessage(key, args.length == 0 ? null : args, locale);
        }
    }
}
