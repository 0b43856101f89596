package jp.machi.facility.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilityCategory;
import jp.machi.search.SearchDocument;
import jp.machi.search.SearchSource;
import jp.machi.shared.text.LocalizedText;
import org.springframework.stereotype.Component;

/**
 * Facilities in the site search: name, address, categories and notes, linking to the facility page. The revision is
 * {@code facility_revision}, which triggers bump on every change (staff pages, the CSV import, SQL), so the index
 * follows every change on every instance.
 */
@Component
class FacilitySearchSource implements SearchSource {

    private final FacilitySnapshots snapshots;
    private final FacilityRepository repository;
    private final Facilities facilities;

    FacilitySearchSource(FacilitySnapshots snapshots, FacilityRepository repository, Facilities facilities) {
        this.snapshots = snapshots;
        this.repository = repository;
        this.facilities = facilities;
    }

    @Override
    public String name() {
        return "facility";
    }

    @Override
    public long revision() {
        return snapshots.revision();
    }

    @Override
    public List<SearchDocument> documents() {
        Map<String, LocalizedText> categories = facilities.categories().stream()
            .collect(Collectors.toMap(FacilityCategory::code, FacilityCategory::name, (a, b) -> a));
        return repository.search(FacilityQuery.all()).stream().map(f -> {
            Function<java.util.Locale, String> cats = l -> f.categories().stream()
                .map(c -> categories.containsKey(c) ? categories.get(c).in(l) : "").collect(Collectors.joining("、"));
            String notes = f.notes() == null ? "" : f.notes();
            String ja = String.join("\n", f.nameKana() == null ? "" : f.nameKana(), f.address() == null ? "" : f.address(),
                cats.apply(java.util.Locale.JAPANESE), notes).strip();
            String en = String.join("\n", f.address() == null ? "" : f.address(), cats.apply(java.util.Locale.ENGLISH)).strip();
            return new SearchDocument("facility", f.id(), new LocalizedText(f.nameJa(), f.nameEn()),
                new LocalizedText(ja, en), "/facilities/" + f.id(), false, null);
        }).toList();
    }
}
