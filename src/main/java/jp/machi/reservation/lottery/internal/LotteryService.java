package jp.machi.reservation.lottery.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.draw.VerifiableDraw;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import jp.machi.notification.PersonalNotices;
import jp.machi.reservation.lottery.LotteryWording;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.NewBooking;
import jp.machi.reservation.booking.Residency;
import jp.machi.reservation.groups.Group;
import jp.machi.reservation.groups.Groups;
import jp.machi.reservation.money.Fee;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lottery rounds: creating them, applications with ranked choices during the window, the commitment when the window
 * closes, the draw, the winners' provisional bookings, result mail and confirming a win. Every time-dependent step
 * takes {@code now}, so jobs and tests decide the instant; {@link LotteryJobs} runs them on the wall clock.
 */
@Service
public class LotteryService {

    /** A person applying for themselves: applicant id = account id. */
    public static final String PERSON = "PERSON";
    /** A group applying through its representative: applicant id = group id; one reference, one chance per group. */
    public static final String GROUP = "GROUP";

    private final LotteryRepository repository;
    private final BookableRooms reservations;
    private final Bookers bookers;
    private final Bookings bookings;
    private final Facilities facilities;
    private final Accounts accounts;
    private final Groups groups;
    private final PersonalNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;
    private final LotteryWording wording;

