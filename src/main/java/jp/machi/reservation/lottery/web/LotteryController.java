package jp.machi.reservation.lottery.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.lottery.LotteryWording;
import jp.machi.reservation.lottery.internal.LotteryException;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import jp.machi.reservation.lottery.internal.LotteryRepository;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.ResidentPages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lottery pages. Public: the rounds, a round with its commitment and (after the draw) seed and results, the
 * downloads and the verification page. Signed in (/account/lottery): my applications with my reference, applying
 * with ranked choices, withdrawing while the window is open, my result and confirming a win.
 */
@Controller
class LotteryController {

    /** Results shown on the round page; the download has all of them. */
    static final int SHOWN_RESULTS = 200;
    /** The largest text the verification form takes (the published files of big rounds: use the script). */
    static final int MAX_VERIFY_CHARS = 1_000_000;

    private final LotteryService lottery;
    private final Bookers reservations;
    private final LotteryWording wording;

    LotteryController(LotteryService lottery, Bookers reservations, LotteryWording wording) {
        this.lottery = lottery;
        this.reservations = reservations;
        this.wording = wording;
    }

    // ---- public ----

    @GetMapping("/reservations/lottery")
    String rounds(Model model) {
        model.addAttribute("rounds", lottery.rounds());
        model.addAttribute("now", lottery.now());
        return "reservation/lottery/rounds";
    }

    @GetMapping("/reservations/lottery/rounds/{id}")
    String round(@PathVariable String id, Model model) {
        LotteryRound round = round(id);
        model.addAttribute("round", round);
        model.addAttribute("now", lottery.now());
        model.addAttribute("state", round.state(lottery.now()));
        model.addAttribute("rooms", lottery.rooms(round));
        model.addAttribute("applications", lottery.applicationCount(round.id()));
        model.addAttribute("applicants", lottery.applicantCount(round.id()));
        if (round.phase() == LotteryRound.Phase.DRAWN) {
            List<LotteryFormat.Result> results = LotteryFormat.results(lottery.publishedResults(round.id()).orElseThrow());
            model.addAttribute("resultCount", results.size());
            model.addAttribute("winnerCount", results.stream().filter(LotteryFormat.Result::won).count());
            model.addAttribute("results", results.subList(0, Math.min(SHOWN_RESULTS, results.size())));
            model.addAttribute("say", wording.in(LocaleContextHolder.getLocale()));
        }
        return "reservation/lottery/round";
    }

    @GetMapping("/reservations/lottery/rounds/{id}/list.csv")
    ResponseEntity<byte[]> list(@PathVariable String id) {
        LotteryRound round = round(id);
        return csv(lottery.publishedList(round.id()), "lottery-" + round.id() + "-list.csv");
    }

    @GetMapping("/reservations/lottery/rounds/{id}/results.csv")
    ResponseEntity<byte[]> results(@PathVariable String id) {
        LotteryRound round = round(id);
        return csv(lottery.publishedResults(round.id()), "lottery-" + round.id() + "-results.csv");
    }

