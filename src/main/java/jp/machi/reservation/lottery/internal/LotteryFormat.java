package jp.machi.reservation.lottery.internal;

import java.time.LocalDate;
import java.util.List;
import jp.machi.draw.DrawFormat;
import jp.machi.draw.VerifiableDraw;

/**
 * The reservation lottery's published format: a choice is a room, a day and a slot
 * ({@code reference,application,rank,room,date,slot}); docs/modules/reservation.md, "How to check a lottery".
 */
public final class LotteryFormat {

    /** Room id (a whole number without leading zeros), day {@code YYYY-MM-DD}, slot code. */
    public static final DrawFormat FORMAT = DrawFormat.of(DrawFormat.Column.matching("room", "0|[1-9][0-9]{0,17}"),
        DrawFormat.Column.date("date"), DrawFormat.Column.matching("slot", "[a-z0-9-]{1,16}"));

    private LotteryFormat() {}

    /** The choice's columns as the list writes them. */
    public static String choice(long roomId, LocalDate date, String slot) {
        return roomId + "," + date + "," + slot;
    }

    /** One application's result with its choice read back: room, day and slot are null when it won nothing. */
    public record Result(String reference, int application, Integer rank, Long room, LocalDate date, String slot) {

        public boolean won() {
            return rank != null;
        }

        static Result of(VerifiableDraw.Result r) {
            if (!r.won()) {
                return new Result(r.reference(), r.application(), null, null, null, null);
            }
            String[] c = r.choice().split(",", 3);
            return new Result(r.reference(), r.application(), r.rank(), Long.valueOf(c[0]), LocalDate.parse(c[1]), c[2]);
        }
    }

    /** Reads published results. */
    public static List<Result> results(String csv) {
        return VerifiableDraw.parseResults(FORMAT, csv).stream().map(Result::of).toList();
    }
}
