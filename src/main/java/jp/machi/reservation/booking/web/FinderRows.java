package jp.machi.reservation.booking.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.internal.RoomFinder;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.text.HtmlText;
import jp.machi.shared.time.Wareki;
import jp.machi.ward.DistrictCentres;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.expression.Numbers;

/**
 * The finder's results as the page shows them, every text and link made here once per request (issue 15): the page
 * lists every bookable unit of the ward (243 with the benchmark's rooms), and making each cell's texts in the template
 * — four message lookups, two links built by Thymeleaf, a dozen expressions — was most of the request's time. A text
 * that is the same for many cells (a slot's label and times, "booked", the hidden "book … on …") is made once and
 * shared. The words are the same as the template's were, in the person's language.
 */
@Component
class FinderRows {

    /** One facility of the results. {@code rooms}: the compact list without a day; {@code units}: with a day. */
    record FacilityRow(String id, String name, String href, String address, String aboutHref, List<String> tags,
                       String roomsLabel, List<Link> rooms, List<UnitRow> units, Double distanceKm) {}

    record Link(String href, String text) {}

    /** One unit (a room or a part) on a day: its page, name, capacity text (null when unknown) and slots. */
    record UnitRow(String href, String name, String capacity, List<Cell> cells) {}

    /**
     * One slot of a unit: its label with the times, the state's words, and for a free slot the booking link with the
     * words a screen reader adds to it (null otherwise).
     */
    record Cell(String label, String state, String href, String hidden) {}

    private final MessageSource messages;
    private final DistrictCentres centres;
    /** Per language: each 町, and its option's two halves around {@code selected}, escaped; the file never changes. */
    private final Map<String, List<String[]>> districtOptions = new ConcurrentHashMap<>();

    FinderRows(MessageSource messages, DistrictCentres centres) {
        this.messages = messages;
        this.centres = centres;
    }

    /**
     * The near-me list's options, one per 町 in the list's order, the chosen one selected, as the template's loop printed
     * them ({@code <option value="…">name</option>} on lines of their own): 43 options of three expressions each.
     */
    String districtOptions(String chosen, Locale locale) {
        List<String[]> options = districtOptions.computeIfAbsent(locale.getLanguage(), lang -> {
            List<String[]> list = new ArrayList<>();
            for (String d : centres.districts()) {
                list.add(new String[] {d, escape(new StringBuilder("<option value=\""), d).append('"').toString(),
                    escape(new StringBuilder(">"), centres.name(d, locale)).append("</option>").toString()});
            }
            return List.copyOf(list);
        });
        StringBuilder out = new StringBuilder(options.size() * 60);
        for (int i = 0; i < options.size(); i++) {
            String[] o = options.get(i);
            out.append(i == 0 ? "" : "\n          ").append(o[1]);
            if (o[0].equals(chosen)) {
                out.append(" selected=\"selected\"");
            }
            out.append(o[2]);
        }
        return out.toString();
    }

