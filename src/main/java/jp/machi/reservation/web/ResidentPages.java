package jp.machi.reservation.web;

import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Whose business a resident page is. */
public final class ResidentPages {

    private ResidentPages() {}

    /** The resident a staff member acts for at the counter (代理入力), or whoever is signed in. */
    public static long accountId() {
        return CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId)
            .orElseGet(() -> CurrentActor.principal().map(MachiPrincipal::accountId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED)));
    }

    /** The staff member acting for the resident, null when the resident acts themselves. */
    public static Long proxyStaffId() {
        return CurrentActor.actingFor().isPresent() ? CurrentActor.principal().map(MachiPrincipal::accountId).orElse(null) : null;
    }
}