    LotteryService(LotteryRepository repository, BookableRooms reservations, Bookers bookers, Bookings bookings,
                   Facilities facilities, Accounts accounts, Groups groups, PersonalNotices notices, AuditLog audit, Clock clock,
                   @Value("${machi.base-url}") String baseUrl, LotteryWording wording) {
        this.wording = wording;
        this.groups = groups;
        this.repository = repository;
        this.reservations = reservations;
        this.bookers = bookers;
        this.bookings = bookings;
        this.facilities = facilities;
        this.accounts = accounts;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- rounds ----

    /** What staff enter for a new round. Times are instants (the form reads them in the ward's zone). */
    public record RoundForm(String nameJa, String nameEn, LocalDate targetMonth, Instant opensAt, Instant closesAt,
                            Instant drawAt, Instant confirmBy, Instant firstComeAt, int maxChoices, int maxApplications,
                            List<Long> roomIds, LotteryRound.Who who) {

        /** A round everybody may apply in. */
        public RoundForm(String nameJa, String nameEn, LocalDate targetMonth, Instant opensAt, Instant closesAt,
                         Instant drawAt, Instant confirmBy, Instant firstComeAt, int maxChoices, int maxApplications,
                         List<Long> roomIds) {
            this(nameJa, nameEn, targetMonth, opensAt, closesAt, drawAt, confirmBy, firstComeAt, maxChoices,
                maxApplications, roomIds, LotteryRound.Who.EVERYBODY);
        }
    }

    /**
     * Creates a round; throws {@link LotteryException} with the first problem found (codes {@code name},
     * {@code month}, {@code times}, {@code choices}, {@code cap}, {@code who}, {@code rooms}, {@code room-in-other-round}).
     */
    @Transactional
    public long createRound(RoundForm f, Long staffId) {
        if (f.nameJa() == null || f.nameJa().isBlank() || f.nameJa().length() > 100 || f.nameEn() == null
            || f.nameEn().isBlank() || f.nameEn().length() > 100) {
            throw new LotteryException("name");
        }
        if (f.targetMonth() == null || f.targetMonth().getDayOfMonth() != 1) {
            throw new LotteryException("month");
        }
        if (f.opensAt() == null || f.closesAt() == null || f.drawAt() == null || f.confirmBy() == null
            || f.firstComeAt() == null || !f.opensAt().isBefore(f.closesAt()) || f.drawAt().isBefore(f.closesAt())
            || !f.drawAt().isBefore(f.confirmBy()) || f.firstComeAt().isBefore(f.confirmBy())) {
            throw new LotteryException("times");
        }
        if (!f.drawAt().isBefore(f.targetMonth().atStartOfDay(MachiClock.ZONE).toInstant())) {
            throw new LotteryException("times");
        }
        if (f.maxChoices() < 1 || f.maxChoices() > 10) {
            throw new LotteryException("choices");
        }
        if (f.maxApplications() < 1 || f.maxApplications() > 20) {
            throw new LotteryException("cap");
        }
        if (f.who() == null || !f.who().valid()) {
            throw new LotteryException("who");
        }
        List<Long> rooms = f.roomIds() == null ? List.of() : f.roomIds().stream().distinct().toList();
        if (rooms.isEmpty() || rooms.size() > 500) {
            throw new LotteryException("rooms");
        }
        List<BookableRoom> bookable = new ArrayList<>();
        for (long id : rooms) {
            bookable.add(reservations.room(id).orElseThrow(() -> new LotteryException("rooms")));
        }
        if (!repository.overlapping(f.targetMonth(), rooms).isEmpty()) {
            throw new LotteryException("room-in-other-round");
        }
        long id = repository.insertRound(f.nameJa().strip(), f.nameEn().strip(), f.targetMonth(), f.opensAt(), f.closesAt(),
            f.drawAt(), f.confirmBy(), f.firstComeAt(), f.maxChoices(), f.maxApplications(), f.who(), staffId);
        for (BookableRoom r : bookable) {
            repository.addRoom(id, r.room().id(), r.facility().id());
        }
        if (CurrentActor.principal().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.lottery.round-created", null, "lottery-round:" + id,
                AuditDetail.of("reservation.lottery.audit.round", AuditDetail.named(f.nameJa().strip(), f.nameEn().strip()),
                    f.targetMonth(), rooms.size(), AuditDetail.words("reservation.lottery.who.", f.who().keys()))));
        }
        return id;
    }

    public List<LotteryRound> rounds() {
        return repository.rounds();
    }

    public Optional<LotteryRound> round(long id) {
        return repository.find(id);
    }

    /** The round's rooms that can still be booked online, in the round's order. */
    public List<BookableRoom> rooms(LotteryRound round) {
        List<BookableRoom> rooms = new ArrayList<>();
        for (long id : repository.roomsOf(round.id())) {
            reservations.room(id).ifPresent(rooms::add);
        }
        return rooms;
    }

    public List<Long> roomIds(LotteryRound round) {
        return repository.roomsOf(round.id());
    }

    public long applicationCount(long roundId) {
        return repository.applicationCount(roundId);
    }

    public long applicantCount(long roundId) {
        return repository.applicantCount(roundId);
    }

    public Optional<String> publishedList(long roundId) {
        return repository.listCsv(roundId);
    }

    public Optional<String> publishedResults(long roundId) {
        return repository.resultsCsv(roundId);
    }

    // ---- applying ----

    /** A person applying for themselves. */
    @Transactional
    public long apply(long accountId, long roundId, List<LotteryRepository.Choice> choices, Instant now) {
        return apply(accountId, false, roundId, choices, now);
    }

    /**
     * A person applies with ranked choices (rank = position in the list, 1 first), for themselves or, with
     * {@code forGroup}, for the group they represent. Checks the window, the booker's registration and suspension, who
     * may apply in the round (persons, groups, non-residents), the group (approved, valid on each chosen day), the
     * number of choices, each choice (room in the round and open to this kind of applicant, day in the target month,
     * slot of the room, facility open and the slot inside its hours, not already booked), duplicates within the
     * application and across the applicant's other applications, and the cap of applications per applicant.
     *
     * @return the new application's id
     * @throws LotteryException with the first problem; nothing is written then
     */
    @Transactional
    public long apply(long accountId, boolean forGroup, long roundId, List<LotteryRepository.Choice> choices, Instant now) {
        LotteryRound round = repository.share(roundId).orElseThrow(() -> new LotteryException("not-found"));
        if (!round.acceptsApplications(now)) {
            throw new LotteryException("not-open");
        }
        Booker booker = bookers.booker(accountId).orElseThrow(() -> new LotteryException("not-registered"));
        LocalDate today = LocalDate.ofInstant(now, MachiClock.ZONE);
        if (booker.suspendedOn(today)) {
            throw new LotteryException("suspended");
        }
        Group group = forGroup ? representedGroup(accountId).orElseThrow(() -> new LotteryException("not-representative")) : null;
        if (group != null && !group.validOn(today)) {
            throw new LotteryException("group-not-approved");
        }
        String notInRound = round.who().excluded(group != null, booker.residency().inWard());
        if (notInRound != null) {
            throw new LotteryException(notInRound + "-not-in-round");
        }
        String kind = group == null ? PERSON : GROUP;
        long applicantId = group == null ? accountId : group.id();
        if (choices == null || choices.isEmpty()) {
            throw new LotteryException("no-choices");
        }
        if (choices.size() > round.maxChoices()) {
            throw new LotteryException("too-many-choices");
        }
        List<Long> roomIds = repository.roomsOf(roundId);
        Map<Long, BookableRoom> rooms = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            LotteryRepository.Choice c = choices.get(i);
            int rank = i + 1;
            if (!roomIds.contains(c.roomId())) {
                throw new LotteryException("room-not-in-round", rank);
            }
            BookableRoom room = rooms.computeIfAbsent(c.roomId(), id -> reservations.room(id).orElse(null));
            if (room == null) {
                throw new LotteryException("room-not-in-round", rank);
            }
            String notForRoom = groups.whoMayBook(room.room().id(), room.facility().id())
                .excluded(group != null, booker.residency().inWard());
            if (notForRoom != null) {
                throw new LotteryException("room-not-for-" + notForRoom, rank);
            }
            if (c.date() == null || !round.inTargetMonth(c.date())) {
                throw new LotteryException("date-not-in-month", rank);
            }
            if (group != null && !group.validOn(c.date())) {
                throw new LotteryException("group-expires", rank);
            }
            Slot slot = room.slot(c.slotCode()).orElseThrow(() -> new LotteryException("unknown-slot", rank));
            DayHours hours = facilities.hoursOn(room.facility().id(), c.date()).orElse(null);
            if (!BookableRooms.opensFor(hours, slot)) {
                throw new LotteryException("closed", rank);
            }
            if (!seen.add(c.roomId() + "/" + c.date() + "/" + c.slotCode())) {
                throw new LotteryException("duplicate", rank);
            }
        }
        // one decision per applicant at a time, across every round of the month (the cap is per month)
        repository.lockApplicantMonth(kind, applicantId, round.targetMonth());
        repository.lockApplicant(roundId, kind, applicantId);
        List<LotteryRepository.Application> earlier = repository.applicationsOf(roundId, kind, applicantId);
        if (repository.applicationsInMonth(kind, applicantId, round.targetMonth()) >= round.maxApplications()) {
            throw new LotteryException("cap");
        }
        for (LotteryRepository.Application a : earlier) {
            for (LotteryRepository.Choice c : a.choices()) {
                String key = c.roomId() + "/" + c.date() + "/" + c.slotCode();
                if (seen.contains(key)) {
                    throw new LotteryException("duplicate-other", choices.indexOf(choices.stream()
                        .filter(x -> key.equals(x.roomId() + "/" + x.date() + "/" + x.slotCode())).findFirst().orElseThrow()) + 1);
                }
            }
        }
        Set<String> booked = new HashSet<>();
        for (long roomId : rooms.keySet()) {
            for (Booking b : bookings.ofFacility(rooms.get(roomId).facility().id(), round.targetMonth(), round.lastDay())) {
                booked.add(b.roomId() + "/" + b.date() + "/" + b.slotCode());
            }
        }
        for (int i = 0; i < choices.size(); i++) {
            LotteryRepository.Choice c = choices.get(i);
            if (booked.contains(c.roomId() + "/" + c.date() + "/" + c.slotCode())) {
                throw new LotteryException("booked", i + 1);
            }
        }
        long id = repository.insertApplication(roundId, kind, applicantId, now);
        for (int i = 0; i < choices.size(); i++) {
            LotteryRepository.Choice c = choices.get(i);
            repository.insertChoice(id, new LotteryRepository.Choice(i + 1, c.roomId(), c.date(), c.slotCode()));
        }
        if (CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.lottery.proxy-apply", accountId, "lottery-application:" + id,
                group == null ? AuditDetail.of("reservation.lottery.audit.apply", roundId)
                    : AuditDetail.of("reservation.lottery.audit.apply.group", roundId, group.id())));
        }
        return id;
    }

    /** Withdraws one of the person's applications while the window is open. */
    @Transactional
    public void withdraw(long accountId, long applicationId, Instant now) {
        LotteryRepository.Application a = repository.application(applicationId).filter(x -> owns(accountId, x))
            .orElseThrow(() -> new LotteryException("not-found"));
        LotteryRound round = repository.share(a.roundId()).orElseThrow(() -> new LotteryException("not-found"));
        if (!round.acceptsApplications(now)) {
            throw new LotteryException("not-open");
        }
        repository.deleteApplication(applicationId);
    }

    /** The person's own application, or their group's when they are its representative. */
    private boolean owns(long accountId, LotteryRepository.Application a) {
        return PERSON.equals(a.applicantKind()) ? a.applicantId() == accountId
            : GROUP.equals(a.applicantKind()) && representedGroup(accountId).filter(g -> g.id() == a.applicantId()).isPresent();
    }

    /** The group the person represents (any state), if any: they apply, withdraw and confirm for it. */
    public Optional<Group> representedGroup(long accountId) {
        return groups.representedBy(accountId);
    }

    /** Today in the ward. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), MachiClock.ZONE);
    }

    /**
     * One applicant's view of one round: their reference (null before they applied) and applications; {@code group}
     * is the group when the applicant is a group (the person signed in being its representative), else null.
     */
    public record Mine(LotteryRound round, String reference, List<LotteryRepository.Application> applications, Group group) {}

    public Mine mine(long accountId, LotteryRound round) {
        return new Mine(round, repository.reference(round.id(), PERSON, accountId).orElse(null),
            repository.applicationsOf(round.id(), PERSON, accountId), null);
    }

    /** The round as seen for the group the person represents; empty when they represent none. */
    public Optional<Mine> ours(long accountId, LotteryRound round) {
        return representedGroup(accountId).map(g -> new Mine(round, repository.reference(round.id(), GROUP, g.id()).orElse(null),
            repository.applicationsOf(round.id(), GROUP, g.id()), g));
    }

    /** Every round the person applied in, for themselves and (after those) for the group they represent. */
    public List<Mine> allMine(long accountId) {
        List<Mine> mine = new ArrayList<>(byRound(repository.applicationsOfPerson(accountId), PERSON, accountId, null));
        representedGroup(accountId).ifPresent(g -> mine.addAll(byRound(repository.applicationsOfGroup(g.id()), GROUP, g.id(), g)));
        return mine;
    }

    private List<Mine> byRound(List<LotteryRepository.Application> applications, String kind, long applicantId, Group group) {
        Map<Long, List<LotteryRepository.Application>> byRound = new LinkedHashMap<>();
        for (LotteryRepository.Application a : applications) {
            byRound.computeIfAbsent(a.roundId(), k -> new ArrayList<>()).add(a);
        }
        List<Mine> mine = new ArrayList<>();
        for (var e : byRound.entrySet()) {
            repository.find(e.getKey()).ifPresent(r -> mine.add(new Mine(r,
                repository.reference(r.id(), kind, applicantId).orElse(null), e.getValue(), group)));
        }
        return mine;
    }

    // ---- commitment and draw ----

    /**
     * Fixes the round once its window has closed: numbers each applicant's applications, writes the canonical
     * list, draws a secret random seed and publishes SHA-256 of both. Returns false when the round is not due
     * (window still open) or already committed.
     */
    @Transactional
    public boolean commit(long roundId, Instant now) {
        LotteryRound round = repository.lock(roundId).orElseThrow(() -> new LotteryException("not-found"));
        if (round.phase() != LotteryRound.Phase.PLANNED || now.isBefore(round.closesAt())) {
            return false;
        }
        repository.deleteApplicantsWithoutApplications(roundId);
        repository.numberApplications(roundId);
        String list = VerifiableDraw.listCsv(LotteryFormat.FORMAT, repository.entries(roundId));
        String seed = VerifiableDraw.newSeed();
        String listSha = VerifiableDraw.sha256(list);
        String seedSha = VerifiableDraw.sha256(seed);
        repository.committed(roundId, list, listSha, seed, seedSha, now);
        record(CurrentActor.principal().isPresent(), "reservation.lottery.committed", roundId,
            AuditDetail.of("reservation.lottery.audit.committed", listSha, seedSha));
        return true;
    }

    /**
     * Draws a committed round once its draw time has come: the results are {@link VerifiableDraw#draw} of the stored
     * list and seed; every win becomes a PROVISIONAL booking that lapses at the confirmation deadline unless the
     * winner confirms it. The seed and results are published. Returns false when not due or already drawn.
     */
    @Transactional
    public boolean draw(long roundId, Instant now) {
        LotteryRound round = repository.lock(roundId).orElseThrow(() -> new LotteryException("not-found"));
        if (round.phase() != LotteryRound.Phase.COMMITTED || now.isBefore(round.drawAt())) {
            return false;
        }
        String seed = repository.secretSeed(roundId);
        String list = repository.listCsv(roundId).orElseThrow();
        List<VerifiableDraw.Result> drawn = VerifiableDraw.draw(VerifiableDraw.parseList(LotteryFormat.FORMAT, list), seed);
        List<LotteryFormat.Result> results = drawn.stream().map(LotteryFormat.Result::of).toList();
        Map<String, LotteryRepository.Card> cards = repository.cards(roundId);
        List<LotteryFormat.Result> wins = results.stream().filter(LotteryFormat.Result::won).toList();
        Map<Long, Long> representatives = groups.representatives(wins.stream()
            .map(w -> cards.get(w.reference() + "#" + w.application())).filter(c -> c != null && GROUP.equals(c.kind()))
            .map(LotteryRepository.Card::applicantId).distinct().toList());
        Map<Long, Residency> residency = bookers.residencies(wins.stream()
            .map(w -> cards.get(w.reference() + "#" + w.application())).filter(java.util.Objects::nonNull)
            .map(c -> PERSON.equals(c.kind()) ? c.applicantId() : representatives.get(c.applicantId()))
            .filter(java.util.Objects::nonNull).distinct().toList());
        Map<Long, Optional<BookableRoom>> rooms = new HashMap<>();
        List<NewBooking> rows = new ArrayList<>();
        for (LotteryFormat.Result w : wins) {
            LotteryRepository.Card card = cards.get(w.reference() + "#" + w.application());
            boolean forGroup = card != null && GROUP.equals(card.kind());
            Long booker = card == null ? null : forGroup ? representatives.get(card.applicantId()) : (Long) card.applicantId();
            Residency r = booker == null ? null : residency.get(booker);
            var room = rooms.computeIfAbsent(w.room(), reservations::room);
            Slot slot = room.flatMap(x -> x.slot(w.slot())).orElse(null);
            if (r == null || slot == null) {
                continue; // the applicant, their group's approval or the room is gone: the win stands, without a booking
            }
            Fee fee = MoneyTerms.fee(room.get().rules(), r.inWard(), false, slot.code());
            rows.add(new NewBooking(w.room(), room.get().facility().id(), w.date(), slot, booker, fee,
                "lottery-" + roundId + "-" + card.applicationId(), forGroup ? (Long) card.applicantId() : null, null, null));
        }
        Map<String, Long> bookings = this.bookings.insertHeld(rows, round.confirmBy(), now);
        List<long[]> marks = new ArrayList<>();
        for (LotteryFormat.Result w : wins) {
            LotteryRepository.Card card = cards.get(w.reference() + "#" + w.application());
            if (card != null) {
                Long booking = bookings.get("lottery-" + roundId + "-" + card.applicationId());
                marks.add(new long[] {card.applicationId(), w.rank(), booking == null ? -1 : booking});
            }
        }
        repository.markWinners(marks);
        repository.drawn(roundId, VerifiableDraw.resultsCsv(LotteryFormat.FORMAT, drawn), now);
        record(CurrentActor.principal().isPresent(), "reservation.lottery.drawn", roundId,
            AuditDetail.of("reservation.lottery.audit.drawn", results.size(), wins.size(), bookings.size()));
        return true;
    }

    private void record(boolean byStaff, String action, long roundId, AuditDetail detail) {
        audit.record(byStaff ? AuditEvent.byCurrentActor(action, null, "lottery-round:" + roundId, detail)
            : AuditEvent.system(action, null, "lottery-round:" + roundId, detail));
    }

    /** The job's work: commits every round whose window has closed, draws every round whose draw time came. */
    public void runDue(Instant now) {
        for (long id : repository.due("PLANNED", "closes_at", now)) {
            commit(id, now);
        }
        for (long id : repository.due("COMMITTED", "draw_at", now)) {
            draw(id, now);
        }
    }

    /** Verifies a round's published data (or data someone pasted) against its commitments. */
    public VerifiableDraw.Verification verify(LotteryRound round, String list, String seed, String results) {
        return VerifiableDraw.verify(LotteryFormat.FORMAT, list, seed, results, round.listSha256(), round.seedSha256());
    }

    // ---- results ----

    /**
     * Tells up to {@code limit} applicants of drawn rounds their result, each in their language, as a personal notice
     * of the type {@code reservation.lottery-result} (module notification: My Page inbox and mail, unless staff
     * switched the type off or the applicant stopped it; a group's result goes to its representative). One transaction
     * for the batch: an applicant is marked told with their notice, and the notice's key keeps a re-run from telling
     * anyone twice. Returns how many were handled; call again until 0.
     */
    @Transactional
    public int sendResults(int limit, Instant now) {
        List<LotteryRepository.Applicant> batch = repository.unnotified(limit);
        Map<Long, LotteryRound> rounds = new HashMap<>();
        for (LotteryRepository.Applicant p : batch) {
            LotteryRound round = rounds.computeIfAbsent(p.roundId(), id -> repository.find(id).orElseThrow());
            Optional<Group> group = GROUP.equals(p.kind()) ? groups.find(p.applicantId()) : Optional.empty();
            long to = group.map(Group::representativeId).orElse(p.applicantId());
            accounts.find(to).ifPresent(a -> {
                Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
                String name = group.map(g -> g.name() + (Locale.ENGLISH.equals(locale) ? " (" : "（") + a.displayName()
                    + (Locale.ENGLISH.equals(locale) ? ")" : "）")).orElse(a.displayName());
                notices.send(PersonalNotice.toAccount(LotteryNotices.RESULT,
                    "lottery:" + round.id() + ":" + p.kind() + ":" + p.applicantId(), a.id(), resultValues(round, p, name, locale),
                    "/account/lottery/rounds/" + round.id()));
            });
            repository.notified(p, now);
        }
        return batch.size();
    }

    private Map<String, String> resultValues(LotteryRound round, LotteryRepository.Applicant p, String name, Locale locale) {
        boolean en = Locale.ENGLISH.equals(locale);
        LotteryWording.Describer say = wording.in(locale);
        List<String> lines = new ArrayList<>();
        int won = 0;
        for (LotteryRepository.Application a : repository.applicationsOf(round.id(), p.kind(), p.applicantId())) {
            var w = a.won();
            String head = (en ? "Application " : "申込 ") + a.cardNo() + (en ? ": " : "：");
            if (w.isPresent()) {
                won++;
                String status = a.bookingId() == null ? (en ? " (the slot could not be held; see your page)" : "（枠を確保できませんでした。ページをご覧ください）") : "";
                lines.add(head + say.won(w.get().rank(), w.get().roomId(), w.get().date(), w.get().slotCode()) + status);
            } else {
                lines.add(head + say.lost());
            }
        }
        String confirmBy = jp.machi.shared.web.MachiDates.dateWithDay(LocalDate.ofInstant(round.confirmBy(), MachiClock.ZONE), locale)
            + " " + LocalDateTime.ofInstant(round.confirmBy(), MachiClock.ZONE).toLocalTime();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("applicant", name);
        values.put("round", round.name(locale));
        values.put("reference", p.reference());
        values.put("results", String.join("\n", lines));
        values.put("won", String.valueOf(won));
        values.put("confirm", won == 0 ? "" : en
            ? "Each slot you won is held for you as a provisional booking. Confirm it on the page below by " + confirmBy
                + "; a provisional booking not confirmed by then is cancelled and opens for first-come booking."
            : "当選した枠は仮予約になっています。" + confirmBy + " までに次のページで「予約を確定する」を押してください。"
                + "期限までに確定しない仮予約は取り消され、先着受付に回ります。");
        values.put("verify", baseUrl + "/reservations/lottery/rounds/" + round.id() + "/verify");
        return values;
    }

    /** One choice in words ({@link LotteryWording}), in the reader's language. */
    public String describe(LotteryRepository.Choice c, Locale locale) {
        return wording.in(locale).slot(c.roomId(), c.date(), c.slotCode());
    }

    // ---- confirming a win ----

    /** The winner confirms their provisional booking before the deadline: it becomes CONFIRMED. */
    @Transactional
    public void confirm(long accountId, long applicationId, Instant now) {
        LotteryRepository.Application a = repository.application(applicationId).filter(x -> owns(accountId, x))
            .orElseThrow(() -> new LotteryException("not-found"));
        if (a.bookingId() == null || !bookings.confirmHeld(a.bookingId(), accountId, now)) {
            throw new LotteryException("cannot-confirm");
        }
        if (CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.lottery.proxy-confirm", accountId, "booking:" + a.bookingId(),
                AuditDetail.of("reservation.lottery.audit.confirm", a.roundId())));
        }
    }

    public Optional<String> bookingStatus(long bookingId) {
        return bookings.status(bookingId);
    }

    // ---- first-come: what a round holds back ----

    /** The rounds holding the room's slots between {@code from} and {@code to} at {@code now}. */
    public List<LotteryRound> holding(long roomId, LocalDate from, LocalDate to, Instant now) {
        return repository.holding(roomId, from, to, now);
    }
}
