package jp.machi.search.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.search.SiteSearch;
import jp.machi.search.internal.SynonymStore;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff edit the synonym list (/staff/search/synonyms); every change is audited and applies within seconds. */
@Controller
class SynonymController {

    private final SynonymStore store;
    private final SiteSearch search;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final MessageSource messages;

    SynonymController(SynonymStore store, SiteSearch search, AuditLog audit, TransactionTemplate tx,
                      MessageSource messages) {
        this.store = store;
        this.search = search;
        this.audit = audit;
        this.tx = tx;
        this.messages = messages;
    }

    /** A stored line the search leaves out, for the page: its id, its words and why, in the page's language. */
    record LeftOutLine(long id, String joined, String reason) {}

    @GetMapping("/staff/search/synonyms")
    String list(Model model, Locale locale) {
        addLines(model, locale);
        return "search/synonyms";
    }

    /** The list, and the lines of it the search cannot use (so staff see which and why, not only the log). */
    private void addLines(Model model, Locale locale) {
        List<SynonymStore.Synonym> all = store.all();
        model.addAttribute("synonyms", all);
        List<LeftOutLine> leftOut = SynonymStore.leftOut(all).stream()
            .map(l -> new LeftOutLine(l.line().id(), l.line().joined(),
                messages.getMessage(l.messageKey(), new Object[] {l.word()}, locale)))
            .toList();
        model.addAttribute("leftOut", leftOut);
        Map<Long, String> reasons = new HashMap<>();
        leftOut.forEach(l -> reasons.put(l.id(), l.reason()));
        model.addAttribute("leftOutReasons", reasons);
    }

    @PostMapping("/staff/search/synonyms")
    String add(@RequestParam(required = false) String terms, Model model, Locale locale, HttpServletResponse response,
               RedirectAttributes redirect) {
        List<String> words;
        try {
            words = SynonymStore.check(terms);
        } catch (SynonymStore.Rejected e) {
            return refused(model, locale, response, e, null, terms);
        }
        long staff = me().accountId();
        tx.executeWithoutResult(s -> {
            long id = store.insert(words, staff);
            audit.record(AuditEvent.byCurrentActor("search.synonym.add", null, "synonym:" + id,
                AuditDetail.of("search.audit.synonym", String.join("、", words))));
        });
        search.refresh();
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/search/synonyms";
    }

    @PostMapping("/staff/search/synonyms/{id}")
    String update(@PathVariable long id, @RequestParam(required = false) String terms, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<String> words;
        try {
            words = SynonymStore.check(terms);
        } catch (SynonymStore.Rejected e) {
            return refused(model, locale, response, e, id, terms);
        }
        long staff = me().accountId();
        tx.executeWithoutResult(s -> {
            store.update(id, words, staff);
            audit.record(AuditEvent.byCurrentActor("search.synonym.update", null, "synonym:" + id,
                AuditDetail.of("search.audit.synonym", String.join("、", words))));
        });
        search.refresh();
        redirect.addFlashAttribute("saved", true);
        return "redirect:/staff/search/synonyms";
    }

    @PostMapping("/staff/search/synonyms/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        SynonymStore.Synonym before = store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        tx.executeWithoutResult(s -> {
            store.delete(id);
            audit.record(AuditEvent.byCurrentActor("search.synonym.delete", null, "synonym:" + id,
                AuditDetail.of("search.audit.synonym", before.joined())));
        });
        search.refresh();
        redirect.addFlashAttribute("deleted", true);
        return "redirect:/staff/search/synonyms";
    }

    private String refused(Model model, Locale locale, HttpServletResponse response, SynonymStore.Rejected e, Long id,
                           String terms) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        addLines(model, locale);
        model.addAttribute("error", messages.getMessage(e.messageKey(), new Object[] {e.word()}, locale));
        model.addAttribute("errorId", id);
        model.addAttribute("errorTerms", terms);
        return "search/synonyms";
    }

    private static MachiPrincipal me() {
        return CurrentActor.principal().orElseThrow();
    }
}