    List<FacilityRow> rows(List<RoomFinder.FacilityResult> results, RoomFinder.Filter filter, String band,
                           Set<String> needs, String contextPath, Locale locale) {
        Texts t = new Texts(locale, filter.date());
        Map<String, String> tags = new HashMap<>();
        for (String n : needs) {
            tags.put(n, t.msg("facility.feature." + n));
        }
        String date = filter.date() == null ? null : filter.date().toString();
        StringBuilder facilityQuery = new StringBuilder();
        if (date != null) {
            facilityQuery.append("start=").append(date);
        }
        if (band != null && !band.isEmpty()) {
            facilityQuery.append(facilityQuery.isEmpty() ? "" : "&").append("band=").append(enc(band));
        }
        String facilitySuffix = facilityQuery.isEmpty() ? "" : "?" + facilityQuery;
        String rooms = contextPath + "/reservations/rooms/";
        String book = contextPath + "/account/bookings/new?room=";
        List<FacilityRow> rows = new ArrayList<>(results.size());
        for (RoomFinder.FacilityResult fr : results) {
            var f = fr.facility();
            String name = f.name().in(locale);
            List<String> shown = new ArrayList<>();
            for (String n : needs) {
                if (fr.traits().barrierFree().contains(n)) {
                    shown.add(tags.get(n));
                }
            }
            List<Link> compact = List.of();
            List<UnitRow> units = List.of();
            if (date == null) {
                compact = new ArrayList<>();
                for (RoomFinder.Unit u : fr.rooms()) {
                    long id = u.room().room().id();
                    String href = u.part() == null ? rooms + id : rooms + id + "?part=" + enc(u.partCode());
                    compact.add(new Link(href, unitName(u, locale)
                        + (u.capacity() == null ? "" : t.msg("reservation.find.people", u.capacity()))));
                }
            } else {
                units = new ArrayList<>(fr.units().size());
                for (RoomFinder.UnitResult ur : fr.units()) {
                    RoomFinder.Unit u = ur.unit();
                    long id = u.room().room().id();
                    String part = u.part() == null ? null : enc(u.partCode());
                    List<Cell> cells = new ArrayList<>(ur.cells().size());
                    for (Availability c : ur.cells()) {
                        cells.add(t.cell(c, book + id + "&date=" + c.date() + "&slot=" + enc(c.slot().code())
                            + (part == null ? "" : "&part=" + part)));
                    }
                    units.add(new UnitRow(rooms + id + (part == null ? "?start=" : "?part=" + part + "&start=") + date,
                        unitName(u, locale), u.capacity() == null ? null : t.msg("reservation.list.capacity", u.capacity()),
                        cells));
                }
            }
            rows.add(new FacilityRow(f.id(), name, contextPath + "/reservations/facilities/" + enc(f.id()) + facilitySuffix,
                f.address(), contextPath + "/facilities/" + enc(f.id()), shown,
                t.msg("reservation.find.roomsOf", name), compact, units, fr.distanceKm()));
        }
        return rows;
    }

    /**
     * The facility rows as the page's markup: the inside of {@code <ul class="facility-rows">}, one {@code <li>} per
     * facility with its name and link, the distance, address, the link to its page, the chosen features, and its rooms
     * (without a day) or its units with the day's slots ({@link #html}). Written here, with the template's whitespace and
     * escaping, because the template's loop ran a dozen expressions for each of the ward's facilities (issue 15).
     */
    String html(List<FacilityRow> rows, boolean withDay, Locale locale) {
        String about = messages.getMessage("reservation.facility.aboutShort", null, locale);
        Numbers numbers = new Numbers(locale);
        StringBuilder out = new StringBuilder(rows.size() * (withDay ? 2_400 : 700));
        int index = 0;
        for (FacilityRow fr : rows) {
            out.append("\n      <li class=\"facility-row\">\n        <h3 class=\"facility-row__name\" id=\"facility-")
                .append(index++).append("\"><a href=\"");
            escape(out, fr.href()).append("\">");
            escape(out, fr.name()).append("</a></h3>\n        <p class=\"facility-row__meta\">");
            if (fr.distanceKm() != null) {
                escape(out.append("<strong class=\"facility-row__distance\">"), messages.getMessage(
                    "reservation.find.distance", new Object[] {numbers.formatDecimal(fr.distanceKm(), 1, 1)}, locale))
                    .append("</strong>");
            }
            escape(out.append("\n          <span>"), fr.address()).append("</span>\n          <a href=\"");
            escape(out, fr.aboutHref()).append("\">");
            escape(out, about).append("</a>\n          ");
            for (String tag : fr.tags()) {
                escape(out.append("<span class=\"tag\">"), tag).append("</span> ");
            }
            out.append("</p>\n        ");
            if (!withDay) {
                escape(out.append("<ul class=\"facility-row__units\" aria-label=\""), fr.roomsLabel()).append("\">");
                for (Link room : fr.rooms()) {
                    escape(out.append("\n          <li><a href=\""), room.href()).append("\">");
                    escape(out, room.text()).append("</a></li>");
                }
                out.append("\n        </ul>");
            }
            out.append("\n        ");
            if (withDay) {
                out.append("<ul class=\"unit-list\">").append(html(fr.units())).append("</ul>");
            }
            out.append("\n      </li>");
        }
        return out.append("\n    ").toString();
    }

