package jp.machi.inquiry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.search.SiteSearch;
import org.springframework.stereotype.Component;

/**
 * Proposes the department for an inquiry from its words: a multinomial naive Bayes classifier over the content words
 * (Kuromoji base forms from the search module) of the published FAQ (each entry belongs to its department) and of
 * the inquiries staff answered or transferred (the department they ended up with, weighted three times: these are
 * residents' own words). Retrained in memory whenever the FAQ or the routing examples change.
 */
@Component
public class DepartmentRouter {

    static final int INQUIRY_WEIGHT = 3;

    /** A department and its share of the probability. */
    public record Proposal(String department, double probability) {}

    private record Model(String revision, Map<String, Map<String, Integer>> termCounts, Map<String, Integer> termTotals,
                         Map<String, Integer> docCounts, int vocabulary, int documents) {}

    private final FaqRepository faqs;
    private final InquiryRepository inquiries;
    private final SiteSearch search;
    private volatile Model model;

    DepartmentRouter(FaqRepository faqs, InquiryRepository inquiries, SiteSearch search) {
        this.faqs = faqs;
        this.inquiries = inquiries;
        this.search = search;
    }

    /** The departments from most to least likely (empty when nothing was learnt or no word is known). */
    public List<Proposal> propose(String text) {
        Model m = current();
        List<String> terms = search.terms(text, Locale.JAPANESE);
        if (m.documents() == 0 || terms.isEmpty()) {
            return List.of();
        }
        boolean known = terms.stream().anyMatch(t -> m.termCounts().values().stream().anyMatch(c -> c.containsKey(t)));
        if (!known) {
            return List.of();
        }
        Map<String, Double> logs = new HashMap<>();
        for (String dept : m.docCounts().keySet()) {
            double score = Math.log((m.docCounts().get(dept) + 1.0) / (m.documents() + m.docCounts().size()));
            Map<String, Integer> counts = m.termCounts().get(dept);
            double denominator = m.termTotals().get(dept) + (double) m.vocabulary();
            for (String t : terms) {
                score += Math.log((counts.getOrDefault(t, 0) + 1.0) / denominator);
            }
            logs.put(dept, score);
        }
        double max = logs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double sum = logs.values().stream().mapToDouble(v -> Math.exp(v - max)).sum();
        List<Proposal> out = new ArrayList<>();
        logs.forEach((d, v) -> out.add(new Proposal(d, Math.exp(v - max) / sum)));
        out.sort(Comparator.comparingDouble(Proposal::probability).reversed().thenComparing(Proposal::department));
        return out;
    }

    private Model current() {
        String revision = faqs.revision() + "/" + inquiries.routingRevision();
        Model m = model;
        if (m != null && m.revision().equals(revision)) {
            return m;
        }
        synchronized (this) {
            m = model;
            if (m == null || !m.revision().equals(revision)) {
                m = train(revision);
                model = m;
            }
            return m;
        }
    }

    private Model train(String revision) {
        Map<String, Map<String, Integer>> termCounts = new HashMap<>();
        Map<String, Integer> termTotals = new HashMap<>();
        Map<String, Integer> docCounts = new HashMap<>();
        Set<String> vocabulary = new HashSet<>();
        int[] documents = {0};
        java.util.function.BiConsumer<String, String> learnOnce = (text, dept) -> {
            List<String> terms = search.terms(text, Locale.JAPANESE);
            Map<String, Integer> counts = termCounts.computeIfAbsent(dept, d -> new HashMap<>());
            for (String t : terms) {
                counts.merge(t, 1, Integer::sum);
                vocabulary.add(t);
            }
            termTotals.merge(dept, terms.size(), Integer::sum);
            docCounts.merge(dept, 1, Integer::sum);
            documents[0]++;
        };
        for (Faq f : faqs.published(null, true)) {
            learnOnce.accept(f.questionJa() + "\n" + f.questionJa() + "\n" + f.answerJa(), f.departmentCode());
        }
        for (InquiryRepository.Example e : inquiries.routingExamples()) {
            for (int i = 0; i < INQUIRY_WEIGHT; i++) {
                learnOnce.accept(e.text(), e.department());
            }
        }
        return new Model(revision, termCounts, termTotals, docCounts, Math.max(1, vocabulary.size()), documents[0]);
    }
}
