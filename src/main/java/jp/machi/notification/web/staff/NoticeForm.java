package jp.machi.notification.web.staff;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import jp.machi.notification.internal.Notice;
import jp.machi.notification.internal.NoticeDraft;
import jp.machi.notification.internal.Priority;
import jp.machi.notification.internal.Problem;

/** The staff's notice form. Times are {@code datetime-local} values in Tokyo time. */
public record NoticeForm(String topic, String listId, List<String> areas, String priority, String titleJa, String bodyJa,
                         String titleEn, String bodyEn, String expiresAt, String scheduledAt) {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    public NoticeForm {
        areas = areas == null ? List.of() : areas;
    }

    static NoticeForm empty(Long listId) {
        return new NoticeForm("", listId == null ? "" : listId.toString(), List.of(), listId == null ? "NORMAL" : "NORMAL",
            "", "", "", "", "", "");
    }

    static NoticeForm of(Notice n) {
        return new NoticeForm(n.topicCode() == null ? "" : n.topicCode(), n.listId() == null ? "" : n.listId().toString(),
            n.areas(), n.priority().name(), nz(n.titleJa()), nz(n.bodyJa()), nz(n.titleEn()), nz(n.bodyEn()),
            local(n.expiresAt()), local(n.scheduledAt()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String local(Instant i) {
        return i == null ? "" : LOCAL.format(i.atZone(TOKYO));
    }

    /** The draft, or problems for what cannot even be read (a time, a list id). */
    NoticeDraft draft(List<Problem> problems) {
        Long list = null;
        if (listId != null && !listId.isBlank()) {
            if (listId.matches("[0-9]{1,18}")) {
                list = Long.parseLong(listId);
            } else {
                problems.add(Problem.of("listId", "notification.notice.list.unknown"));
            }
        }
        Priority p = Priority.parse(priority).orElse(null);
        return new NoticeDraft(list == null ? topic : null, list, list == null ? areas : List.of(), p, titleJa, bodyJa, titleEn,
            bodyEn, time(expiresAt, "expiresAt", problems), time(scheduledAt, "scheduledAt", problems));
    }

    private static Instant time(String s, String field, List<Problem> problems) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.strip()).atZone(TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(Problem.of(field, "notification.notice.time.invalid"));
            return null;
        }
    }
}
