package jp.machi.identity.api;

import jp.machi.identity.internal.Account;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.internal.AccountService;
import jp.machi.identity.internal.PersonalDataService;
import jp.machi.identity.web.PersonalDataDownload;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/v1/me}: who the token (or session) belongs to. */
@RestController
class MeApiController {

    record Me(long id, String kind, String displayName, String nameKana, String district, String preferredLanguage,
              String email, List<String> roles) {}

    private final AccountService accounts;
    private final PersonalDataService personalData;
    private final AuditLog audit;

    MeApiController(AccountService accounts, PersonalDataService personalData, AuditLog audit) {
        this.accounts = accounts;
        this.personalData = personalData;
        this.audit = audit;
    }

    /** 自己情報の開示 for scripts: the same file as My Page's download. */
    @GetMapping("/api/v1/me/data")
    ResponseEntity<PersonalDataService.Export> data() {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        PersonalDataService.Export export = personalData.export(id);
        audit.record(AuditEvent.byCurrentActor("identity.personal-data.download", id, "account:" + id,
            AuditDetail.of("identity.audit.personal-data.download.api")));
        return PersonalDataDownload.attachment(export);
    }

    @GetMapping("/api/v1/me")
    Me me() {
        long id = CurrentActor.principal().map(MachiPrincipal::accountId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        Account a = accounts.account(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        return new Me(a.id(), a.kind().toLowerCase(), a.displayName(), a.nameKana(), a.district(),
            a.preferredLanguage(), a.email(), a.roles().stream().map(Role::name).sorted().toList());
    }
}
