package jp.machi.notification.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.machi.ward.WardProfile;

/**
 * What a person asks to hear about, checked: topics (codes), districts, an optional point with a radius, language.
 * {@link #check} collects every problem; the fields are named as the form and the API name them.
 */
public record SubscriptionInput(List<String> topics, List<String> areas, Double nearLat, Double nearLon,
                                Integer nearRadiusM, String language) {

    public SubscriptionInput {
        topics = topics == null ? List.of() : topics;
        areas = areas == null ? List.of() : areas;
    }

    public boolean hasPoint() {
        return nearRadiusM != null;
    }

    /** The problems of this input (empty when it is fine). */
    public List<Problem> check(Topics knownTopics, Areas knownAreas, WardProfile ward) {
        List<Problem> problems = new ArrayList<>();
        if (topics.isEmpty()) {
            problems.add(Problem.of("topics", "notification.subscribe.topics.required"));
        } else if (new LinkedHashSet<>(topics).size() != topics.size()) {
            problems.add(Problem.of("topics", "notification.subscribe.topics.duplicate"));
        } else {
            for (String t : topics) {
                if (t == null || knownTopics.find(t).filter(Topic::active).isEmpty()) {
                    problems.add(Problem.of("topics", "notification.subscribe.topics.unknown", String.valueOf(t).length() > 40 ? "…" : t));
                    break;
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String a : areas) {
            if (!knownAreas.isDistrict(a)) {
                problems.add(Problem.of("areas", "notification.subscribe.areas.unknown", a == null || a.length() > 40 ? "…" : a));
                break;
            }
            if (!seen.add(a)) {
                problems.add(Problem.of("areas", "notification.subscribe.areas.duplicate"));
                break;
            }
        }
        boolean anyPoint = nearLat != null || nearLon != null || nearRadiusM != null;
        if (anyPoint) {
            if (!knownAreas.radiusSupported()) {
                problems.add(Problem.of("near", "notification.subscribe.near.unsupported"));
            } else if (nearLat == null || nearLon == null || nearRadiusM == null) {
                problems.add(Problem.of("near", "notification.subscribe.near.incomplete"));
            } else if (!Double.isFinite(nearLat) || !Double.isFinite(nearLon) || !ward.contains(nearLat, nearLon)
                || Math.abs(nearLat) > 90 || Math.abs(nearLon) > 180) {
                problems.add(Problem.of("near", "notification.subscribe.near.outside"));
            } else if (nearRadiusM < Areas.MIN_RADIUS_M || nearRadiusM > Areas.MAX_RADIUS_M) {
                problems.add(Problem.of("near", "notification.subscribe.near.radius", Areas.MIN_RADIUS_M, Areas.MAX_RADIUS_M));
            }
        }
        if (language != null && !language.equals("ja") && !language.equals("en")) {
            problems.add(Problem.of("language", "notification.subscribe.language.invalid"));
        }
        return problems;
    }

    public String languageOr(String fallback) {
        return language == null ? fallback : language;
    }
}
