package jp.machi.reservation.lottery.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.web.Params;
import jp.machi.shared.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public lottery API: rounds with their commitment and, after the draw, seed and anonymised results. */
@RestController
@Tag(name = "Lottery", description = "Lottery rounds (抽選): commitment hashes, seed and anonymised results")
class LotteryApiController {

    private final LotteryService lottery;
    private final ApiProblems problems;

    LotteryApiController(LotteryService lottery, ApiProblems problems) {
        this.lottery = lottery;
        this.problems = problems;
    }

    @GetMapping(value = "/api/v1/lottery/rounds", produces = "application/json")
    @Operation(summary = "Every lottery round (newest target month first), without results",
        description = "Each round: id, names, targetMonth, state (scheduled|open|closed|committed|drawn|finished), "
            + "window, draw, confirmation deadline and first-come opening (ISO-8601 instants), rooms, the commitment "
            + "(listSha256, seedSha256) once committed and the seed once drawn. No token needed.")
    @ApiResponse(responseCode = "200", description = "The rounds", content = @Content(mediaType = "application/json"))
    ResponseEntity<Object> rounds() {
        Instant now = lottery.now();
        return ResponseEntity.ok(lottery.rounds().stream().map(r -> view(r, now, false)).toList());
    }

    @GetMapping(value = "/api/v1/lottery/rounds/{id}", produces = "application/json")
    @Operation(summary = "One lottery round; after the draw with its seed and anonymised results",
        description = "results: one object per application {reference, application, rank, roomId, date, slot}; rank, "
            + "roomId, date and slot are null when the application won nothing. The same data as the CSV downloads "
            + "(links.list, links.results), from which anyone can recompute the draw (docs/modules/reservation.md).")
    @ApiResponse(responseCode = "200", description = "The round", content = @Content(mediaType = "application/json"))
    @ApiResponse(responseCode = "400", description = "Malformed id (a problem detail naming the parameter id)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such round (a problem detail)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> round(@Parameter(description = "Round id", schema = @Schema(type = "integer", format = "int64"))
                                 @PathVariable String id, HttpServletRequest request) {
        Long roundId = Params.id(id).orElse(null);
        if (roundId == null) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "id", "reservation.lottery.api.badId", request);
        }
        return lottery.round(roundId).<ResponseEntity<?>>map(r -> ResponseEntity.ok(view(r, lottery.now(), true)))
            .orElseGet(() -> error(HttpStatus.NOT_FOUND, "not-found", "id", "reservation.lottery.api.notFound", request));
    }

    private Map<String, Object> view(LotteryRound r, Instant now, boolean withResults) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", Map.of("ja", r.nameJa(), "en", r.nameEn()));
        m.put("targetMonth", r.targetMonth().toString().substring(0, 7));
        m.put("state", r.state(now));
        m.put("opensAt", r.opensAt().toString());
        m.put("closesAt", r.closesAt().toString());
        m.put("drawAt", r.drawAt().toString());
        m.put("confirmBy", r.confirmBy().toString());
        m.put("firstComeAt", r.firstComeAt().toString());
        m.put("maxChoices", r.maxChoices());
        m.put("maxApplications", r.maxApplications());
        m.put("whoMayApply", Map.of("individuals", r.who().individuals(), "groups", r.who().groups(),
            "nonResidents", r.who().nonResidents()));
        m.put("roomIds", lottery.roomIds(r));
        if (r.phase() != LotteryRound.Phase.PLANNED) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("listSha256", r.listSha256());
            c.put("seedSha256", r.seedSha256());
            c.put("committedAt", r.committedAt().toString());
            m.put("commitment", c);
        } else {
            m.put("commitment", null);
        }
        m.put("seed", r.seedIfDrawn());
        m.put("drawnAt", r.drawnAt() == null ? null : r.drawnAt().toString());
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("page", "/reservations/lottery/rounds/" + r.id());
        if (r.phase() != LotteryRound.Phase.PLANNED) {
            links.put("list", "/reservations/lottery/rounds/" + r.id() + "/list.csv");
        }
        if (r.phase() == LotteryRound.Phase.DRAWN) {
            links.put("results", "/reservations/lottery/rounds/" + r.id() + "/results.csv");
            links.put("verify", "/reservations/lottery/rounds/" + r.id() + "/verify");
        }
        m.put("links", links);
        if (withResults && r.phase() == LotteryRound.Phase.DRAWN) {
            List<Map<String, Object>> results = LotteryFormat.results(lottery.publishedResults(r.id()).orElseThrow())
                .stream().map(x -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("reference", x.reference());
                    e.put("application", x.application());
                    e.put("rank", x.rank());
                    e.put("roomId", x.room());
                    e.put("date", x.date() == null ? null : x.date().toString());
                    e.put("slot", x.slot());
                    return e;
                }).toList();
            m.put("results", results);
        }
        return m;
    }

    private ResponseEntity<?> error(HttpStatus status, String code, String parameter, String key, HttpServletRequest request) {
        return problems.answer(request, status, code, parameter, key);
    }
}
