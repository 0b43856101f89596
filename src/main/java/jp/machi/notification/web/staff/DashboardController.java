package jp.machi.notification.web.staff;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Dashboard;
import jp.machi.notification.internal.NotificationList;
import jp.machi.notification.internal.NotificationLists;
import jp.machi.notification.internal.Topics;
import jp.machi.notification.internal.Senders;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff dashboard: sends with counts by status and delivery-time percentiles, bounces, unsubscribes, and
 * subscribers by topic and by area as charts (inline SVG) and tables.
 */
@Controller
class DashboardController {

    private final Dashboard dashboard;
    private final Topics topics;
    private final Areas areas;
    private final NotificationLists lists;
    private final Senders senders;
    private final MessageSource messages;

    DashboardController(Dashboard dashboard, Topics topics, Areas areas, NotificationLists lists, Senders senders,
                        MessageSource messages) {
        this.dashboard = dashboard;
        this.topics = topics;
        this.areas = areas;
        this.lists = lists;
        this.senders = senders;
        this.messages = messages;
    }

    @GetMapping("/staff/notifications/dashboard")
    String show(Model model, Locale locale) {
        long me = StaffNoticeController.me().accountId();
        boolean ward = senders.maySend(me) || StaffNoticeController.admin();
        var myLists = StaffNoticeController.admin() ? lists.all() : lists.ofStaff(me);
        model.addAttribute("totals", dashboard.totals());
        model.addAttribute("sends", dashboard.sends(myLists.stream().map(NotificationList::id).toList(), true, 20));
        Map<String, Long> byTopic = new LinkedHashMap<>();
        dashboard.byTopic().forEach((code, n) -> byTopic.put(topics.find(code).map(t -> t.name(locale)).orElse(code), n));
        model.addAttribute("byTopic", byTopic);
        model.addAttribute("topicChart", Chart.of(byTopic));
        Map<String, Long> byArea = new LinkedHashMap<>();
        dashboard.byArea(areas.districts()).forEach((d, n) ->
            byArea.put(d.isEmpty() ? messages.getMessage("notification.areas.wardWide", null, locale) : areas.name(d, locale), n));
        model.addAttribute("byArea", byArea);
        model.addAttribute("areaChart", Chart.of(byArea));
        Map<String, Long> unsub = new LinkedHashMap<>();
        dashboard.unsubscribesByTopic().forEach((code, n) -> unsub.put(code.isEmpty()
            ? messages.getMessage("notification.lists.title", null, locale) : topics.find(code).map(t -> t.name(locale)).orElse(code), n));
        model.addAttribute("unsubscribes", unsub);
        model.addAttribute("bounces", dashboard.recentBounces(10));
        model.addAttribute("ward", ward);
        return "notification/staff/dashboard";
    }
}
