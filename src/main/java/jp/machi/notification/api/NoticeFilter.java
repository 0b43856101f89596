package jp.machi.notification.api;

import java.util.Locale;
import java.util.Optional;
import jp.machi.notification.internal.Areas;
import jp.machi.notification.internal.Topics;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The topic (code) and area (a district) by which the public notice list and its Atom feed are filtered: blank means
 * none; an unknown one is a 400 with problem details naming the parameter.
 */
record NoticeFilter(String topic, String area) {

    static NoticeFilter of(String topic, String area) {
        return new NoticeFilter(topic == null || topic.isBlank() ? null : topic, area == null || area.isBlank() ? null : area);
    }

    /** The problem answer when the topic or the area is not the ward's; empty when both are fine. */
    Optional<ResponseEntity<Object>> problem(Topics topics, Areas areas, MessageSource messages, Locale locale) {
        if (topic != null && !topics.exists(topic)) {
            return Optional.of(ApiProblems.of(HttpStatus.BAD_REQUEST, "topic", "notification.notice.topic.unknown", messages,
                locale));
        }
        if (area != null && !areas.isDistrict(area)) {
            return Optional.of(ApiProblems.of(HttpStatus.BAD_REQUEST, "area", "notification.subscribe.areas.unknown", messages,
                locale, area.length() > 40 ? "…" : area));
        }
        return Optional.empty();
    }
}
