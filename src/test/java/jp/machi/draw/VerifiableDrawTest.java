package jp.machi.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The draw knows nothing of what is drawn: the same procedure over another format (one column, an event's session),
 * with its own header, its own checks of a choice, and the same guarantees.
 */
class VerifiableDrawTest {

    static final DrawFormat SESSIONS = DrawFormat.of(DrawFormat.Column.matching("session", "S[0-9]{1,3}"));

    @Test
    void anotherFormatDrawsWithTheSameProcedure() {
        List<VerifiableDraw.Entry> entries = new ArrayList<>();
        for (int a = 0; a < 40; a++) {
            String ref = String.format("R%09d", a);
            entries.add(new VerifiableDraw.Entry(ref, 1, 1, "S" + (a % 5)));
            entries.add(new VerifiableDraw.Entry(ref, 1, 2, "S" + (5 + a % 7)));
        }
        String list = VerifiableDraw.listCsv(SESSIONS, entries);
        assertThat(list).startsWith("reference,application,rank,session\nR000000000,1,1,S0\nR000000000,1,2,S5\n");
        String seed = VerifiableDraw.newSeed();
        List<VerifiableDraw.Result> results = VerifiableDraw.draw(VerifiableDraw.parseList(SESSIONS, list), seed);
        String csv = VerifiableDraw.resultsCsv(SESSIONS, results);
        // 12 sessions, one winner each; the losers' lines have two empty fields
        assertThat(results.stream().filter(VerifiableDraw.Result::won).count()).isEqualTo(12);
        assertThat(csv).contains(",1,,\n");
        assertThat(VerifiableDraw.parseResults(SESSIONS, csv)).isEqualTo(results.stream()
            .sorted(java.util.Comparator.comparing(VerifiableDraw.Result::reference)).toList());
        assertThat(VerifiableDraw.verify(SESSIONS, list, seed, csv, VerifiableDraw.sha256(list), VerifiableDraw.sha256(seed))
            .allGood()).isTrue();
        // the same list and seed give the same results; another seed another order
        assertThat(VerifiableDraw.draw(VerifiableDraw.parseList(SESSIONS, list), seed)).isEqualTo(results);
    }

    @Test
    void aChoiceOutsideTheFormatIsRefusedWithItsLine() {
        assertThatThrownBy(() -> VerifiableDraw.parseList(SESSIONS, "reference,application,rank,session\nAB,1,1,X9\n"))
            .hasMessage("line 2");
        assertThatThrownBy(() -> VerifiableDraw.parseList(SESSIONS, "reference,application,rank,room\n"))
            .hasMessage("line 1");
        assertThatThrownBy(() -> VerifiableDraw.parseList(SESSIONS, "reference,application,rank,session\nAB,1,1,S1,S2\n"))
            .hasMessage("line 2");
        assertThat(VerifiableDraw.newReference()).matches("[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(VerifiableDraw.validSeed(VerifiableDraw.newSeed())).isTrue();
    }
}
