package jp.machi.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jp.machi.reservation.internal.LotteryDraw;
import org.junit.jupiter.api.Test;

/** The draw as a pure function: deterministic, as documented (an independent re-implementation agrees), checkable. */
class LotteryDrawTest {

    static List<LotteryDraw.Entry> random(long seed, int applicants, int slots) {
        Random r = new Random(seed);
        List<LotteryDraw.Entry> entries = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (int a = 0; a < applicants; a++) {
            String ref;
            do {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    s.append(LotteryDraw.REFERENCE_ALPHABET.charAt(r.nextInt(32)));
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
                    entries.add(new LotteryDraw.Entry(ref, c, k, 100 + slot % 7, LocalDate.of(2027, 1, 1).plusDays(slot / 21),
                        List.of("am", "pm", "night").get(slot % 3)));
                }
            }
        }
        return entries;
    }

    @Test
    void theDrawIsDeterministicAndEqualsTheDocumentedProcedureReimplementedIndependently() throws Exception {
        for (long s = 1; s <= 5; s++) {
            String list = LotteryDraw.listCsv(random(s, 300, 120));
            String seed = LotteryDraw.newSeed();
            String results = LotteryDraw.resultsCsv(LotteryDraw.draw(LotteryDraw.parseList(list), seed));
            assertThat(LotteryDraw.resultsCsv(LotteryDraw.draw(LotteryDraw.parseList(list), seed))).isEqualTo(results);
            assertThat(IndependentLotteryCheck.results(list, seed)).isEqualTo(results);
            // no slot is won twice, each application wins at most once, and first choices come before second ones
            List<LotteryDraw.Result> parsed = LotteryDraw.parseResults(results);
            Set<String> slots = new HashSet<>();
            for (LotteryDraw.Result r : parsed) {
                if (r.won()) {
                    assertThat(slots.add(r.room() + "/" + r.date() + "/" + r.slot())).isTrue();
                }
            }
            assertThat(parsed).hasSize((int) LotteryDraw.parseList(list).stream()
                .map(e -> e.reference() + "#" + e.application()).distinct().count());
        }
    }

    @Test
    void firstChoicesBeatSecondChoicesWhateverTheOrder() {
        // B's first choice is A's second choice: B gets it even if A comes first in the order
        for (int i = 0; i < 20; i++) {
            String seed = LotteryDraw.newSeed();
            List<LotteryDraw.Entry> entries = List.of(
                new LotteryDraw.Entry("AAAAAAAAAA", 1, 1, 1, LocalDate.of(2027, 1, 5), "am"),
                new LotteryDraw.Entry("AAAAAAAAAA", 1, 2, 1, LocalDate.of(2027, 1, 5), "pm"),
                new LotteryDraw.Entry("BBBBBBBBBB", 1, 1, 1, LocalDate.of(2027, 1, 5), "pm"),
                new LotteryDraw.Entry("CCCCCCCCCC", 1, 1, 1, LocalDate.of(2027, 1, 5), "am"));
            var results = LotteryDraw.draw(entries, seed);
            assertThat(results.get(1)).isEqualTo(new LotteryDraw.Result("BBBBBBBBBB", 1, 1, 1L, LocalDate.of(2027, 1, 5), "pm"));
            boolean aFirst = LotteryDraw.positionKey(seed, "AAAAAAAAAA").compareTo(LotteryDraw.positionKey(seed, "CCCCCCCCCC")) < 0;
            assertThat(results.get(0).won()).isEqualTo(aFirst);
            assertThat(results.get(2).won()).isEqualTo(!aFirst);
        }
    }

    @Test
    void tamperedListSeedOrResultsAreDetected() {
        String list = LotteryDraw.listCsv(random(42, 50, 30));
        String seed = LotteryDraw.newSeed();
        String results = LotteryDraw.resultsCsv(LotteryDraw.draw(LotteryDraw.parseList(list), seed));
        String listSha = LotteryDraw.sha256(list);
        String seedSha = LotteryDraw.sha256(seed);
        assertThat(LotteryDraw.verify(list, seed, results, listSha, seedSha).allGood()).isTrue();

        String otherSeed = LotteryDraw.newSeed();
        var seedSwapped = LotteryDraw.verify(list, otherSeed, results, listSha, seedSha);
        assertThat(seedSwapped.seedMatchesCommitment()).isFalse();
        assertThat(seedSwapped.resultsMatch()).isFalse();

        // drop one application line (an entry quietly removed after the commitment)
        String cut = list.substring(0, list.indexOf('\n') + 1) + list.substring(list.indexOf('\n', list.indexOf('\n') + 1) + 1);
        var listCut = LotteryDraw.verify(cut, seed, results, listSha, seedSha);
        assertThat(listCut.listMatchesCommitment()).isFalse();
        assertThat(listCut.allGood()).isFalse();

        // a result changed: one loser made a winner of a free slot
        String forged = results.replaceFirst("(?m)^([0-9A-Z]{10}),(\\d+),,,,$", "$1,$2,1,999,2027-01-31,am");
        assertThat(forged).isNotEqualTo(results);
        var forgedCheck = LotteryDraw.verify(list, seed, forged, listSha, seedSha);
        assertThat(forgedCheck.listMatchesCommitment()).isTrue();
        assertThat(forgedCheck.seedMatchesCommitment()).isTrue();
        assertThat(forgedCheck.resultsMatch()).isFalse();

        assertThat(LotteryDraw.verify("garbage", seed, results, listSha, seedSha).problem()).startsWith("list");
        assertThat(LotteryDraw.verify(list, "not-a-seed", results, listSha, seedSha).problem()).isEqualTo("seed");
    }
}