    /**
     * The units of one facility as the list's markup: one {@code <li>} per unit and line, with its link, capacity and a
     * {@code <li>} per slot — what the template's two nested loops printed, with the same escaping (text and attribute
     * values: {@code & < > " '}). Written here because those loops were most of the finder's rendering time with 20
     * clients (243 units, a dozen expressions each; issue 15); the markup is the same.
     */
    static String html(List<UnitRow> units) {
        StringBuilder out = new StringBuilder(units.size() * 400);
        for (UnitRow u : units) {
            out.append("\n<li><a href=\"");
            escape(out, u.href()).append("\">");
            escape(out, u.name()).append("</a> ");
            if (u.capacity() != null) {
                escape(out.append("<span>"), u.capacity()).append("</span>");
            }
            if (!u.cells().isEmpty()) {
                out.append("<ul class=\"slot-states\">");
                for (Cell c : u.cells()) {
                    escape(out.append("<li><span>"), c.label()).append("</span>");
                    if (c.href() != null) {
                        escape(out.append("<a href=\""), c.href()).append("\"><span>");
                        escape(out, c.state()).append("</span><span class=\"visually-hidden\">");
                        escape(out, c.hidden()).append("</span></a>");
                    } else {
                        escape(out.append("<span>"), c.state()).append("</span>");
                    }
                    out.append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</li>");
        }
        return out.append("\n        ").toString(); // the indentation of the list's closing tag, as before
    }

    /** Appends {@code s} escaped as Thymeleaf escapes text and attribute values in HTML ({@link HtmlText}). */
    private static StringBuilder escape(StringBuilder out, String s) {
        return HtmlText.appendEscaped(out, s);
    }

    private static String unitName(RoomFinder.Unit u, Locale locale) {
        String room = u.room().room().name().in(locale);
        return u.part() == null ? room : room + " " + u.part().label(locale);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The texts of one request, each made once: messages, slot labels, state words. */
    private final class Texts {
        private final Locale locale;
        private final String day;
        private final DateTimeFormatter time;
        private final Map<Slot, String> labels = new HashMap<>();
        private final Map<Slot, String> hidden = new HashMap<>();
        private final Map<String, String> states = new HashMap<>();
        private final Map<String, String> made = new HashMap<>();

        Texts(Locale locale, LocalDate date) {
            this.locale = locale;
            this.day = date == null ? "" : Wareki.format(date, locale);
            // as the templates print a LocalTime (Spring's formatting, the short style of the language)
            this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        }

        /** A message, looked up once per request for each code and arguments (243 units share a few capacities). */
        String msg(String code, Object... args) {
            return made.computeIfAbsent(args.length == 0 ? code : code + '\u0000' + java.util.Arrays.toString(args),
                k -> messages.getMessage(code, args, locale));
        }

        private String time(LocalTime t) {
            return time.format(t);
        }

        Cell cell(Availability c, String href) {
            Slot s = c.slot();
            String label = labels.computeIfAbsent(s, x -> x.label(locale) + " " + time(x.start()) + "–" + time(x.end()) + "：");
            String status = c.status().slug();
            if (c.status() == Availability.Status.OPEN) {
                return new Cell(label, states.computeIfAbsent(status, k -> msg("reservation.status.open")), href,
                    hidden.computeIfAbsent(s, x -> " " + msg("reservation.room.bookSlot", day, x.label(locale))));
            }
            String key = status + "/" + c.reason();
            String state = states.computeIfAbsent(key, k -> msg("reservation.status." + status)
                + (c.reason() == null ? "" : msg("text.inBrackets", msg("reservation.reason." + c.reason()))));
            return new Cell(label, state, null, null);
        }
    }
}
