package jp.machi.inquiry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import jp.machi.shared.text.LocalizedText;

/** An FAQ entry: question and answer in Japanese and English, with its links into Machi. */
public record Faq(long id, String questionJa, String questionEn, String answerJa, String answerEn, FaqCategory category,
                  String departmentCode, boolean staffOnly, Status status, LocalDate reviewOn, LocalDate reviewNotifiedOn,
                  Long sourceInquiryId, boolean demo, long revision, Instant createdAt, Instant updatedAt,
                  List<Link> links) {

    public enum Status { DRAFT, PUBLISHED, ARCHIVED }

    /** A link into Machi: a site-relative path and its text. */
    public record Link(String path, String labelJa, String labelEn) {
        public String label(Locale locale) {
            return new LocalizedText(labelJa, labelEn).in(locale);
        }
    }

    public Faq {
        links = links == null ? List.of() : List.copyOf(links);
    }

    public String question(Locale locale) {
        return new LocalizedText(questionJa, questionEn).in(locale);
    }

    public String answer(Locale locale) {
        return new LocalizedText(answerJa, answerEn).in(locale);
    }

    /** The answer's lines as paragraphs (blank lines dropped). */
    public List<String> answerParagraphs(Locale locale) {
        return java.util.Arrays.stream(answer(locale).split("\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** True when the English text is missing and the Japanese one is shown in its place. */
    public boolean japaneseOnly(Locale locale) {
        return "en".equals(locale.getLanguage()) && (questionEn == null || questionEn.isBlank());
    }

    public boolean reviewDue(LocalDate today) {
        return status == Status.PUBLISHED && reviewOn != null && !reviewOn.isAfter(today);
    }

    public Faq withLinks(List<Link> l) {
        return new Faq(id, questionJa, questionEn, answerJa, answerEn, category, departmentCode, staffOnly, status,
            reviewOn, reviewNotifiedOn, sourceInquiryId, demo, revision, createdAt, updatedAt, l);
    }
}
