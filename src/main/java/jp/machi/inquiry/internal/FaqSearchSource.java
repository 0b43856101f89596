package jp.machi.inquiry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.search.SearchDocument;
import jp.machi.search.SearchSource;
import jp.machi.shared.text.LocalizedText;
import org.springframework.stereotype.Component;

/**
 * Published FAQ entries in the site search (staff-only ones only for staff). The revision is the highest
 * {@code inquiry_faq.revision}: every write takes a new one from a sequence, so the index asks only for what changed.
 */
@Component
class FaqSearchSource implements SearchSource {

    private final FaqRepository faqs;

    FaqSearchSource(FaqRepository faqs) {
        this.faqs = faqs;
    }

    @Override
    public String name() {
        return "inquiry.faq";
    }

    @Override
    public long revision() {
        return faqs.revision();
    }

    @Override
    public List<SearchDocument> documents() {
        return faqs.published(null, true).stream().map(FaqSearchSource::document).toList();
    }

    @Override
    public Optional<Changes> changedSince(long revision) {
        List<SearchDocument> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Faq f : faqs.changedSince(revision)) {
            if (f.status() == Faq.Status.PUBLISHED) {
                changed.add(document(f));
            } else {
                removed.add(Long.toString(f.id()));
            }
        }
        return Optional.of(new Changes(changed, "faq", removed));
    }

    static SearchDocument document(Faq f) {
        return new SearchDocument("faq", Long.toString(f.id()), new LocalizedText(f.questionJa(), f.questionEn()),
            new LocalizedText(f.answerJa(), f.answerEn()), "/faq/" + f.id(), f.staffOnly(), f.updatedAt());
    }
}
