package jp.machi.reservation.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jp.machi.draw.VerifiableDraw;
import jp.machi.reservation.IndependentLotteryCheck;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import org.junit.jupiter.api.Test;

/**
 * The reservation lottery's draw as a pure function of the published list and seed: deterministic, as documented in
 * docs/modules/reservation.md (an independent re-implementation agrees byte for byte), and checkable.
 */
class LotteryDrawTest {

    static List<VerifiableDraw.Entry> random(long seed, int applicants, int slots) {
        Random r = new Random(seed);
        List<VerifiableDraw.Entry> entries = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (int a = 0; a < applicants; a++) {
            String ref;
            do {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    s.append(VerifiableDraw.REFERENCE_ALPHABET.charAt(r.nextInt(32)));
                }
                ref = s.toString();
            } while (!refs.add(ref));
            int cards = 1 + r.nextInt(2);
            Set<Integer> used = new HashSet<>();
            for (int c = 1; c <= cards; c++) {
                int choices = 1 + r.nextInt(3);
                for (int k = 1; k <= choices; k++) {
                    int slot;
                    do {
                        slot = r.nextInt(slots);
                    } while (!used.add(slot));
                    entries.add(entry(ref, c, k, 100 + slot % 7, LocalDate.of(2027, 1, 1).plusDays(slot / 21),
                        List.of("am", "pm", "night").get(slot % 3)));
                }
            }
        }
        return entries;
    }

    static VerifiableDraw.Entry entry(String ref, int application, int rank, long room, LocalDate date, String slot) {
        return new VerifiableDraw.Entry(ref, application, rank, LotteryFormat.choice(room, date, slot));
    }

    static String list(List<VerifiableDraw.Entry> entries) {
        return VerifiableDraw.listCsv(LotteryFormat.FORMAT, entries);
    }

    static String results(String list, String seed) {
        return VerifiableDraw.resultsCsv(LotteryFormat.FORMAT,
            VerifiableDraw.draw(VerifiableDraw.parseList(LotteryFormat.FORMAT, list), seed));
    }

    @Test
    void theDrawIsDeterministicAndEqualsTheDocumentedProcedureReimplementedIndependently() throws Exception {
        for (long s = 1; s <= 5; s++) {
            String list = list(random(s, 300, 120));
            assertThat(list).startsWith("reference,application,rank,room,date,slot\n");
            String seed = VerifiableDraw.newSeed();
            String results = results(list, seed);
            assertThat(results(list, seed)).isEqualTo(results);
            assertThat(IndependentLotteryCheck.results(list, seed)).isEqualTo(results);
            // no slot is won twice, each application wins at most once, and first choices come before second ones
            List<LotteryFormat.Result> parsed = LotteryFormat.results(results);
            Set<String> slots = new HashSet<>();
            for (LotteryFormat.Result r : parsed) {
                if (r.won()) {
                    assertThat(slots.add(r.room() + "/" + r.date() + "/" + r.slot())).isTrue();
                }
            }
            assertThat(parsed).hasSize((int) VerifiableDraw.parseList(LotteryFormat.FORMAT, list).stream()
                .map(e -> e.reference() + "#" + e.application()).distinct().count());
        }
    }

    @Test
    void firstChoicesBeatSecondChoicesWhateverTheOrder() {
        // B's first choice is A's second choice: B gets it even if A comes first in the order
        for (int i = 0; i < 20; i++) {
            String seed = VerifiableDraw.newSeed();
            List<VerifiableDraw.Entry> entries = List.of(
                entry("AAAAAAAAAA", 1, 1, 1, LocalDate.of(2027, 1, 5), "am"),
                entry("AAAAAAAAAA", 1, 2, 1, LocalDate.of(2027, 1, 5), "pm"),
                entry("BBBBBBBBBB", 1, 1, 1, LocalDate.of(2027, 1, 5), "pm"),
                entry("CCCCCCCCCC", 1, 1, 1, LocalDate.of(2027, 1, 5), "am"));
            var results = VerifiableDraw.draw(entries, seed);
            assertThat(results.get(1)).isEqualTo(new VerifiableDraw.Result("BBBBBBBBBB", 1, 1, "1,2027-01-05,pm"));
            boolean aFirst = VerifiableDraw.positionKey(seed, "AAAAAAAAAA")
                .compareTo(VerifiableDraw.positionKey(seed, "CCCCCCCCCC")) < 0;
            assertThat(results.get(0).won()).isEqualTo(aFirst);
            assertThat(results.get(2).won()).isEqualTo(!aFirst);
        }
    }

    /**
     * The rule as the lottery page says it (reservation.lottery.rule): one application wins at most one slot; every
     * application is won or lost on its own, so one person can win more than one; each person has one place in the
     * order however many applications they send.
     */
    @Test
    void oneApplicationWinsAtMostOneSlotAndOnePersonCanWinSeveral() {
        LocalDate day = LocalDate.of(2027, 1, 9);
        List<VerifiableDraw.Entry> entries = List.of(
            entry("AAAAAAAAAA", 1, 1, 7, day, "am"), entry("AAAAAAAAAA", 1, 2, 7, day, "pm"),
            entry("AAAAAAAAAA", 2, 1, 7, day, "night"));
        var results = VerifiableDraw.draw(entries, VerifiableDraw.newSeed());
        // both applications of the same reference win (the page says so), the first only its first choice
        assertThat(results).containsExactly(new VerifiableDraw.Result("AAAAAAAAAA", 1, 1, "7,2027-01-09,am"),
            new VerifiableDraw.Result("AAAAAAAAAA", 2, 1, "7,2027-01-09,night"));
    }

    @Test
    void moreApplicationsDoNotGiveMorePlacesInTheOrder() {
        // A sends three applications, B one; all four want the same first slot X, A's others are free as second choices.
        // With one place per person, B gets X in about half the draws (with one place per application: a quarter).
        LocalDate day = LocalDate.of(2027, 1, 9);
        int bWins = 0;
        int draws = 400;
        for (int i = 0; i < draws; i++) {
            List<VerifiableDraw.Entry> entries = new ArrayList<>();
            for (int card = 1; card <= 3; card++) {
                entries.add(entry("AAAAAAAAAA", card, 1, 7, day, "am"));
            }
            entries.add(entry("BBBBBBBBBB", 1, 1, 7, day, "am"));
            var results = VerifiableDraw.draw(entries, VerifiableDraw.newSeed());
            assertThat(results.stream().filter(VerifiableDraw.Result::won)).hasSize(1);
            if (results.get(3).won()) {
                bWins++;
            }
        }
        assertThat(bWins).isBetween(draws * 35 / 100, draws * 65 / 100);
    }

    @Test
    void anApplicationLosesOnlyWhenEveryChoiceWentToAnotherApplication() {
        // what the result page says of a lost application
        for (long s = 1; s <= 3; s++) {
            List<VerifiableDraw.Entry> entries = random(s, 200, 60);
            var results = VerifiableDraw.draw(entries, VerifiableDraw.newSeed());
            Set<String> won = new HashSet<>();
            results.stream().filter(VerifiableDraw.Result::won).forEach(r -> won.add(r.choice()));
            for (VerifiableDraw.Result r : results) {
                if (!r.won()) {
                    entries.stream().filter(e -> e.reference().equals(r.reference()) && e.application() == r.application())
                        .forEach(e -> assertThat(won).contains(e.choice()));
                }
            }
        }
    }

    @Test
    void tamperedListSeedOrResultsAreDetected() {
        String list = list(random(42, 50, 30));
        String seed = VerifiableDraw.newSeed();
        String results = results(list, seed);
        String listSha = VerifiableDraw.sha256(list);
        String seedSha = VerifiableDraw.sha256(seed);
        assertThat(VerifiableDraw.verify(LotteryFormat.FORMAT, list, seed, results, listSha, seedSha).allGood()).isTrue();

        String otherSeed = VerifiableDraw.newSeed();
        var seedSwapped = VerifiableDraw.verify(LotteryFormat.FORMAT, list, otherSeed, results, listSha, seedSha);
        assertThat(seedSwapped.seedMatchesCommitment()).isFalse();
        assertThat(seedSwapped.resultsMatch()).isFalse();

        // drop one application line (an entry quietly removed after the commitment)
        String cut = list.substring(0, list.indexOf('\n') + 1) + list.substring(list.indexOf('\n', list.indexOf('\n') + 1) + 1);
        var listCut = VerifiableDraw.verify(LotteryFormat.FORMAT, cut, seed, results, listSha, seedSha);
        assertThat(listCut.listMatchesCommitment()).isFalse();
        assertThat(listCut.allGood()).isFalse();

        // a result changed: one loser made a winner of a free slot
        String forged = results.replaceFirst("(?m)^([0-9A-Z]{10}),(\\d+),,,,$", "$1,$2,1,999,2027-01-31,am");
        assertThat(forged).isNotEqualTo(results);
        var forgedCheck = VerifiableDraw.verify(LotteryFormat.FORMAT, list, seed, forged, listSha, seedSha);
        assertThat(forgedCheck.listMatchesCommitment()).isTrue();
        assertThat(forgedCheck.seedMatchesCommitment()).isTrue();
        assertThat(forgedCheck.resultsMatch()).isFalse();

        assertThat(VerifiableDraw.verify(LotteryFormat.FORMAT, "garbage", seed, results, listSha, seedSha).problem())
            .startsWith("list");
        assertThat(VerifiableDraw.verify(LotteryFormat.FORMAT, list, "not-a-seed", results, listSha, seedSha).problem())
            .isEqualTo("seed");
        // a day that does not exist, a room with a leading zero: not a list of this format
        String badDay = list.replaceFirst("2027-01-0(\\d)", "2027-02-3$1");
        assertThat(VerifiableDraw.verify(LotteryFormat.FORMAT, badDay, seed, results, listSha, seedSha).problem())
            .startsWith("list:line");
    }
}
