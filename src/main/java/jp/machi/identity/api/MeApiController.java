package jp.machi.identity.api;

import jp.machi.identity.internal.Account;
import jp.machi.identity.internal.AccountRepository;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/v1/me}: who the token (or session) belongs to. */
@RestController
class MeApiController {

    record Me(long id, String kind, String displayName, String nameKana, String district, String preferredLanguage,
              String email, List<String> roles) {}

    private final AccountRepository accounts;

    MeApiController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/me")
    Me me() {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        Account a = accounts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        return new Me(a.id(), a.kind().toLowerCase(), a.displayName(), a.nameKana(), a.district(),
            a.preferredLanguage(), a.email(), a.roles().stream().map(Role::name).sorted().toList());
    }
}