    private static ResponseEntity<byte[]> csv(java.util.Optional<String> text, String name) {
        String body = text.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
            .body(body.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/reservations/lottery/rounds/{id}/verify")
    String verify(@PathVariable String id, Model model) {
        LotteryRound round = round(id);
        model.addAttribute("round", round);
        if (round.phase() == LotteryRound.Phase.DRAWN) {
            model.addAttribute("check", lottery.verify(round, lottery.publishedList(round.id()).orElseThrow(), round.seed(),
                lottery.publishedResults(round.id()).orElseThrow()));
            model.addAttribute("source", "published");
        }
        return "reservation/lottery/verify";
    }

    /** Checks data someone pasted (a blank field means "the published one") against the round's commitments. */
    @PostMapping("/reservations/lottery/rounds/{id}/verify")
    String verifyPasted(@PathVariable String id, @RequestParam(required = false) String list,
                        @RequestParam(required = false) String seed, @RequestParam(required = false) String results,
                        Model model, HttpServletResponse response) {
        LotteryRound round = round(id);
        model.addAttribute("round", round);
        if (round.phase() != LotteryRound.Phase.DRAWN) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return "reservation/lottery/verify";
        }
        if (length(list) > MAX_VERIFY_CHARS || length(results) > MAX_VERIFY_CHARS || length(seed) > 200) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            model.addAttribute("tooLarge", true);
            return "reservation/lottery/verify";
        }
        String l = blank(list) ? lottery.publishedList(round.id()).orElseThrow() : list;
        String s = blank(seed) ? round.seed() : seed.strip();
        String r = blank(results) ? lottery.publishedResults(round.id()).orElseThrow() : results;
        model.addAttribute("check", lottery.verify(round, l, s, r));
        model.addAttribute("source", "pasted");
        model.addAttribute("pastedSeed", blank(seed) ? null : s);
        return "reservation/lottery/verify";
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private LotteryRound round(String id) {
        return Params.id(id).flatMap(lottery::round)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    // ---- signed in ----

    @GetMapping("/account/lottery")
    String mine(Model model) {
        long me = applicant();
        model.addAttribute("mine", lottery.allMine(me));
        model.addAttribute("open", lottery.rounds().stream().filter(r -> r.acceptsApplications(lottery.now())).toList());
        model.addAttribute("registered", reservations.booker(me).isPresent());
        return "reservation/lottery/mine";
    }

    /** The person's own applications; with {@code as=group} the applications of the group they represent. */
    @GetMapping("/account/lottery/rounds/{id}")
    String myRound(@PathVariable String id, @RequestParam(name = "as", required = false) String as, Model model) {
        return myRoundPage(round(id), "group".equals(as), model, new ArrayList<>(), new ArrayList<>(), null);
    }

    /** One row of the apply form as entered (kept when the form comes back with errors). */
    record Row(int rank, String room, String date, String slot) {}

    /** A problem with the form: message code, its argument (the row) and the id of the field to link to. */
    record Problem(String code, int rank, String field) {}

    private String myRoundPage(LotteryRound round, boolean asGroup, Model model, List<Row> rows, List<Problem> problems,
                               String done) {
        long me = applicant();
        var now = lottery.now();
        var group = lottery.representedGroup(me).orElse(null);
        if (asGroup && group == null) {
            if (problems.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            asGroup = false; // a form sent "for the group" by someone who represents none: show why on their own page
        }
        var mine = asGroup ? lottery.ours(me, round).orElseThrow() : lottery.mine(me, round);
        List<BookableRoom> rooms = lottery.rooms(round);
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (var r : rooms) {
            for (Slot s : r.slots()) {
                slots.putIfAbsent(s.code(), s);
            }
        }
        while (rows.size() < round.maxChoices()) {
            rows.add(new Row(rows.size() + 1, "", "", ""));
        }
        model.addAttribute("round", round);
        model.addAttribute("state", round.state(now));
        model.addAttribute("mine", mine);
        model.addAttribute("asGroup", asGroup);
        model.addAttribute("group", group);
        model.addAttribute("rooms", rooms);
        model.addAttribute("slots", slots.values());
        model.addAttribute("rows", rows);
        model.addAttribute("problems", problems);
        model.addAttribute("invalid", problems.stream().map(Problem::field).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("registered", reservations.booker(me).isPresent());
        model.addAttribute("canApply", round.acceptsApplications(now) && mine.applications().size() < round.maxApplications());
        model.addAttribute("canWithdraw", round.acceptsApplications(now));
        model.addAttribute("canConfirm", round.phase() == LotteryRound.Phase.DRAWN && now.isBefore(round.confirmBy()));
        Map<Long, String> bookingStatus = new LinkedHashMap<>();
        for (var a : mine.applications()) {
            if (a.bookingId() != null) {
                lottery.bookingStatus(a.bookingId()).ifPresent(s -> bookingStatus.put(a.id(), s));
            }
        }
        model.addAttribute("bookingStatus", bookingStatus);
        model.addAttribute("say", wording.in(LocaleContextHolder.getLocale()));
        if (done != null) {
            model.addAttribute("done", done);
        }
        return "reservation/lottery/my-round";
    }

    @PostMapping("/account/lottery/rounds/{id}/applications")
    String apply(@PathVariable String id, HttpServletRequest request, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        LotteryRound round = round(id);
        long me = applicant();
        boolean asGroup = "group".equals(request.getParameter("as"));
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<LotteryRepository.Choice> choices = new ArrayList<>();
        List<Integer> rowOfChoice = new ArrayList<>();
        int max = Math.min(round.maxChoices(), 10);
        for (int i = 1; i <= max; i++) {
            String room = trim(request.getParameter("room" + i));
            String date = trim(request.getParameter("date" + i));
            String slot = trim(request.getParameter("slot" + i));
            rows.add(new Row(i, room, date, slot));
            if (room.isEmpty() && date.isEmpty() && slot.isEmpty()) {
                continue;
            }
            Long roomId = Params.id(room).orElse(null);
            LocalDate day = Params.date(date);
            if (roomId == null) {
                problems.add(new Problem("room", i, "room" + i));
            }
            if (day == null) {
                problems.add(new Problem("date", i, "date" + i));
            }
            if (slot.isEmpty() || !slot.matches("[a-z0-9-]{1,16}")) {
                problems.add(new Problem("slot", i, "slot" + i));
            }
            if (roomId != null && day != null && slot.matches("[a-z0-9-]{1,16}")) {
                choices.add(new LotteryRepository.Choice(0, roomId, day, slot));
                rowOfChoice.add(i);
            }
        }
        for (String name : request.getParameterMap().keySet()) {
            String number = name.matches("(room|date|slot)\\d+") ? name.replaceAll("\\D", "") : null;
            if (number != null && !number.isEmpty() && (number.length() > 3 || Integer.parseInt(number) > max)
                && !trim(request.getParameter(name)).isEmpty()) {
                problems.add(new Problem("too-many-choices", 0, "room1"));
                break;
            }
        }
        if (problems.isEmpty() && choices.isEmpty()) {
            problems.add(new Problem("no-choices", 0, "room1"));
        }
        if (problems.isEmpty()) {
            try {
                lottery.apply(me, asGroup, round.id(), choices, lottery.now());
                redirect.addFlashAttribute("done", "applied");
                return "redirect:/account/lottery/rounds/" + round.id() + (asGroup ? "?as=group" : "");
            } catch (LotteryException e) {
                int row = e.rank() > 0 && e.rank() <= rowOfChoice.size() ? rowOfChoice.get(e.rank() - 1) : 0;
                problems.add(new Problem(e.code(), row, row > 0 ? "room" + row : "room1"));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return myRoundPage(round, asGroup, model, rows, problems, null);
    }

    @PostMapping("/account/lottery/applications/{id}/withdraw")
    String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, true);
    }

    @PostMapping("/account/lottery/applications/{id}/confirm")
    String confirm(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, false);
    }

    private String act(String id, RedirectAttributes redirect, boolean withdraw) {
        long me = applicant();
        long applicationId = Params.id(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var application = lottery.allMine(me).stream().flatMap(m -> m.applications().stream())
            .filter(a -> a.id() == applicationId).findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        long roundId = application.roundId();
        String page = roundId + (LotteryService.GROUP.equals(application.applicantKind()) ? "?as=group" : "");
        try {
            if (withdraw) {
                lottery.withdraw(me, applicationId, lottery.now());
                redirect.addFlashAttribute("done", "withdrawn");
            } else {
                lottery.confirm(me, applicationId, lottery.now());
                redirect.addFlashAttribute("done", "confirmed");
            }
        } catch (LotteryException e) {
            redirect.addFlashAttribute("refusal", e.code());
        }
        return "redirect:/account/lottery/rounds/" + page;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    /** The person applying: the resident a staff member acts for, or whoever is signed in. */
    private static long applicant() {
        return ResidentPages.accountId();
    }
}
