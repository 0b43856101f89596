package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;

import jp.machi.facility.internal.Readings;
import jp.machi.facility.internal.Romaji;
import jp.machi.facility.internal.SearchText;
import org.junit.jupiter.api.Test;

/** Names by reading: the dictionary's readings, romaji keys and the forms a typed word may take. */
class FacilityReadingSearchTest {

    @Test
    void theDictionaryReadsAFacilityNameInHiragana() {
        assertThat(Readings.of("練馬区立豊玉小学校")).isEqualTo("ねりまくりつとよたましょうがっこう");
        assertThat(Readings.of("光が丘区民センター")).isEqualTo("ひかりがおかくみんせんたー");
        assertThat(Readings.of(" ")).isNull();
    }

    @Test
    void theWaysPeopleSpellAReadingInRomajiMeetOneKey() {
        String key = Romaji.keyOfKana("しょうがっこう");
        assertThat(key).isEqualTo("shogako");
        for (String typed : new String[] {"shogakko", "shougakkou", "syougakkou", "shōgakkō", "ShoGakko", "shogakkoh"}) {
            assertThat(Romaji.keyOfLatin(typed)).as(typed).isEqualTo(key);
        }
        assertThat(Romaji.keyOfKana("オオイズミ")).isEqualTo(Romaji.keyOfLatin("Ōizumi")).isEqualTo(Romaji.keyOfLatin("ooizumi"));
        assertThat(Romaji.keyOfLatin("kuminkan")).isEqualTo(Romaji.keyOfKana("くみんかん"));
        assertThat(Romaji.keyOfLatin("konnichiwa")).isEqualTo(Romaji.keyOfKana("こんにちわ"));
        assertThat(Romaji.keyOfLatin("chuugakkou")).isEqualTo(Romaji.keyOfKana("ちゅうがっこう"));
        assertThat(Romaji.keyOfLatin("jidoukan")).isEqualTo(Romaji.keyOfKana("じどうかん"));
        // English words are not romaji: they are matched as they are
        assertThat(Romaji.keyOfLatin("library")).isNull();
        assertThat(Romaji.keyOfLatin("park")).isNull();
        assertThat(Romaji.keyOfKana("図書館")).isNull();
    }

    @Test
    void aFacilitysStoredTextHoldsItsNamesReadingAndRomaji() {
        SearchText.Indexed x = SearchText.forFacility("練馬区立豊玉小学校", null, "Toyotama Elementary School", "東京都練馬区豊玉");
        assertThat(x.reading()).isEqualTo("ねりまくりつとよたましょうがっこう");
        assertThat(x.text()).contains("練馬区立豊玉小学校").contains("しょうがっこう").contains("toyotamaelementaryschool")
            .contains("nerimakuritsutoyotamashogako");
        // the ward's own 名称_カナ wins over the dictionary (谷原 is やはら, not たにはら)
        assertThat(SearchText.forFacility("谷原保育園", "ヤハラホイクエン", null, null).reading()).isEqualTo("やはらほいくえん");
        // katakana, half-width katakana and hiragana are one word; romaji adds its key
        assertThat(SearchText.alternatives("ｼｮｳｶﾞｯｺｳ")).containsExactly("しょうがっこう", "shogako");
        assertThat(SearchText.alternatives("shougakkou")).containsExactly("shougakkou", "shogako");
        assertThat(SearchText.alternatives("library")).containsExactly("library");
    }
}
