package jp.machi.notification.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Notice;
import jp.machi.notification.internal.NoticeRepository;
import jp.machi.notification.internal.Topic;
import jp.machi.notification.internal.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/** The public notices: a list filtered by topic and district (with its Atom feed), and one notice. */
@Controller
class NoticePagesController {

    static final int PAGE = 20;

    private final NoticeRepository notices;
    private final Topics topics;
    private final Areas areas;
    private final Clock clock;

    NoticePagesController(NoticeRepository notices, Topics topics, Areas areas, Clock clock) {
        this.notices = notices;
        this.topics = topics;
        this.areas = areas;
        this.clock = clock;
    }

    @GetMapping("/notices")
    String list(@RequestParam(required = false) String topic, @RequestParam(required = false) String area,
                @RequestParam(required = false) String page, Model model, Locale locale) {
        String t = topic != null && topics.exists(topic) ? topic : null;
        String a = area != null && areas.isDistrict(area) ? area : null;
        int p = 1;
        if (page != null && page.matches("[0-9]{1,4}") && Integer.parseInt(page) >= 1) {
            p = Integer.parseInt(page);
        }
        long total = notices.countPublished(t, a);
        List<Notice> found = notices.published(t, a, PAGE, (p - 1) * PAGE);
        model.addAttribute("notices", found);
        model.addAttribute("topics", topics.all());
        model.addAttribute("topicNames", names(locale));
        model.addAttribute("districts", areas.districts());
        model.addAttribute("topic", t == null ? "" : t);
        model.addAttribute("area", a == null ? "" : a);
        model.addAttribute("page", p);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) p * PAGE < total);
        model.addAttribute("now", clock.instant());
        UriComponentsBuilder feed = UriComponentsBuilder.fromPath("/notices.atom");
        if (t != null) {
            feed.queryParam("topic", t);
        }
        if (a != null) {
            feed.queryParam("area", a);
        }
        model.addAttribute("feed", feed.build().encode().toUriString());
        model.addAttribute("filtered", t != null || a != null);
        return "notification/notices";
    }

    @GetMapping("/notices/{id}")
    String show(@PathVariable String id, Model model, Locale locale) {
        Notice n = id.matches("[0-9]{1,18}") ? notices.find(Long.parseLong(id)).filter(Notice::isPublic).orElse(null) : null;
        if (n == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("notice", n);
        model.addAttribute("topicNames", names(locale));
        model.addAttribute("now", clock.instant());
        model.addAttribute("lang", n.textLanguage(locale.getLanguage()));
        return "notification/notice";
    }

    private Map<String, String> names(Locale locale) {
        return topics.all().stream().collect(Collectors.toMap(Topic::code, x -> x.name(locale)));
    }
}
