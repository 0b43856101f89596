package jp.machi.inquiry.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jp.machi.search.SearchObserver;
import jp.machi.search.SearchQuery;
import jp.machi.search.SearchResults;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Site searches for the self-resolution rate: the searches a browser session makes on {@code /search} within
 * {@code machi.inquiry.self-resolution-window} of each other form one visit, with the FAQ answer opened from them (or
 * the best FAQ they found). An inquiry sent from the desk in the same session within the window ends the visit as
 * "followed by an inquiry"; a visit that ends without one (the window passes) is self-resolved. Nothing names a
 * person: the visit is a random id in the session only; no query text, account or address is stored. Staff searches
 * (and staff acting for a resident) are not counted.
 */
@Component
public class SearchVisits implements SearchObserver {

    static final String SESSION = "inquiry.searchVisit";

    /** What the session remembers: the visit's random id and when it was last active. */
    record Visit(UUID id, Instant lastAt) implements Serializable {}

    private final JdbcClient jdbc;
    private final FaqRepository faqs;
    private final Clock clock;
    private final Duration window;

    SearchVisits(JdbcClient jdbc, FaqRepository faqs, Clock clock,
                 @Value("${machi.inquiry.self-resolution-window:PT30M}") Duration window) {
        this.jdbc = jdbc;
        this.faqs = faqs;
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    @Override
    public void searched(HttpServletRequest request, SearchQuery query, SearchResults results) {
        if (staff()) {
            return;
        }
        Instant now = clock.instant();
        HttpSession session = request.getSession(true);
        Optional<Faq> best = results.hits().stream().filter(h -> "faq".equals(h.type()) && h.id().matches("\\d{1,18}"))
            .findFirst().flatMap(h -> faqs.find(Long.parseLong(h.id())));
        Long faqId = best.map(Faq::id).orElse(null);
        String category = best.map(f -> f.category().slug()).orElse(null);
        Optional<Visit> live = live(session, now);
        int updated = live.isEmpty() ? 0 : jdbc.sql("""
                update inquiry_search_visit set last_at = ?, searches = searches + 1,
                       faq_id = case when answer_opened or faq_id is not null then faq_id else ? end,
                       category = case when answer_opened or faq_id is not null then category else ? end
                 where visit = ? and inquiry_at is null""")
            .params(Timestamp.from(now), faqId, category, live.get().id()).update();
        UUID id = updated == 1 ? live.get().id() : UUID.randomUUID();
        if (updated == 0) {
            jdbc.sql("""
                    insert into inquiry_search_visit (visit, first_at, last_at, faq_id, category) values (?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(now), Timestamp.from(now), faqId, category).update();
        }
        session.setAttribute(SESSION, new Visit(id, now));
    }

    /** An FAQ answer was opened: during a visit, that is the answer the search led to. */
    public void answerOpened(HttpSession session, Faq faq) {
        if (session == null || staff()) {
            return;
        }
        Instant now = clock.instant();
        live(session, now).ifPresent(v -> {
            int n = jdbc.sql("""
                    update inquiry_search_visit set last_at = ?, faq_id = ?, category = ?, answer_opened = true
                     where visit = ? and inquiry_at is null""")
                .params(Timestamp.from(now), faq.id(), faq.category().slug(), v.id()).update();
            if (n == 1) {
                session.setAttribute(SESSION, new Visit(v.id(), now));
            }
        });
    }

    /** An inquiry was sent from the desk in this session: a search within the window did not resolve it. */
    public void inquirySent(HttpSession session) {
        if (session == null) {
            return;
        }
        Instant now = clock.instant();
        live(session, now).ifPresent(v -> jdbc.sql("update inquiry_search_visit set inquiry_at = ? where visit = ? and inquiry_at is null")
            .params(Timestamp.from(now), v.id()).update());
        session.removeAttribute(SESSION);
    }

    private Optional<Visit> live(HttpSession session, Instant now) {
        return session.getAttribute(SESSION) instanceof Visit v && !now.isAfter(v.lastAt().plus(window))
            ? Optional.of(v) : Optional.empty();
    }

    private static boolean staff() {
        return CurrentActor.principal().map(MachiPrincipal::isStaff).orElse(false) || CurrentActor.actingFor().isPresent();
    }
}
